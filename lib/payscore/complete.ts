// COMPLETE (完结订单) request bodies per mode (PAYSCORE_API.md §1.3, seed 004). Strict objects.
// Shape and limits only; industry lines, totals and time rules are in rules.ts.
import { z } from "zod";
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
  post_discounts: ZPostDiscounts.optional(),
  total_amount: ZTotalAmount,
  time_range: ZTimeRange.optional(),
  location: ZLocationEnd.optional(),
  profit_sharing: zBoolean().optional(),
  goods_tag: ZGoodsTag.optional(),
  device: ZDevice.optional(),
});
export type TCompleteMerchantBody = z.infer<typeof ZCompleteMerchantBody>;

export const ZCompletePartnerBody = zStrict({
  service_id: ZServiceId,
  sub_mchid: ZSubMchid,
  post_payments: ZPostPayments,
  post_discounts: ZPostDiscountsWithDescription.optional(),
  total_amount: ZTotalAmount,
  time_range: ZTimeRange.optional(),
  location: ZLocation.optional(),
  profit_sharing: zBoolean().optional(),
  complete_time: ZCompleteTime.optional(),
  goods_tag: ZGoodsTag.optional(),
  device: ZDevice.optional(),
});
export type TCompletePartnerBody = z.infer<typeof ZCompletePartnerBody>;

/** Institution: partner's body plus channel_id (optional, Decision 10), without device; time_range.start_time required. */
export const ZCompleteInstitutionBody = zStrict({
  service_id: ZServiceId,
  channel_id: ZChannelId.optional(),
  sub_mchid: ZSubMchid,
  post_payments: ZPostPayments,
  post_discounts: ZPostDiscountsWithDescription.optional(),
  total_amount: ZTotalAmount,
  time_range: ZTimeRangeWithStart.optional(),
  location: ZLocation.optional(),
  profit_sharing: zBoolean().optional(),
  complete_time: ZCompleteTime.optional(),
  goods_tag: ZGoodsTag.optional(),
});
export type TCompleteInstitutionBody = z.infer<typeof ZCompleteInstitutionBody>;

export type TCompleteBody = TCompleteMerchantBody | TCompletePartnerBody | TCompleteInstitutionBody;

export function completeBodySchema(mode: "merchant"): typeof ZCompleteMerchantBody;
export function completeBodySchema(mode: "partner"): typeof ZCompletePartnerBody;
export function completeBodySchema(mode: "institution"): typeof ZCompleteInstitutionBody;
export function completeBodySchema(
  mode: TMode,
): typeof ZCompleteMerchantBody | typeof ZCompletePartnerBody | typeof ZCompleteInstitutionBody;
export function completeBodySchema(mode: TMode) {
  switch (mode) {
    case "merchant":
      return ZCompleteMerchantBody;
    case "partner":
      return ZCompletePartnerBody;
    case "institution":
      return ZCompleteInstitutionBody;
  }
}
