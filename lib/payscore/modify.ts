// MODIFY (修改订单金额) request bodies per mode, exactly the fields of PAYSCORE_API.md §1.2 and the
// seeds (000 institution, 001 merchant, 002/003 partner). Strict: an unknown field is refused, so a
// partner body with appid, or an institution body with device, fails. Shape and limits only; the
// rules that need the order or the industry (totals, only-lower, lines) are in rules.ts.
import * as z from "zod/mini";
import {
  ZAppId,
  ZChannelId,
  ZDevice,
  ZPostDiscounts,
  ZPostDiscountsWithDescription,
  ZPostPayments,
  ZReason,
  ZServiceId,
  ZSubMchid,
  ZTotalAmount,
  zStrict,
  type TMode,
} from "./fields";

export const ZModifyMerchantBody = zStrict({
  appid: ZAppId,
  service_id: ZServiceId,
  post_payments: ZPostPayments,
  post_discounts: z.optional(ZPostDiscounts),
  total_amount: ZTotalAmount,
  reason: ZReason,
  device: z.optional(ZDevice),
});
export type TModifyMerchantBody = z.infer<typeof ZModifyMerchantBody>;

/** Partner: no appid; service_id optional (选填); discounts need a description. */
export const ZModifyPartnerBody = zStrict({
  service_id: z.optional(ZServiceId),
  sub_mchid: ZSubMchid,
  post_payments: ZPostPayments,
  post_discounts: z.optional(ZPostDiscountsWithDescription),
  total_amount: ZTotalAmount,
  reason: ZReason,
  device: z.optional(ZDevice),
});
export type TModifyPartnerBody = z.infer<typeof ZModifyPartnerBody>;

/** Institution: channel_id optional (Decision 10); no device; discounts need a description. */
export const ZModifyInstitutionBody = zStrict({
  service_id: ZServiceId,
  sub_mchid: ZSubMchid,
  channel_id: z.optional(ZChannelId),
  post_payments: ZPostPayments,
  post_discounts: z.optional(ZPostDiscountsWithDescription),
  total_amount: ZTotalAmount,
  reason: ZReason,
});
export type TModifyInstitutionBody = z.infer<typeof ZModifyInstitutionBody>;

export type TModifyBody = TModifyMerchantBody | TModifyPartnerBody | TModifyInstitutionBody;

const MODIFY_BODY_BY_MODE = { merchant: ZModifyMerchantBody, partner: ZModifyPartnerBody, institution: ZModifyInstitutionBody } as const;

export function modifyBodySchema(mode: "merchant"): typeof ZModifyMerchantBody;
export function modifyBodySchema(mode: "partner"): typeof ZModifyPartnerBody;
export function modifyBodySchema(mode: "institution"): typeof ZModifyInstitutionBody;
export function modifyBodySchema(
  mode: TMode,
): typeof ZModifyMerchantBody | typeof ZModifyPartnerBody | typeof ZModifyInstitutionBody;
export function modifyBodySchema(mode: TMode) {
  return MODIFY_BODY_BY_MODE[mode];
}
