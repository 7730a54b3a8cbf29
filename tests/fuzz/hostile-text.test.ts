// Fuzz layer 4 (issue 6 §3): hostile text (HTML, <script>, CSV formulas, SQL) in reasons and
// descriptions is stored in the trail and sent to the sandbox verbatim; text with NUL, a lone
// surrogate or a direction override is refused at its field before anything is sent.
import { afterAll, describe, expect, it, vi } from "vitest";
import type { TCompleteFormInput } from "@/lib/orders/complete-form";
import type { TModifyFormInput } from "@/lib/orders/modify-form";
import { charLength } from "@/lib/text";
import { trail } from "@/server/db/schema";
import { COMPLETE_CASES, type FormCase, MODIFY_CASES, baseInput, currentOrder } from "./form-cases";
import { loadOrderActions, startFuzzHarness } from "./harness";

// A fixed signed-in agent for the actions' wrapper (sessions are tested elsewhere; this is about input).
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("@/server/auth", async () => ({ getAuth: async () => (await import("./harness")).fakeAgentAuth }));
vi.mock("@/server/auth/index", async () => ({ getAuth: async () => (await import("./harness")).fakeAgentAuth }));

const { t, db, stop } = await startFuzzHarness();
const { callModify, callComplete } = await loadOrderActions();
afterAll(stop);

describe("[FUZZ] hostile text in reasons and descriptions is stored and sent verbatim", () => {
  const REASONS = [
    "<script>alert(document.cookie)</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "<img src=x onerror=alert(1)>&amp;",
    "'; DROP TABLE trail; --",
  ];

  it.each(REASONS)("modify with %s", async (hostile) => {
    const c = MODIFY_CASES[0] as FormCase;
    t.sandbox.state.reset();
    await db.delete(trail);
    const input = baseInput(c, await currentOrder(c)) as unknown as TModifyFormInput;
    const note = `备注 ${hostile} <b>bold</b> =1+1`;
    const result = await callModify({ ...input, reasonText: hostile, internalNote: note });
    expect(result).toMatchObject({ ok: true });
    const [sent] = t.sandbox.state.log.list({ op: "modify" });
    expect((sent?.body as { reason: string }).reason).toBe(`用户投诉：${hostile}`);
    const [row] = await db.select().from(trail);
    expect(row?.reasonText).toBe(hostile);
    expect(row?.internalNote).toBe(note);
    expect((row?.requestBody as { reason: string }).reason).toBe(`用户投诉：${hostile}`);
  });

  it.each(REASONS.filter((s) => charLength(s) <= 30))("complete with the line description %s", async (hostile) => {
    const c = COMPLETE_CASES[0] as FormCase;
    t.sandbox.state.reset();
    await db.delete(trail);
    const input = baseInput(c, await currentOrder(c)) as unknown as TCompleteFormInput;
    const result = await callComplete({ ...input, payments: [{ name: "酒店房费", amount: "300.00", description: hostile, count: "" }], reasonText: hostile });
    expect(result).toMatchObject({ ok: true });
    const [sent] = t.sandbox.state.log.list({ op: "complete" });
    expect((sent?.body as { post_payments: { description: string }[] }).post_payments[0]?.description).toBe(hostile);
    const [row] = await db.select().from(trail);
    expect(row?.reasonText).toBe(hostile);
    expect((row?.requestBody as { post_payments: { description: string }[] }).post_payments[0]?.description).toBe(hostile);
    // The sandbox keeps the text as sent: the order now shows it.
    expect((await currentOrder(c)).post_payments?.[0]?.description).toBe(hostile);
  });
});

describe("[FUZZ][TEXT] a reason or note with NUL, a lone surrogate or a direction override is refused at its field", () => {
  const CASES: [string, string][] = [
    ["NUL", "空调\u0000故障"],
    ["a lone surrogate", "空调\ud83d故障"],
    ["an RTL override", "附件 \u202egnp.exe"],
  ];

  it.each(CASES)("modify with %s: INVALID_INPUT at reasonText / internalNote, nothing sent, no trail row", async (_label, text) => {
    const c = MODIFY_CASES[0] as FormCase;
    t.sandbox.state.reset();
    await db.delete(trail);
    const input = baseInput(c, await currentOrder(c)) as unknown as TModifyFormInput;
    expect(await callModify({ ...input, reasonText: text })).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["reasonText"], code: "invalid_characters" }] },
    });
    expect(await callModify({ ...input, internalNote: text })).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["internalNote"], code: "invalid_characters" }] },
    });
    expect(t.sandbox.state.log.list({ op: "modify" })).toEqual([]);
    expect(await db.select().from(trail)).toEqual([]);
  });

  it.each(CASES)("complete with %s: INVALID_INPUT at reasonText, nothing sent", async (_label, text) => {
    const c = COMPLETE_CASES[0] as FormCase;
    t.sandbox.state.reset();
    const input = baseInput(c, await currentOrder(c)) as unknown as TCompleteFormInput;
    expect(await callComplete({ ...input, reasonText: text })).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["reasonText"], code: "invalid_characters" }] },
    });
    expect(t.sandbox.state.log.list({ op: "complete" })).toEqual([]);
  });
});

