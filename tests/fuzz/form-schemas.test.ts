// Fuzz layer 2 (issue 6 §3): the form schemas (ZModifyForm / ZCompleteForm, what the server actions
// parse), from inputs built on the sandbox's real orders: valid forms pass, a form with one defect is
// refused at that field, unknown and prototype keys are dropped.
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { fenToInput } from "@/lib/orders/amount-form";
import { ZCompleteForm } from "@/lib/orders/complete-form";
import { ZModifyForm } from "@/lib/orders/modify-form";
import { composeReason, reasonTextMax } from "@/lib/orders/reasons";
import { ruleIssuesFromZod } from "@/lib/payscore/issues";
import { isAcceptableText } from "@/lib/text";
import { freeTextArb, trimmedTextArb } from "./arbitraries";
import { EXTRA_KEYS, formDefectArb, loadBaseInputs } from "./form-cases";
import { clone, defineKey, expectFieldErrors, expectNoPollution, refusal } from "./paths";
import { startFuzzHarness } from "./harness";

const { stop } = await startFuzzHarness();
afterAll(stop);

const { modifyBase, completeBase } = await loadBaseInputs();

/** Every generated input counts here; the last test checks the total. */
let generated = 0;

describe("[FUZZ] form schemas (what the server actions parse)", () => {
  it("the base inputs (from the sandbox's orders) are valid", () => {
    for (const { input } of modifyBase) expect(ZModifyForm.safeParse(input).success).toBe(true);
    for (const { input } of completeBase) expect(ZCompleteForm.safeParse(input).success).toBe(true);
  });

  it("valid modify forms pass, with the reason composed from the trimmed text and the total in 分", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...modifyBase),
        freeTextArb(reasonTextMax("user_complaint")),
        fc.string({ maxLength: 500 }).filter((s) => isAcceptableText(s, "multi-line")),
        fc.nat(99),
        ({ input }, reasonText, internalNote, lowerBy) => {
          generated += 1;
          const form = clone(input);
          const payments = form.payments as { amount: string }[];
          const line = payments.find((p) => p.amount !== "");
          if (line) line.amount = fenToInput(Math.max(0, Math.round(Number(line.amount) * 100) - lowerBy));
          Object.assign(form, { reasonText: ` ${reasonText} `, internalNote });
          const parsed = ZModifyForm.safeParse(form);
          if (!parsed.success) throw new Error(JSON.stringify(ruleIssuesFromZod(parsed.error.issues)));
          expect(parsed.data.reasonText).toBe(reasonText);
          expect(parsed.data.reason).toBe(composeReason("user_complaint", reasonText));
          expect(parsed.data.internalNote).toBe(internalNote.trim() === "" ? null : internalNote.trim());
          expect(Number.isSafeInteger(parsed.data.total_amount)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("valid complete forms pass", () => {
    fc.assert(
      fc.property(fc.constantFrom(...completeBase), trimmedTextArb(30), fc.integer({ min: 0, max: 200_000 }), fc.string({ maxLength: 200 }).filter((s) => isAcceptableText(s, "multi-line")), ({ input }, description, fenAmount, reasonText) => {
        generated += 1;
        const form = clone(input);
        Object.assign(form, { payments: [{ name: "酒店房费", amount: fenToInput(fenAmount), description, count: "" }], reasonText });
        const parsed = ZCompleteForm.safeParse(form);
        if (!parsed.success) throw new Error(JSON.stringify(ruleIssuesFromZod(parsed.error.issues)));
        expect(parsed.data.post_payments).toEqual([{ name: "酒店房费", amount: fenAmount, description }]);
        expect(parsed.data.total_amount).toBe(fenAmount);
      }),
      { numRuns: 100 },
    );
  });

  it.each(["modify", "complete"] as const)("%s: a form with one defect is refused with an issue at that field", (op) => {
    const bases = op === "modify" ? modifyBase : completeBase;
    const schema = op === "modify" ? ZModifyForm : ZCompleteForm;
    fc.assert(
      fc.property(
        fc.constantFrom(...bases).chain(({ input }) => formDefectArb(op, input).map((defect) => ({ input, defect }))),
        ({ input, defect }) => {
          generated += 1;
          const damaged = clone(input);
          defect.apply(damaged);
          expectFieldErrors(refusal(schema, damaged) ?? undefined, [defect.at]);
        },
      ),
      { numRuns: 800 },
    );
    expectNoPollution();
  });

  it.each(["modify", "complete"] as const)("%s: unknown and prototype keys in the form are dropped, not passed on", (op) => {
    const bases = op === "modify" ? modifyBase : completeBase;
    const schema = op === "modify" ? ZModifyForm : ZCompleteForm;
    fc.assert(
      fc.property(fc.constantFrom(...bases), EXTRA_KEYS, ({ input }, extra) => {
        generated += 1;
        const withExtra = clone(input);
        for (const [key, value] of Object.entries(extra)) if (!Object.hasOwn(withExtra, key)) defineKey(withExtra, key, value);
        const plain = schema.safeParse(input);
        const parsed = schema.safeParse(withExtra);
        expect(parsed.success && plain.success).toBe(true);
        if (!parsed.success || !plain.success) return;
        expect(parsed.data).toEqual(plain.data);
        for (const key of Object.keys(extra)) if (!Object.hasOwn(input, key)) expect(Object.hasOwn(parsed.data, key)).toBe(false);
      }),
      { numRuns: 100 },
    );
    expectNoPollution();
  });
});

describe("[FUZZ] totals", () => {
  it("ran at least 2 000 generated inputs, left Object.prototype alone", () => {
    expect(generated).toBeGreaterThanOrEqual(2000);
    expectNoPollution();
  });
});
