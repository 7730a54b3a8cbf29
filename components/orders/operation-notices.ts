"use client";
// Toasts for an answer. The result panel holds the details; a toast is the short version that is
// still seen when the panel is scrolled away.
import { useTranslations } from "next-intl";
import { notify } from "@/components/ui/toast";
import { errorMessage } from "@/lib/actions/error-message";
import { formatFen } from "@/lib/money";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import type { Outcome } from "./use-order-operation";

const SUCCESS_TOAST = { modify: "modified", complete: "completed", cancel: "cancelled", sync: "synced" } as const;

export function useOperationNotices(kind: keyof typeof SUCCESS_TOAST) {
  const t = useTranslations("orderForm.toast");
  const tf = useTranslations("orderForm");
  return {
    success(data: OperationSuccess) {
      const total = data.totalAfter === null ? "—" : formatFen(data.totalAfter);
      notify.success(t(SUCCESS_TOAST[kind], { total }));
    },
    failure(outcome: Outcome) {
      if (outcome.kind === "changed") notify.warning(t("changed"));
      else if (outcome.kind === "busy") notify.warning(t("busy", { name: outcome.heldBy?.name ?? "—" }));
      else if (outcome.kind === "unreachable") notify.error(t("unreachable"));
      else if (outcome.kind === "notLoaded") notify.error(t("notLoaded"));
      else if (outcome.kind === "error") {
        const { error } = outcome;
        const message = errorMessage(error);
        const detail = message.wechatCode ? `${message.wechatCode}：${tf(message.key)}` : tf(message.key);
        if (error.code === "OUTCOME_UNKNOWN") notify.warning(detail);
        else notify.error(t("failed", { detail }));
      }
    },
  };
}
