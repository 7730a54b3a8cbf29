// The character rules of the identifiers an order is addressed by (PAYSCORE_API §1.1), without zod:
// the schemas (./fields) build on them, and the lookup form, the order page and the order API check
// a URL's order number and sub-merchant with them before anything is looked up or sent.
//   out_order_no: string(32), only digits, letters and _-|* (WeChat's create page lists "_-|" and
//   says "32个字符内"; no minimum length is documented for the APIs the console calls).
//   sub_mchid (and appid, service_id, channel_id): string(32), printable ASCII without spaces.
import { charLength } from "../text";
import type { RuleIssue } from "./issues";
import { LIMITS } from "./limits";

export const OUT_ORDER_NO_RE = /^[A-Za-z0-9_\-|*]+$/;
export const OUT_ORDER_NO_FORMAT = "A-Za-z0-9_-|*";
export const IDENTIFIER_RE = /^[\x21-\x7e]+$/;
export const IDENTIFIER_FORMAT = "ASCII";

export type IdentifierIssue = Omit<RuleIssue, "path">;

/** The same order of checks as the schemas' zText: present, not too long, then the characters. */
function textIssue(value: string, max: number, re: RegExp): IdentifierIssue | null {
  const length = charLength(value);
  if (length < 1) return { code: "required" };
  if (length > max) return { code: "too_long", params: { max } };
  if (!re.test(value)) return { code: "invalid_format" };
  return null;
}

/** Null when `value` is a well-formed out_order_no. */
export function outOrderNoIssue(value: string): IdentifierIssue | null {
  return textIssue(value, LIMITS.outOrderNo, OUT_ORDER_NO_RE);
}

/** Null when `value` is a well-formed sub_mchid (appid, service_id, channel_id). */
export function identifierIssue(value: string): IdentifierIssue | null {
  return textIssue(value, LIMITS.id, IDENTIFIER_RE);
}
