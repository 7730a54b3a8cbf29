// The one mapping from a failed action (ActionResult's error, and the WeChat failure it may carry,
// made by server/wechatpay/errors toUpstreamInfo) to what the UI says about it: the key of its
// plain-language message (orderForm.upstream.<code> for WeChat's failures, orderForm.errors.<code>
// for the console's own), WeChat's code to show beside it, and whether the server checked the order
// afterwards. The result panel, the toast and the order page's load failure all word it this way.
import type { AppErrorCode, AppErrorInfo, UpstreamErrorInfo } from "./result";

/** Codes with their own plain-language message (orderForm.upstream.<code>). */
export const UPSTREAM_MESSAGE_CODES = [
  "PARAM_ERROR",
  "INVALID_REQUEST",
  "INVALID_ORDER_STATE",
  "ORDER_BUSY",
  "SYSTEM_ERROR",
  "FREQUENCY_LIMITED",
  "RATE_LIMITED",
  "SIGN_ERROR",
  "ORDER_NOT_EXIST",
  "NO_AUTH",
  "REQUEST_INVALID",
  "RESPONSE_HEADERS_MISSING",
  "RESPONSE_SERIAL_UNKNOWN",
  "RESPONSE_TIMESTAMP_SKEW",
  "RESPONSE_SIGNATURE_INVALID",
  "RESPONSE_MALFORMED",
  "REQUEST_TIMEOUT",
  "NETWORK_ERROR",
  "INTERNAL_ERROR",
  "UNKNOWN",
] as const;
export type UpstreamMessageCode = (typeof UPSTREAM_MESSAGE_CODES)[number];

/** Which plain-language message explains a WeChat failure (WeChat's own text is shown beside it). */
export function upstreamMessageCode(upstream: Pick<UpstreamErrorInfo, "code" | "message">): UpstreamMessageCode {
  if ((upstream.code === "PARAM_ERROR" || upstream.code === "INVALID_ORDER_STATE") && /扣款中/.test(upstream.message)) return "ORDER_BUSY";
  if (upstream.code === "PARAM_ERROR" && /状态/.test(upstream.message)) return "INVALID_ORDER_STATE";
  return (UPSTREAM_MESSAGE_CODES as readonly string[]).includes(upstream.code) ? (upstream.code as UpstreamMessageCode) : "UNKNOWN";
}

/** A message key under the orderForm namespace. */
export type ErrorMessageKey = `upstream.${UpstreamMessageCode}` | `errors.${AppErrorCode}`;

export interface ErrorMessage {
  key: ErrorMessageKey;
  /** WeChat's code when the message explains WeChat's answer (shown beside it); else null. */
  wechatCode: string | null;
  /** The outcome was unclear (no trustworthy answer) and the server queried the order: unchanged. */
  checked: boolean;
}

/** Failures after which the server queried the order to learn the outcome (and found it unchanged). */
const CHECKED_AFTER = /^(RESPONSE_|REQUEST_TIMEOUT$|NETWORK_ERROR$)/;

/** What the UI says about a failed action: WeChat's failure by its code, anything else by the console's code. */
export function errorMessage(error: Pick<AppErrorInfo, "code" | "upstream">): ErrorMessage {
  const upstream = error.code === "UPSTREAM_ERROR" ? error.upstream : undefined;
  if (!upstream) return { key: `errors.${error.code}`, wechatCode: null, checked: false };
  return { key: `upstream.${upstreamMessageCode(upstream)}`, wechatCode: upstream.code, checked: CHECKED_AFTER.test(upstream.code) };
}
