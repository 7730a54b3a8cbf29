import { describe, expect, it } from "vitest";
import { LOCALES } from "@/i18n/locales";
import { DATE_TIME_STYLES, FIXED_TIME_ZONE, formatBeijingDateTime, type DateTimeStyle } from "./time-format";

const STYLES = Object.keys(DATE_TIME_STYLES) as DateTimeStyle[];

/** What ICU says, with the spaces ICU versions disagree on (U+202F before AM/PM) made plain. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intl(date: Date, locale: string, style: DateTimeStyle): string {
  const key = `${locale} ${style}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, { ...DATE_TIME_STYLES[style], timeZone: FIXED_TIME_ZONE })));
  return format.format(date).replace(/[\u202f\u00a0]/g, " ");
}

describe("formatBeijingDateTime", () => {
  it.each([
    ["zh-CN", "shortShort", "2026/12/8 00:05"],
    ["zh-CN", "shortMedium", "2026/12/8 00:05:03"],
    ["zh-CN", "time", "00:05:03"],
    ["zh-CN", "mediumMedium", "2026年12月8日 00:05:03"],
    ["zh-CN", "numericDate", "2026/12/08"],
    ["zh-CN", "numericTime", "00:05:03"],
    ["en", "shortShort", "12/8/26, 12:05 AM"],
    ["en", "mediumShort", "Dec 8, 2026, 12:05 AM"],
    ["en", "time", "12:05:03 AM"],
    ["en", "numericDate", "12/08/2026"],
    ["en", "numericTime", "12:05:03 AM"],
    ["zh-CN", "monthDayTime", "12/08 00:05"],
    ["en", "monthDayTime", "12/08, 12:05 AM"],
  ] as const)("%s %s of 2026-12-07T16:05:03Z (Beijing 00:05:03 the next day) → %s", (locale, style, text) => {
    expect(formatBeijingDateTime("2026-12-07T16:05:03.000Z", locale, style)).toBe(text);
  });

  it("gives the same text as Intl in Asia/Shanghai for every style and locale over 3,000 instants", () => {
    // A fixed pseudo-random walk over 1985–2069 (China's summer time of 1986–1991 included), with
    // midnight, noon and a year's end added.
    let seed = 20261208;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const instants = Array.from({ length: 3000 }, () => new Date(Date.UTC(1985, 0, 1) + Math.floor(random() * 85 * 365.25 * 86_400_000)));
    instants.push(new Date("2026-12-31T16:00:00Z"), new Date("2026-12-31T15:59:59Z"), new Date("2027-01-01T04:00:00Z"), new Date("2024-02-28T16:30:00Z"));
    let compared = 0;
    for (const locale of LOCALES) {
      for (const style of STYLES) {
        for (const date of instants) {
          expect(formatBeijingDateTime(date, locale, style), `${locale} ${style} ${date.toISOString()}`).toBe(intl(date, locale, style));
          compared++;
        }
      }
    }
    expect(compared).toBe(3004 * STYLES.length * LOCALES.length);
  });

  it("gives an empty string for a date that is not one", () => {
    expect(formatBeijingDateTime("not a date", "zh-CN", "time")).toBe("");
  });
});
