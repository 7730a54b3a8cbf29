// CANCEL (取消订单) request bodies per mode (PAYSCORE_API.md §1.5, Decision 19). Strict objects:
// merchant appid + service_id + reason; partner service_id + sub_mchid + reason; institution
// service_id + channel_id (optional, Decision 10) + sub_mchid + reason. reason is 1–50 characters.
import * as z from "zod/mini";
import { ZAppId, ZChannelId, ZReason, ZServiceId, ZSubMchid, zStrict, type TMode } from "./fields";

export const ZCancelMerchantBody = zStrict({ appid: ZAppId, service_id: ZServiceId, reason: ZReason });
export const ZCancelPartnerBody = zStrict({ service_id: ZServiceId, sub_mchid: ZSubMchid, reason: ZReason });
export const ZCancelInstitutionBody = zStrict({ service_id: ZServiceId, channel_id: z.optional(ZChannelId), sub_mchid: ZSubMchid, reason: ZReason });
export type TCancelBody = z.infer<typeof ZCancelMerchantBody> | z.infer<typeof ZCancelPartnerBody> | z.infer<typeof ZCancelInstitutionBody>;

const CANCEL_BODY_BY_MODE = { merchant: ZCancelMerchantBody, partner: ZCancelPartnerBody, institution: ZCancelInstitutionBody } as const;

export function cancelBodySchema(mode: TMode): (typeof CANCEL_BODY_BY_MODE)[TMode] {
  return CANCEL_BODY_BY_MODE[mode];
}
