// The amount form's values and the schema parts for them: what an agent types (元 as text, empty =
// not sent) becomes the API's integer-分 lines. One schema per operation (modify, complete) in ./modify-form
// and ./complete-form builds on these parts; the form's zodResolver and the server action parse
// with the same schema, so the browser and the server cannot disagree.
import * as z from "zod/mini";
import { encodeIssueMessage } from "../payscore/issues";
import type { AddIssue } from "./amount-lines";

// The parsing itself has no zod in it and lives in ./amount-lines (the forms run it while rendering).
export { MONEY_ERROR_RULES, discountsFromInput, fenToInput, paymentsFromInput, yuanField, type AddIssue } from "./amount-lines";

/** Form values of one post_payments line; "" means "not sent". */
export const ZPaymentLineInput = z.object({
  name: z.string(),
  amount: z.string(),
  description: z.string(),
  count: z.string(),
});
export type TPaymentLineInput = z.infer<typeof ZPaymentLineInput>;

export const ZDiscountLineInput = z.object({
  name: z.string(),
  description: z.string(),
  amount: z.string(),
  count: z.string(),
});
export type TDiscountLineInput = z.infer<typeof ZDiscountLineInput>;

/**
 * Adapter from a zod refinement context to AddIssue (messages in the lib/payscore code format).
 * Takes a superRefine context (has `addIssue`) or the payload a zod/mini `z.transform` gets (has no
 * `addIssue`: the issue is pushed as full zod's transform context would push it).
 */
export function issueAdder(ctx: z.core.$RefinementCtx | z.core.ParsePayload): AddIssue {
  return (path, code, params) => {
    const issue = { code: "custom" as const, path, message: encodeIssueMessage(code, params) };
    if ("addIssue" in ctx) ctx.addIssue(issue);
    else ctx.issues.push({ ...issue, input: ctx.value });
  };
}
