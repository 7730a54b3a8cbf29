"use server";
// Switching the UI language needs no session: it only sets the cookie that i18n/request.ts reads.
import { cookies } from "next/headers";
import { LOCALE_COOKIE, isLocale } from "@/i18n/locales";

export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (typeof locale !== "string" || !isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}
