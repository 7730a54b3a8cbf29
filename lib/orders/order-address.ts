// An order's address in a URL: /orders/<profile>/<out_order_no>?sub=<sub_mchid>, and the same under
// /api/orders. The order number and the sub-merchant are checked here by the schemas' own rules
// (lib/payscore/identifiers) before anything is looked up or sent: a bad one is the caller's
// mistake (400, or "invalid order number" on the page), never a database error or an upstream 502.
import { identifierIssue, outOrderNoIssue } from "../payscore/identifiers";
import type { RuleIssue } from "../payscore/issues";

export type OrderAddress = { ok: true; outOrderNo: string; subMchid: string | null } | { ok: false; issues: RuleIssue[] };

/**
 * `outOrderNo` decoded; `sub` as the query gives it (absent, one value, or every value of a repeated
 * parameter). An empty sub means none, as the lookup form sends it for merchant profiles.
 */
export function parseOrderAddress(input: { outOrderNo: string; sub: string | readonly string[] | null | undefined }): OrderAddress {
  const issues: RuleIssue[] = [];
  const orderIssue = outOrderNoIssue(input.outOrderNo);
  if (orderIssue) issues.push({ path: ["out_order_no"], ...orderIssue });
  const subs = input.sub === null || input.sub === undefined ? [] : typeof input.sub === "string" ? [input.sub] : input.sub;
  let subMchid: string | null = null;
  if (subs.length > 1) issues.push({ path: ["sub_mchid"], code: "invalid_value" });
  else if (subs[0] !== undefined && subs[0] !== "") {
    const subIssue = identifierIssue(subs[0]);
    if (subIssue) issues.push({ path: ["sub_mchid"], ...subIssue });
    else subMchid = subs[0];
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, outOrderNo: input.outOrderNo, subMchid };
}

/** decodeURIComponent, or null for percent-encoding that does not decode (a lone "%", bad UTF-8). */
export function decodePathSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** True when every segment of a raw URL path decodes. */
export function isDecodablePath(pathname: string): boolean {
  return pathname.split("/").every((segment) => !segment.includes("%") || decodePathSegment(segment) !== null);
}
