// The rules of a modify or complete that need the order (its state, industry lines, totals, risk
// fund, only-lower, times), in API terms (post_payments, total_amount). The forms run them live while
// the agent types and the server runs them against a fresh query. No zod here, so the order page can
// run them without loading the form schemas (./modify-form, ./complete-form).
import type { IndustryId } from "../industries";
import type { TMode, TPostDiscount, TPostPayment } from "../payscore/fields";
import type { RuleIssue } from "../payscore/issues";
import type { TServiceOrder } from "../payscore/order";
import { checkCompleteRules, checkModifyRules, completeStateProblem, modifyStateProblem, type ModifyStateProblem } from "../payscore/rules";
import type { CompleteSubmission } from "./complete-form";

export type ModifyCheck =
  | { ok: true }
  | { ok: false; state: ModifyStateProblem }
  | { ok: false; issues: RuleIssue[] };

/**
 * The rules that need the order: its state (and partner mode's one modify), industry lines, totals,
 * risk fund and only-lower. Issue paths are in API terms (post_payments, total_amount).
 */
export function checkModifyAgainstOrder(input: {
  mode: TMode;
  industry: IndustryId;
  order: TServiceOrder;
  modifyCount: number;
  body: { post_payments: TPostPayment[]; post_discounts: TPostDiscount[]; total_amount: number };
}): ModifyCheck {
  const state = modifyStateProblem(input.mode, input.order, input.modifyCount);
  if (state) return { ok: false, state };
  const issues = checkModifyRules({ mode: input.mode, industry: input.industry, body: input.body, order: input.order });
  return issues.length > 0 ? { ok: false, issues } : { ok: true };
}

export type CompleteCheck =
  | { ok: true }
  | { ok: false; state: NonNullable<ReturnType<typeof completeStateProblem>> }
  | { ok: false; issues: RuleIssue[] };

export function checkCompleteAgainstOrder(input: {
  mode: TMode;
  industry: IndustryId;
  order: TServiceOrder;
  body: Pick<CompleteSubmission, "post_payments" | "post_discounts" | "total_amount" | "time_range">;
  now: Date;
}): CompleteCheck {
  const state = completeStateProblem(input.mode, input.order);
  if (state) return { ok: false, state };
  const issues = checkCompleteRules({ mode: input.mode, industry: input.industry, body: input.body, order: input.order, now: input.now });
  return issues.length > 0 ? { ok: false, issues } : { ok: true };
}
