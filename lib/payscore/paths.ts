// URL paths of the Payscore service-order endpoints per mode (PAYSCORE_API.md §1.0). The path (with
// its query string) is part of the APIv3 signature, so client and sandbox must build it identically.
import type { TMode } from "./fields";

export type PayscoreOp = "query" | "modify" | "complete" | "cancel" | "sync";

const BASE: Record<TMode, string> = {
  merchant: "/v3/payscore/serviceorder",
  partner: "/v3/payscore/partner/serviceorder",
  institution: "/v3/payscore/acquiringbank/serviceorder",
};

export function payscoreBasePath(mode: TMode): string {
  return BASE[mode];
}

/**
 * "/v3/payscore/serviceorder" for a query (parameters go in the query string, see payscoreQueryPath),
 * "/v3/payscore/partner/serviceorder/{out_order_no}/modify" etc. for modify and complete.
 * out_order_no is URL-encoded. Throws when modify/complete lack an out_order_no.
 */
export function payscorePath(mode: TMode, op: PayscoreOp, outOrderNo?: string): string {
  const base = BASE[mode];
  if (op === "query") return base;
  if (outOrderNo === undefined || outOrderNo === "") {
    throw new Error(`payscorePath: ${op} needs an out_order_no`);
  }
  return `${base}/${encodeURIComponent(outOrderNo)}/${op}`;
}

type QueryPathParams = { service_id: string; out_order_no?: string; query_id?: string; appid?: string; sub_mchid?: string; channel_id?: string };

const QUERY_IDENTITY_KEYS: Record<TMode, readonly (keyof QueryPathParams)[]> = {
  merchant: ["service_id", "appid"],
  partner: ["service_id", "sub_mchid"],
  institution: ["service_id", "sub_mchid", "channel_id"],
};

/**
 * The query path with its query string, keys in a fixed order per mode:
 * merchant service_id, appid, out_order_no; partner service_id, sub_mchid, out_order_no;
 * institution service_id, sub_mchid, channel_id, out_order_no — with query_id in place of
 * out_order_no when the order is looked up by WeChat's number. Values are URL-encoded.
 */
export function payscoreQueryPath(mode: TMode, params: QueryPathParams): string {
  const keys: readonly (keyof QueryPathParams)[] = [...QUERY_IDENTITY_KEYS[mode], params.query_id !== undefined ? "query_id" : "out_order_no"];
  const parts: string[] = [];
  for (const key of keys) {
    const value = params[key];
    if (value === undefined) throw new Error(`payscoreQueryPath: ${mode} query needs ${key}`);
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  return `${BASE[mode]}?${parts.join("&")}`;
}
