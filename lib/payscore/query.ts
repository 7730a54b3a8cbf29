// Query parameters per mode (PAYSCORE_API.md §1.4): by out_order_no (what the console uses after a
// write), or by query_id — WeChat's order number, order_id (Decision 22: exactly one of the two;
// the lookup form takes either).
import * as z from "zod/mini";
import { ZAppId, ZChannelId, ZOutOrderNo, ZServiceId, ZSubMchid, zStrict, zText, type TMode } from "./fields";

/** WeChat's service order number (order_id), as query_id: up to 32 letters and digits. */
export const ZQueryId = zText(1, 32, { re: /^[0-9A-Za-z]+$/, format: "0-9 A-Z a-z" });

export const ZQueryMerchantParams = zStrict({
  service_id: ZServiceId,
  appid: ZAppId,
  out_order_no: ZOutOrderNo,
});
export type TQueryMerchantParams = z.infer<typeof ZQueryMerchantParams>;

export const ZQueryPartnerParams = zStrict({
  service_id: ZServiceId,
  sub_mchid: ZSubMchid,
  out_order_no: ZOutOrderNo,
});
export type TQueryPartnerParams = z.infer<typeof ZQueryPartnerParams>;

/** channel_id is required for the institution query (Decision 10). */
export const ZQueryInstitutionParams = zStrict({
  service_id: ZServiceId,
  sub_mchid: ZSubMchid,
  channel_id: ZChannelId,
  out_order_no: ZOutOrderNo,
});
export type TQueryInstitutionParams = z.infer<typeof ZQueryInstitutionParams>;

export type TQueryParams = TQueryMerchantParams | TQueryPartnerParams | TQueryInstitutionParams;

const QUERY_PARAMS_BY_MODE = { merchant: ZQueryMerchantParams, partner: ZQueryPartnerParams, institution: ZQueryInstitutionParams } as const;

export function queryParamsSchema(mode: "merchant"): typeof ZQueryMerchantParams;
export function queryParamsSchema(mode: "partner"): typeof ZQueryPartnerParams;
export function queryParamsSchema(mode: "institution"): typeof ZQueryInstitutionParams;
export function queryParamsSchema(
  mode: TMode,
): typeof ZQueryMerchantParams | typeof ZQueryPartnerParams | typeof ZQueryInstitutionParams;
export function queryParamsSchema(mode: TMode) {
  return QUERY_PARAMS_BY_MODE[mode];
}

export const ZQueryByIdMerchantParams = zStrict({ service_id: ZServiceId, appid: ZAppId, query_id: ZQueryId });
export const ZQueryByIdPartnerParams = zStrict({ service_id: ZServiceId, sub_mchid: ZSubMchid, query_id: ZQueryId });
export const ZQueryByIdInstitutionParams = zStrict({ service_id: ZServiceId, sub_mchid: ZSubMchid, channel_id: ZChannelId, query_id: ZQueryId });
export type TQueryByIdParams =
  | z.infer<typeof ZQueryByIdMerchantParams>
  | z.infer<typeof ZQueryByIdPartnerParams>
  | z.infer<typeof ZQueryByIdInstitutionParams>;

const QUERY_BY_ID_PARAMS_BY_MODE = { merchant: ZQueryByIdMerchantParams, partner: ZQueryByIdPartnerParams, institution: ZQueryByIdInstitutionParams } as const;

export function queryByIdParamsSchema(mode: TMode): (typeof QUERY_BY_ID_PARAMS_BY_MODE)[TMode] {
  return QUERY_BY_ID_PARAMS_BY_MODE[mode];
}
