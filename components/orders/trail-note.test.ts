// The trail's settlement notes: every note the server writes is read back to its message key, and
// both languages have the words for it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { describe, expect, it } from "vitest";
import { TRAIL_NOTES, trailNoteOf } from "@/lib/orders/trail-notes";

function orders(locale: string): AbstractIntlMessages {
  return JSON.parse(readFileSync(join(import.meta.dirname, "../../messages", locale, "orders.json"), "utf8")) as AbstractIntlMessages;
}

interface Translate {
  (key: string, values?: Record<string, string>): string;
  has(key: string): boolean;
}

describe("trail notes", () => {
  it("reads every note the server writes back to its key and values", () => {
    expect(trailNoteOf(TRAIL_NOTES.queryBeforeFailed)).toEqual({ key: "queryBeforeFailed", values: {} });
    expect(trailNoteOf(TRAIL_NOTES.orderChanged)).toEqual({ key: "orderChanged", values: {} });
    expect(trailNoteOf(TRAIL_NOTES.refusedBeforeSending)).toEqual({ key: "refusedBeforeSending", values: {} });
    expect(trailNoteOf(TRAIL_NOTES.acceptedRequeryFailed)).toEqual({ key: "acceptedRequeryFailed", values: {} });
    expect(trailNoteOf(TRAIL_NOTES.reconciledApplied("complete"))).toEqual({ key: "reconciledApplied", values: { operation: "complete" } });
    expect(trailNoteOf(TRAIL_NOTES.reconciledNotApplied("modify"))).toEqual({ key: "reconciledNotApplied", values: { operation: "modify" } });
    expect(trailNoteOf(TRAIL_NOTES.profileGone("demo-partner"))).toEqual({ key: "profileGone", values: { profile: "demo-partner" } });
  });

  it("leaves a note it does not know alone", () => {
    expect(trailNoteOf("reconciled by hand")).toBeNull();
    expect(trailNoteOf(`${TRAIL_NOTES.refusedBeforeSending}!`)).toBeNull();
  });

  it.each([
    ["zh-CN", "已核对：订单显示此次完结已生效", "已核对：订单未显示此次改价，未生效", "商户身份 demo-partner 已不在配置中，无法查询订单"],
    ["en", "Reconciled: the order shows this completion as applied", "Reconciled: the order does not show this amendment; it was not applied", "Merchant identity demo-partner is no longer configured; the order could not be queried"],
  ])("%s: words for every note", (locale, applied, notApplied, profileGone) => {
    const t = createTranslator({ locale, messages: { orders: orders(locale) }, namespace: "orders.trailNotes" }) as unknown as Translate;
    const text = (note: string) => {
      const known = trailNoteOf(note);
      if (!known) throw new Error(`unknown note ${note}`);
      return t(known.key, { operation: known.values.operation ?? "other", profile: known.values.profile ?? "" });
    };
    expect(text(TRAIL_NOTES.reconciledApplied("complete"))).toBe(applied);
    expect(text(TRAIL_NOTES.reconciledNotApplied("modify"))).toBe(notApplied);
    expect(text(TRAIL_NOTES.profileGone("demo-partner"))).toBe(profileGone);
    for (const key of Object.keys(TRAIL_NOTES)) expect(t.has(key), key).toBe(true);
  });
});
