// Dates and times in components: the console's fixed styles through lib/time-format (no Intl, the
// same text on the server and in the browser) while the time zone is Beijing's and the locale one of
// ours; next-intl's formatter (Intl) otherwise. No "use client" and no React hook of its own: shared
// components call it while rendering on the server too (the approvals queue, the trail).
import { useFormatter, useLocale, useTimeZone } from "next-intl";
import { isLocale } from "@/i18n/locales";
import { DATE_TIME_STYLES, FIXED_TIME_ZONE, formatBeijingDateTime, type DateTimeStyle } from "@/lib/time-format";

export type { DateTimeStyle };

export function useDateTime(): (value: Date | string, style: DateTimeStyle) => string {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const format = useFormatter();
  return (value, style) =>
    timeZone === FIXED_TIME_ZONE && isLocale(locale)
      ? formatBeijingDateTime(value, locale, style)
      : format.dateTime(typeof value === "string" ? new Date(value) : value, DATE_TIME_STYLES[style]);
}
