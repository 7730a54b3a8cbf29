// Complete (完结订单) as a write kind: the mode's identity, the amounts and service times, and the
// parts the mode takes (merchant: end location only, no complete_time; institution: no device —
// ./modes.ts); the rules are checkCompleteAgainstOrder at the time of sending. runWrite does the rest.
import "server-only";
import { checkCompleteAgainstOrder, type CompleteSubmission } from "@/lib/orders/complete-form";
import type { Db } from "@/server/db";
import { refusalOf, runWrite, type Actor, type OperationResult, type WriteKind } from "./operation";

export const COMPLETE: WriteKind<CompleteSubmission, undefined> = {
  operation: "complete",
  body: (target, adapter, s) => ({
    ...adapter.identity(target),
    post_payments: s.post_payments,
    ...(s.post_discounts.length > 0 ? { post_discounts: s.post_discounts } : {}),
    total_amount: s.total_amount,
    ...(s.time_range ? { time_range: s.time_range } : {}),
    ...adapter.completeExtras(s),
  }),
  context: async () => undefined,
  check: ({ target, submission, order, now }) =>
    refusalOf(checkCompleteAgainstOrder({ mode: target.profile.mode, industry: submission.industry, order, body: submission, now })),
};

export function completeOrder(db: Db, actor: Actor, submission: CompleteSubmission, now: () => Date = () => new Date()): Promise<OperationResult> {
  return runWrite(db, actor, COMPLETE, submission, now);
}
