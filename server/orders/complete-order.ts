// Complete (完结订单) for the three modes: the body keeps only the fields the mode takes (merchant:
// end location only, no complete_time; institution: no device), then runOperation as for modify.
import "server-only";
import { ZCompleteInstitutionBody, ZCompleteMerchantBody, ZCompletePartnerBody, completeBodySchema } from "@/lib/payscore/complete";
import { ruleIssuesFromZod } from "@/lib/payscore/issues";
import { checkCompleteAgainstOrder, type CompleteSubmission } from "@/lib/orders/complete-form";
import { fail, type AppErrorInfo } from "@/lib/actions/result";
import type { Db } from "@/server/db";
import { prepareCompleteServiceOrder } from "@/server/wechatpay/payscore";
import { refusalOf, runOperation, type Actor, type OperationResult } from "./operation";
import { clientFor, resolveTarget, type OrderTarget } from "./target";

export function buildCompleteBody(target: OrderTarget, s: CompleteSubmission): Record<string, unknown> {
  const { profile, subMerchant } = target;
  const common = {
    post_payments: s.post_payments,
    ...(s.post_discounts.length > 0 ? { post_discounts: s.post_discounts } : {}),
    total_amount: s.total_amount,
    ...(s.time_range ? { time_range: s.time_range } : {}),
  };
  const tail = {
    ...(s.profit_sharing ? { profit_sharing: true } : {}),
    ...(s.goods_tag ? { goods_tag: s.goods_tag } : {}),
  };
  const location = {
    ...(s.start_location ? { start_location: s.start_location } : {}),
    ...(s.end_location ? { end_location: s.end_location } : {}),
  };
  switch (profile.mode) {
    case "merchant":
      return {
        appid: profile.appid,
        service_id: profile.service_id,
        ...common,
        ...(s.end_location ? { location: { end_location: s.end_location } } : {}),
        ...tail,
        ...(s.device ? { device: s.device } : {}),
      };
    case "partner":
      return {
        service_id: profile.service_id,
        sub_mchid: subMerchant?.sub_mchid,
        ...common,
        ...(Object.keys(location).length > 0 ? { location } : {}),
        ...tail,
        ...(s.complete_time ? { complete_time: s.complete_time } : {}),
        ...(s.device ? { device: s.device } : {}),
      };
    case "institution":
      return {
        service_id: profile.service_id,
        ...(profile.channel_id ? { channel_id: profile.channel_id } : {}),
        sub_mchid: subMerchant?.sub_mchid,
        ...common,
        ...(Object.keys(location).length > 0 ? { location } : {}),
        ...tail,
        ...(s.complete_time ? { complete_time: s.complete_time } : {}),
      };
  }
}

export async function completeOrder(db: Db, actor: Actor, submission: CompleteSubmission, now: () => Date = () => new Date()): Promise<OperationResult> {
  const target = resolveTarget(submission.profileId, submission.subMchid);
  if (!target) return fail({ code: "NOT_FOUND" });
  const { profile } = target;
  const body = buildCompleteBody(target, submission);
  const parsed = completeBodySchema(profile.mode).safeParse(body);
  if (!parsed.success) return fail({ code: "INVALID_INPUT", issues: ruleIssuesFromZod(parsed.error.issues) });

  return runOperation(db, actor, {
    operation: "complete",
    target,
    outOrderNo: submission.outOrderNo,
    idempotencyKey: submission.idempotencyKey,
    basedOn: submission.basedOn,
    body,
    reasonCategory: submission.reasonCategory,
    reasonText: submission.reasonText,
    internalNote: submission.internalNote,
    check(order): AppErrorInfo | null {
      const result = checkCompleteAgainstOrder({ mode: profile.mode, industry: submission.industry, order, body: submission, now: now() });
      return refusalOf(result);
    },
    prepare: () => prepareComplete(target, submission.outOrderNo, body),
  });
}

function prepareComplete(target: OrderTarget, outOrderNo: string, body: Record<string, unknown>) {
  const { profile } = target;
  const client = clientFor(profile);
  switch (profile.mode) {
    case "merchant":
      return prepareCompleteServiceOrder(client, { mode: "merchant", outOrderNo, body: ZCompleteMerchantBody.parse(body) });
    case "partner":
      return prepareCompleteServiceOrder(client, { mode: "partner", outOrderNo, body: ZCompletePartnerBody.parse(body) });
    case "institution":
      return prepareCompleteServiceOrder(client, {
        mode: "institution",
        outOrderNo,
        body: ZCompleteInstitutionBody.parse(body),
        requeryWith: { channel_id: profile.channel_id },
      });
  }
}
