"use client";
// Dates and times in client components: the console's fixed styles through lib/time-format (no Intl,
// the same text on the server and in the browser) while the time zone is Beijing's and the locale
// one of ours; next-intl's formatter (Intl) otherwise.
import { useCallback } from "react";
import { useFormatter, useLocale, useTimeZone } from "next-intl";
import { isLocale } from "@/i18n/locales";
import { DATE_TIME_STYLES, FIXED_TIME_ZONE, formatBeijingDateTime, type DateTimeStyle } from "@/lib/time-format";

export type { DateTimeStyle };

export function useDateTime(): (value: Date | string, style: DateTimeStyle) => string {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const format = useFormatter();
  return useCallback(
    (value: Date | string, style: DateTimeStyle) =>
      timeZone === FIXED_TIME_ZONE && isLocale(locale)
        ? formatBeijingDateTime(value, locale, style)
        : format.dateTime(typeof value === "string" ? new Date(value) : value, DATE_TIME_STYLES[style]),
    [format, locale, timeZone],
  );
}
