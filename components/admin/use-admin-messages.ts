"use client";
// Text for the admin forms: schema message keys (field errors) and the actions' ActionResult errors.
import { useTranslations } from "next-intl";
import type { AppErrorInfo } from "@/lib/actions/result";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/admin/passwords";

export function useAdminMessages() {
  const t = useTranslations("admin");
  const text = (key: string): string => {
    const path = `errors.${key}`;
    return t.has(path) ? t(path as "errors.INTERNAL_ERROR", { min: PASSWORD_MIN, max: PASSWORD_MAX }) : t("errors.INTERNAL_ERROR");
  };
  return {
    /** A field's schema message key (e.g. "passwordTooShort"). */
    field: (key: string | undefined): string | null => (key ? text(key) : null),
    /** An action's refusal: its reason when it has one of ours, else its code. */
    action: (error: AppErrorInfo): string => text(error.reason ?? error.code),
    /** A form's checks could not be fetched: nothing was sent. */
    unreachable: (): string => text("UNREACHABLE"),
  };
}
