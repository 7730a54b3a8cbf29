// Modify (修改订单金额) as a write kind: the body is the mode's identity (from the profile: appid,
// service_id, sub_mchid, channel_id never come from the browser), the amounts and the reason, and the
// mode's own parts (./modes.ts); the rules are checkModifyAgainstOrder. runWrite does the rest.
import "server-only";
import { checkModifyAgainstOrder, type ModifySubmission } from "@/lib/orders/modify-form";
import type { Db } from "@/server/db";
import { countSucceeded } from "@/server/audit/trail";
import { refusalOf, runWrite, type Actor, type OperationResult, type WriteKind } from "./operation";

export const MODIFY: WriteKind<ModifySubmission, { modifyCount: number }> = {
  operation: "modify",
  body: (target, adapter, s) => ({
    ...adapter.identity(target),
    post_payments: s.post_payments,
    ...(s.post_discounts.length > 0 ? { post_discounts: s.post_discounts } : {}),
    total_amount: s.total_amount,
    reason: s.reason,
    ...adapter.modifyExtras(s),
  }),
  // Only partner mode limits modifies (one per order); the other modes need not count them.
  context: async (db, target, s) => ({
    modifyCount: target.profile.mode === "partner" ? await countSucceeded(db, target.profile.id, target.subMerchant?.sub_mchid ?? null, s.outOrderNo, "modify") : 0,
  }),
  check: ({ target, submission, order, context }) =>
    refusalOf(
      checkModifyAgainstOrder({
        mode: target.profile.mode,
        // The template the agent chose (it defaults to the service's industry; WeChat has the last word).
        industry: submission.industry,
        order,
        modifyCount: context.modifyCount,
        body: submission,
      }),
    ),
};

export function modifyOrder(db: Db, actor: Actor, submission: ModifySubmission): Promise<OperationResult> {
  return runWrite(db, actor, MODIFY, submission);
}
