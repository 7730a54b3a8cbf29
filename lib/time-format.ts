// Date and time as the console shows them, in Beijing time (Asia/Shanghai: UTC+8 all year, no
// daylight saving since September 1991), in 简体中文 or English, without Intl.
//
// Why not Intl.DateTimeFormat (next-intl's format.dateTime): the first DateTimeFormat a page makes
// loads the locale's ICU data, 30–45 ms of one task on the bench machine, and the order page made it
// while hydrating — ×4 under Lighthouse's mobile emulation, the largest part of its Total Blocking
// Time after React itself. These few fixed patterns are what ICU produces for them (CLDR 48; the
// unit test compares every style and locale with Intl over thousands of instants), and because the
// server and the browser run this same function they cannot disagree during hydration either (two
// ICU versions can: a narrow no-break space before "AM" in one, a space in the other).
// Any other time zone or locale goes to Intl (components/i18n/use-date-time.ts), and so does a date
// before 1992.
import type { Locale } from "@/i18n/locales";
import { BEIJING_OFFSET_MS } from "./payscore/beijing-time";

export const FIXED_TIME_ZONE = "Asia/Shanghai";
/** China's last daylight-saving period ended on 1991-09-15; from 1992 on the offset is fixed. */
const FIXED_SINCE_MS = Date.UTC(1992, 0, 1);

/**
 * The styles the console uses, and the Intl options each one stands for:
 * "dateShort" 2026/12/8 · 12/8/26; "dateMedium" 2026年12月8日 · Dec 8, 2026; "time" 09:05:03 ·
 * 9:05:03 AM; "shortShort" date short + time short; "shortMedium"; "mediumShort"; "mediumMedium";
 * "numericDate" 2026/12/08 · 12/08/2026; "numericTime" 09:05:03 · 09:05:03 AM; "monthDayTime"
 * 12/08 09:05 · 12/08, 09:05 AM.
 */
export const DATE_TIME_STYLES = {
  dateShort: { dateStyle: "short" },
  dateMedium: { dateStyle: "medium" },
  time: { timeStyle: "medium" },
  shortShort: { dateStyle: "short", timeStyle: "short" },
  shortMedium: { dateStyle: "short", timeStyle: "medium" },
  mediumShort: { dateStyle: "medium", timeStyle: "short" },
  mediumMedium: { dateStyle: "medium", timeStyle: "medium" },
  numericDate: { year: "numeric", month: "2-digit", day: "2-digit" },
  numericTime: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
  monthDayTime: { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateTimeStyle = keyof typeof DATE_TIME_STYLES;

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function beijingParts(date: Date): Parts {
  const t = new Date(date.getTime() + BEIJING_OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

function dateText(p: Parts, locale: Locale, style: "short" | "medium" | "numeric"): string {
  if (locale === "zh-CN") {
    if (style === "medium") return `${p.year}年${p.month}月${p.day}日`;
    if (style === "numeric") return `${p.year}/${pad2(p.month)}/${pad2(p.day)}`;
    return `${p.year}/${p.month}/${p.day}`;
  }
  if (style === "medium") return `${MONTHS_EN[p.month - 1]} ${p.day}, ${p.year}`;
  if (style === "numeric") return `${pad2(p.month)}/${pad2(p.day)}/${p.year}`;
  return `${p.month}/${p.day}/${pad2(p.year % 100)}`;
}

function timeText(p: Parts, locale: Locale, seconds: boolean, twoDigitHour = false): string {
  const tail = seconds ? `:${pad2(p.minute)}:${pad2(p.second)}` : `:${pad2(p.minute)}`;
  if (locale === "zh-CN") return `${pad2(p.hour)}${tail}`;
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${twoDigitHour ? pad2(hour12) : hour12}${tail} ${p.hour < 12 ? "AM" : "PM"}`;
}

/** `value` (a Date or an ISO string) in Beijing time, in one of the console's styles. An invalid date gives "". */
export function formatBeijingDateTime(value: Date | string, locale: Locale, style: DateTimeStyle): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  // Before 1992 Beijing time had summers at UTC+9: ICU knows them (no payscore order is that old).
  if (date.getTime() < FIXED_SINCE_MS) return new Intl.DateTimeFormat(locale, { ...DATE_TIME_STYLES[style], timeZone: FIXED_TIME_ZONE }).format(date);
  const p = beijingParts(date);
  const joiner = locale === "zh-CN" ? " " : ", ";
  switch (style) {
    case "dateShort":
      return dateText(p, locale, "short");
    case "dateMedium":
      return dateText(p, locale, "medium");
    case "time":
      return timeText(p, locale, true);
    case "shortShort":
      return dateText(p, locale, "short") + joiner + timeText(p, locale, false);
    case "shortMedium":
      return dateText(p, locale, "short") + joiner + timeText(p, locale, true);
    case "mediumShort":
      return dateText(p, locale, "medium") + joiner + timeText(p, locale, false);
    case "mediumMedium":
      return dateText(p, locale, "medium") + joiner + timeText(p, locale, true);
    case "numericDate":
      return dateText(p, locale, "numeric");
    case "numericTime":
      return timeText(p, locale, true, true);
    case "monthDayTime":
      return `${pad2(p.month)}/${pad2(p.day)}${joiner}${timeText(p, locale, false, true)}`;
  }
}
