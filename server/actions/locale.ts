"use server";
// Switching the UI language needs no session: it only sets the cookie that i18n/request.ts reads.
// Anyone can POST to a server action with any argument, so the input is `unknown`: anything but the
// switch's own form (a FormData with a known locale) is ignored quietly, never answered with a 500.
import { cookies } from "next/headers";
import { LOCALE_COOKIE, type Locale, isLocale } from "@/i18n/locales";

function localeFrom(input: unknown): Locale | null {
  try {
    // React can decode a forged reference into a proxy that throws on any use, instanceof included.
    if (!(input instanceof FormData)) return null;
    const locale = input.get("locale");
    return typeof locale === "string" && isLocale(locale) ? locale : null;
  } catch {
    return null;
  }
}

export async function setLocaleAction(input: unknown): Promise<void> {
  const locale = localeFrom(input);
  if (!locale) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}
