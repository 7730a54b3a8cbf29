// Fuzz layer 3 (issue 6 §3): the server actions themselves (modifyOrderAction / completeOrderAction,
// against the sandbox). Valid input goes through, sent once and stored as typed; invalid input comes
// back as an ActionResult with field errors, and not one request reaches the sandbox (its request log
// stays empty) nor one row the trail.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { fenToInput } from "@/lib/orders/amount-form";
import { composeReason, reasonTextMax } from "@/lib/orders/reasons";
import { trail } from "@/server/db/schema";
import { freeTextArb, trimmedTextArb } from "./arbitraries";
import { BODIES, type BodySpec, junkArb } from "./bodies";
import { COMPLETE_CASES, type FormCase, MODIFY_CASES, baseInput, currentOrder, formDefectArb, laterDefectArb, loadBaseInputs } from "./form-cases";
import { type Obj, clone, expectFieldErrors, expectNoPollution } from "./paths";
import { loadOrderActions, startFuzzHarness } from "./harness";

// A fixed signed-in agent for the actions' wrapper (sessions are tested elsewhere; this is about input).
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("@/server/auth", async () => ({ getAuth: async () => (await import("./harness")).fakeAgentAuth }));
vi.mock("@/server/auth/index", async () => ({ getAuth: async () => (await import("./harness")).fakeAgentAuth }));

const { t, db, stop } = await startFuzzHarness();
const { callModify, callComplete } = await loadOrderActions();
afterAll(stop);

const { modifyBase, completeBase } = await loadBaseInputs();

/** Every generated input counts here; the last test checks the total. */
let generated = 0;

// Valid input first: a long fuzz run holds the event loop for seconds, and a keep-alive connection
// the sandbox closed meanwhile would turn the next request into a reset (a test artefact, not what
// is being tested).

describe("[FUZZ] server actions: valid input goes through, text verbatim", () => {
  async function freshInput(c: FormCase): Promise<Obj> {
    t.sandbox.state.reset();
    await db.delete(trail);
    return baseInput(c, await currentOrder(c));
  }

  it.each(MODIFY_CASES)("modify $ref.mode: lowered lines with any reason text are sent once and stored as typed", async (c) => {
    await fc.assert(
      fc.asyncProperty(freeTextArb(reasonTextMax("user_complaint")), freeTextArb(500), fc.integer({ min: 1, max: 100 }), async (reasonText, internalNote, lowerBy) => {
        generated += 1;
        const input = await freshInput(c);
        const payments = input.payments as { amount: string }[];
        const line = payments.find((p) => p.amount !== "");
        if (!line) throw new Error("no line with an amount");
        line.amount = fenToInput(Math.round(Number(line.amount) * 100) - lowerBy);
        Object.assign(input, { reasonText, internalNote });
        const result = await callModify(input);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const [sent, ...more] = t.sandbox.state.log.list({ op: "modify" });
        expect(more).toHaveLength(0);
        expect(sent?.status).toBe(c.ref.mode === "merchant" ? 200 : 204);
        expect((sent?.body as { reason: string }).reason).toBe(composeReason("user_complaint", reasonText));
        const [row] = await db.select().from(trail);
        expect(row).toMatchObject({ status: "succeeded", reasonText, internalNote });
        expect(row?.requestBody).toEqual(sent?.body);
      }),
      { numRuns: c.ref.mode === "merchant" ? 12 : 6 },
    );
  });

  it.each(COMPLETE_CASES)("complete $ref.mode: any line description is sent and stored verbatim", async (c) => {
    await fc.assert(
      fc.asyncProperty(trimmedTextArb(30), freeTextArb(200), async (description, reasonText) => {
        generated += 1;
        const input = await freshInput(c);
        Object.assign(input, { payments: [{ name: "酒店房费", amount: "300.00", description, count: "" }], reasonText });
        const result = await callComplete(input);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const [sent, ...more] = t.sandbox.state.log.list({ op: "complete" });
        expect(more).toHaveLength(0);
        expect((sent?.body as { post_payments: unknown[] }).post_payments).toEqual([{ name: "酒店房费", amount: 30000, description }]);
        const [row] = await db.select().from(trail);
        expect(row).toMatchObject({ status: "succeeded", reasonText, operation: "complete" });
        expect(row?.requestBody).toEqual(sent?.body);
        expect(result.data.order?.post_payments).toEqual([expect.objectContaining({ name: "酒店房费", description })]);
      }),
      { numRuns: 6 },
    );
  });
});

describe("[FUZZ] server actions: invalid input never reaches the sandbox", () => {
  beforeEach(async () => {
    t.sandbox.state.log.clear();
    await db.delete(trail);
  });

  it.each(["modify", "complete"] as const)("%s: form defects → INVALID_INPUT with field errors", async (op) => {
    const bases = op === "modify" ? modifyBase : completeBase;
    const call = op === "modify" ? callModify : callComplete;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases).chain(({ input }) => formDefectArb(op, input).map((defect) => ({ input, defect }))),
        async ({ input, defect }) => {
          generated += 1;
          const damaged = clone(input);
          defect.apply(damaged);
          const result = await call(damaged);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe("INVALID_INPUT");
          expectFieldErrors(result.error.issues, [defect.at]);
        },
      ),
      { numRuns: 350 },
    );
    expect(t.sandbox.state.log.list()).toEqual([]);
    expect(await db.select().from(trail)).toEqual([]);
    expectNoPollution();
  });

  it.each(["modify", "complete"] as const)("%s: defects the API schema or the order rules catch → field errors, nothing sent or written", async (op) => {
    const bases = op === "modify" ? modifyBase : completeBase;
    const call = op === "modify" ? callModify : callComplete;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases).chain(({ c, input }) => laterDefectArb(op, input, c.ref.mode).map((defect) => ({ input, defect }))),
        async ({ input, defect }) => {
          generated += 1;
          const damaged = clone(input);
          defect.apply(damaged);
          const result = await call(damaged);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(["INVALID_INPUT", "RULE_VIOLATION"]).toContain(result.error.code);
          expectFieldErrors(result.error.issues, [defect.at], defect.codes);
        },
      ),
      { numRuns: 100 },
    );
    expect(t.sandbox.state.log.list()).toEqual([]);
    expect(await db.select().from(trail)).toEqual([]);
  });

  it("values the parser itself chokes on (React's opaque temporary reference for a forged \"$T\") → INVALID_INPUT, not a thrown error", async () => {
    // What React's decodeReply makes of "$T": a function proxy that throws on any property read.
    const opaque = new Proxy(() => undefined, {
      get(_target, name) {
        if (name === Symbol.toPrimitive || name === "then" || name === "$$typeof") return undefined;
        throw new Error(`Cannot access ${String(name)} on the server.`);
      },
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const [call, base] of [
        [callModify, modifyBase[0]?.input],
        [callComplete, completeBase[0]?.input],
      ] as const) {
        for (const field of ["payments", "discounts", "basedOn", "device", "reasonText"]) {
          generated += 1;
          const result = await call({ ...base, [field]: opaque });
          expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
          expect(result.ok ? [] : (result.error.issues ?? [])).not.toHaveLength(0);
        }
        expect(await call(opaque)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
      }
    } finally {
      errors.mockRestore();
    }
    expect(t.sandbox.state.log.list()).toEqual([]);
  });

  it("junk of any shape → INVALID_INPUT, never a thrown error", async () => {
    // In-process junk may include null-prototype values zod cannot even compare (logged, refused).
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(callModify, callComplete), junkArb(BODIES[0] as BodySpec), async (call, junk) => {
        generated += 1;
        const result = await call(junk);
        expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
        expect(result.ok ? [] : (result.error.issues ?? [])).not.toHaveLength(0);
      }),
      { numRuns: 100 },
    );
    errors.mockRestore();
    expect(t.sandbox.state.log.list()).toEqual([]);
    expect(await db.select().from(trail)).toEqual([]);
    expectNoPollution();
  });
});

describe("[FUZZ] totals", () => {
  it("ran at least 1 000 generated inputs, left Object.prototype alone", () => {
    expect(generated).toBeGreaterThanOrEqual(1000);
    expectNoPollution();
  });
});
