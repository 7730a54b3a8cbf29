// COMPLETE (完结订单) request bodies per mode (PAYSCORE_API.md §1.3, seed 004). Strict objects.
// Shape and limits only; industry lines, totals and time rules are in rules.ts.
import * as z from "zod/mini";
import {
  ZAppId,
  ZChannelId,
  ZCompleteTime,
  ZDevice,
  ZGoodsTag,
  ZLocation,
  ZLocationEnd,
  ZPostDiscounts,
  ZPostDiscountsWithDescription,
  ZPostPayments,
  ZServiceId,
  ZSubMchid,
  ZTimeRange,
  ZTimeRangeWithStart,
  ZTotalAmount,
  zBoolean,
  zStrict,
  type TMode,
} from "./fields";

export const ZCompleteMerchantBody = zStrict({
  appid: ZAppId,
  service_id: ZServiceId,
  post_payments: ZPostPayments,
  post_discounts: z.optional(ZPostDiscounts),
  total_amount: ZTotalAmount,
  time_range: z.optional(ZTimeRange),
  location: z.optional(ZLocationEnd),
  profit_sharing: z.optional(zBoolean()),
  goods_tag: z.optional(ZGoodsTag),
  device: z.optional(ZDevice),
});
export type TCompleteMerchantBody = z.infer<typeof ZCompleteMerchantBody>;

export const ZCompletePartnerBody = zStrict({
  service_id: ZServiceId,
  sub_mchid: ZSubMchid,
  post_payments: ZPostPayments,
  post_discounts: z.optional(ZPostDiscountsWithDescription),
  total_amount: ZTotalAmount,
  time_range: z.optional(ZTimeRange),
  location: z.optional(ZLocation),
  profit_sharing: z.optional(zBoolean()),
  complete_time: z.optional(ZCompleteTime),
  goods_tag: z.optional(ZGoodsTag),
  device: z.optional(ZDevice),
});
export type TCompletePartnerBody = z.infer<typeof ZCompletePartnerBody>;

/** Institution: partner's body plus channel_id (optional, Decision 10), without device; time_range.start_time required. */
export const ZCompleteInstitutionBody = zStrict({
  service_id: ZServiceId,
  channel_id: z.optional(ZChannelId),
  sub_mchid: ZSubMchid,
  post_payments: ZPostPayments,
  post_discounts: z.optional(ZPostDiscountsWithDescription),
  total_amount: ZTotalAmount,
  time_range: z.optional(ZTimeRangeWithStart),
  location: z.optional(ZLocation),
  profit_sharing: z.optional(zBoolean()),
  complete_time: z.optional(ZCompleteTime),
  goods_tag: z.optional(ZGoodsTag),
});
export type TCompleteInstitutionBody = z.infer<typeof ZCompleteInstitutionBody>;

export type TCompleteBody = TCompleteMerchantBody | TCompletePartnerBody | TCompleteInstitutionBody;

const COMPLETE_BODY_BY_MODE = { merchant: ZCompleteMerchantBody, partner: ZCompletePartnerBody, institution: ZCompleteInstitutionBody } as const;

export function completeBodySchema(mode: "merchant"): typeof ZCompleteMerchantBody;
export function completeBodySchema(mode: "partner"): typeof ZCompletePartnerBody;
export function completeBodySchema(mode: "institution"): typeof ZCompleteInstitutionBody;
export function completeBodySchema(
  mode: TMode,
): typeof ZCompleteMerchantBody | typeof ZCompletePartnerBody | typeof ZCompleteInstitutionBody;
export function completeBodySchema(mode: TMode) {
  return COMPLETE_BODY_BY_MODE[mode];
}
