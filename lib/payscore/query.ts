// Query parameters per mode (PAYSCORE_API.md §1.4). The console always queries by out_order_no.
import * as z from "zod/mini";
import { ZAppId, ZChannelId, ZOutOrderNo, ZServiceId, ZSubMchid, zStrict, type TMode } from "./fields";

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
