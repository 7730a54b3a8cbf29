// Every text of the review pages exists in both languages and formats with the values the pages
// pass; every state, action, sort, error code and CSV column the code can produce has its words.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { describe, expect, it } from "vitest";
import { EXPORT_COLUMNS } from "@/lib/review/export-rows";
import { REVIEW_SORTS } from "@/lib/review/filters";
import { REVIEW_ACTIONS, REVIEW_STATES } from "@/lib/review/states";

type Messages = { [key: string]: string | Messages };
const LOCALES = ["zh-CN", "en"] as const;

function load(locale: string, namespace: string): Messages {
  return JSON.parse(readFileSync(join(import.meta.dirname, "../../messages", locale, `${namespace}.json`), "utf8")) as Messages;
}

function keys(m: Messages, prefix = ""): string[] {
  return Object.entries(m).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

interface Translate {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

function translator(locale: (typeof LOCALES)[number]): Translate {
  const all: AbstractIntlMessages = { review: load(locale, "review"), app: load(locale, "app") };
  return createTranslator({ locale, messages: all }) as unknown as Translate;
}

describe("review messages", () => {
  it("both languages have the same keys (review and the navigation)", () => {
    expect(keys(load("en", "review")).sort()).toEqual(keys(load("zh-CN", "review")).sort());
    expect(keys(load("en", "app")).sort()).toEqual(keys(load("zh-CN", "app")).sort());
  });

  it.each(LOCALES)("%s: words for every state, action, sort, error and CSV column", (locale) => {
    const t = translator(locale);
    const required = [
      ...REVIEW_STATES.map((s) => `review.reviewStates.${s}`),
      ...REVIEW_ACTIONS.map((a) => `review.events.${a}`),
      ...REVIEW_SORTS.map((s) => `review.sorts.${s}`),
      ...EXPORT_COLUMNS.map((c) => `review.csv.${c}`),
      ...["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INVALID_INPUT", "INTERNAL_ERROR", "not_flagged", "own_change", "commentRequired", "commentTooLong"].map((e) => `review.errors.${e}`),
    ];
    for (const key of required) expect(t.has(key), key).toBe(true);
  });

  it.each(LOCALES)("%s: messages format with the values the pages pass", (locale) => {
    const t = translator(locale);
    expect(t("app.nav.unreviewed", { count: 12 })).toContain("12");
    expect(t("app.nav.flagged", { count: 3 })).toContain("3");
    expect(t("review.bulk.done", { count: 2 })).toContain("2");
    expect(t("review.detail.title", { no: "DEMO-1" })).toContain("DEMO-1");
    expect(t("review.trends.period", { from: "2026-11-01", to: "2026-11-30", total: 10, flagged: 1, share: "10%" })).toContain("2026-11-30");
    expect(t("review.filters.invalid", { keys: "reason, min" })).toContain("reason, min");
    expect(t("review.detail.latencyValue", { ms: 67 })).toContain("67");
  });
});
