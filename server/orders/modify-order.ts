// Modify (修改订单金额) for the three modes: the API body is built from the parsed form and the
// profile (appid, service_id, sub_mchid, channel_id never come from the browser), checked with the
// mode's lib/ schema and the order rules, then run through runOperation (trail, idempotency, signed call).
import "server-only";
import { ZModifyInstitutionBody, ZModifyMerchantBody, ZModifyPartnerBody, modifyBodySchema } from "@/lib/payscore/modify";
import { ruleIssuesFromZod } from "@/lib/payscore/issues";
import { checkModifyAgainstOrder, type ModifySubmission } from "@/lib/orders/modify-form";
import { fail, type AppErrorInfo } from "@/lib/actions/result";
import type { Db } from "@/server/db";
import { countSucceeded } from "@/server/audit/trail";
import { prepareModifyServiceOrder } from "@/server/wechatpay/payscore";
import { refusalOf, runOperation, type Actor, type OperationResult } from "./operation";
import { clientFor, resolveTarget, type OrderTarget } from "./target";

export function buildModifyBody(target: OrderTarget, submission: ModifySubmission): Record<string, unknown> {
  const { profile, subMerchant } = target;
  const lines = {
    post_payments: submission.post_payments,
    ...(submission.post_discounts.length > 0 ? { post_discounts: submission.post_discounts } : {}),
    total_amount: submission.total_amount,
    reason: submission.reason,
  };
  switch (profile.mode) {
    case "merchant":
      return {
        appid: profile.appid,
        service_id: profile.service_id,
        ...lines,
        ...(submission.device ? { device: submission.device } : {}),
      };
    case "partner":
      return {
        service_id: profile.service_id,
        sub_mchid: subMerchant?.sub_mchid,
        ...lines,
        ...(submission.device ? { device: submission.device } : {}),
      };
    case "institution":
      return {
        service_id: profile.service_id,
        sub_mchid: subMerchant?.sub_mchid,
        ...(profile.channel_id ? { channel_id: profile.channel_id } : {}),
        ...lines,
      };
  }
}

export async function modifyOrder(db: Db, actor: Actor, submission: ModifySubmission): Promise<OperationResult> {
  const target = resolveTarget(submission.profileId, submission.subMchid);
  if (!target) return fail({ code: "NOT_FOUND" });
  const { profile } = target;
  const body = buildModifyBody(target, submission);
  const parsed = modifyBodySchema(profile.mode).safeParse(body);
  if (!parsed.success) return fail({ code: "INVALID_INPUT", issues: ruleIssuesFromZod(parsed.error.issues) });

  // Only partner mode limits modifies (one per order); the other modes need not count them.
  const modifyCount =
    profile.mode === "partner" ? await countSucceeded(db, profile.id, target.subMerchant?.sub_mchid ?? null, submission.outOrderNo, "modify") : 0;
  return runOperation(db, actor, {
    operation: "modify",
    target,
    outOrderNo: submission.outOrderNo,
    idempotencyKey: submission.idempotencyKey,
    basedOn: submission.basedOn,
    body,
    reasonCategory: submission.reasonCategory,
    reasonText: submission.reasonText,
    internalNote: submission.internalNote,
    check(order): AppErrorInfo | null {
      const result = checkModifyAgainstOrder({
        mode: profile.mode,
        // The template the agent chose (it defaults to the service's industry; WeChat has the last word).
        industry: submission.industry,
        order,
        modifyCount,
        body: submission,
      });
      return refusalOf(result);
    },
    prepare: () => prepareModify(target, submission.outOrderNo, body),
  });
}

function prepareModify(target: OrderTarget, outOrderNo: string, body: Record<string, unknown>) {
  const { profile } = target;
  const client = clientFor(profile);
  switch (profile.mode) {
    case "merchant":
      return prepareModifyServiceOrder(client, { mode: "merchant", outOrderNo, body: ZModifyMerchantBody.parse(body) });
    case "partner":
      return prepareModifyServiceOrder(client, { mode: "partner", outOrderNo, body: ZModifyPartnerBody.parse(body) });
    case "institution":
      return prepareModifyServiceOrder(client, {
        mode: "institution",
        outOrderNo,
        body: ZModifyInstitutionBody.parse(body),
        requeryWith: { channel_id: profile.channel_id },
      });
  }
}
