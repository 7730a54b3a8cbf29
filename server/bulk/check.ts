// One bulk row checked like a single change: the modify submission it stands for is built from the
// row and the order as WeChat shows it now, then judged by the single modify's own rules (the MODIFY
// write kind's check = lib/orders/order-checks.ts checkModifyAgainstOrder, the lib/payscore/modify.ts
// body schema through buildRequest) and the four-eyes policy (lib/approvals/policy.ts). The rules'
// answer becomes the row's verdict. What a row's new amounts mean:
//   - new amounts per line name: those lines of the order get the new amounts (a name the order does
//     not have is a Σ problem), the others keep theirs; the total is Σ payments − Σ discounts;
//   - a new total, on an order whose lines carry amounts: the lines stay, and the reduction is one more
//     discount line ("批量调整" — Σ payments − Σ discounts = the new total, the Σ rule holds);
//   - a new total, on an order whose lines carry no amounts (an "entered" total): the lines stay, the
//     total is the new one.
import "server-only";
import type { BulkRowInput, BulkRowProblem, BulkVerdict } from "@/lib/bulk/types";
import type { ApprovalReason } from "@/lib/approvals/policy";
import type { ModifySubmission } from "@/lib/orders/modify-form";
import { composeReason } from "@/lib/orders/reasons";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { TPostDiscount, TPostPayment } from "@/lib/payscore/fields";
import type { RuleIssue } from "@/lib/payscore/issues";
import { currentOrderTotal, expectedTotal, sumDiscounts, sumPayments, totalIsComputed } from "@/lib/payscore/rules";
import type { AppErrorInfo } from "@/lib/actions/result";
import type { OrderTarget } from "@/server/orders/target";

/** The discount line a new total adds to an order whose lines carry amounts. */
export const BULK_DISCOUNT_NAME = "批量调整";

export type BuiltSubmission = { ok: true; submission: Omit<ModifySubmission, "idempotencyKey"> } | { ok: false; issues: RuleIssue[] };

/** The modify a row stands for, against the order as it is. */
export function submissionOf(input: BulkRowInput, target: OrderTarget, order: TServiceOrder): BuiltSubmission {
  const orderPayments: TPostPayment[] = (order.post_payments ?? []).map((line) => ({ ...line }) as TPostPayment);
  const orderDiscounts: TPostDiscount[] = (order.post_discounts ?? []).map((line) => ({ ...line }) as TPostDiscount);
  let post_payments = orderPayments;
  let post_discounts = orderDiscounts;
  let total_amount: number;
  if (input.lineAmounts) {
    const issues: RuleIssue[] = [];
    const names = new Set(orderPayments.map((line) => line.name));
    for (const name of Object.keys(input.lineAmounts)) {
      if (!names.has(name)) issues.push({ path: ["post_payments"], code: "unknown_line_name", params: { name } });
    }
    if (issues.length > 0) return { ok: false, issues };
    post_payments = orderPayments.map((line) => (input.lineAmounts && line.name in input.lineAmounts ? { ...line, amount: input.lineAmounts[line.name] } : line));
    total_amount = expectedTotal(post_payments, post_discounts) ?? sumPayments(post_payments) - sumDiscounts(post_discounts);
  } else {
    total_amount = input.newTotal ?? 0;
    if (totalIsComputed(orderPayments)) {
      const reduction = sumPayments(orderPayments) - sumDiscounts(orderDiscounts) - total_amount;
      if (reduction <= 0) return { ok: false, issues: [{ path: ["total_amount"], code: "total_not_lower", params: { current: currentOrderTotal(order) ?? 0 } }] };
      post_discounts = [...orderDiscounts, { name: BULK_DISCOUNT_NAME, description: BULK_DISCOUNT_NAME, amount: reduction }];
    }
  }
  return {
    ok: true,
    submission: {
      profileId: input.profileId,
      subMchid: input.subMchid,
      outOrderNo: input.outOrderNo,
      basedOn: order,
      industry: target.industry,
      post_payments,
      post_discounts,
      total_amount,
      reasonCategory: input.reasonCategory,
      reasonText: input.reasonText,
      reason: composeReason(input.reasonCategory, input.reasonText),
      internalNote: input.internalNote,
      device: undefined,
    },
  };
}

const STATE_VERDICTS: Record<string, BulkVerdict> = { partner_limit: "partner_modified" };

/** The verdict of a refusal by the single modify's rules (runner's AppErrorInfo or issues). */
export function verdictOfRefusal(refusal: Pick<AppErrorInfo, "code" | "reason" | "issues">): BulkVerdict {
  if (refusal.code === "STATE_NOT_ALLOWED") return STATE_VERDICTS[refusal.reason ?? ""] ?? "wrong_state";
  if (refusal.code === "NOT_FOUND") return "invalid";
  return verdictOfIssues(refusal.issues ?? []);
}

export function verdictOfIssues(issues: readonly RuleIssue[]): BulkVerdict {
  const codes = new Set(issues.map((issue) => issue.code));
  if (codes.has("total_not_lower")) return "not_lower";
  if (codes.has("total_above_risk_fund")) return "above_risk_fund";
  const sumCodes = ["total_mismatch", "discounts_exceed_payments", "unknown_line_name", "missing_group", "missing_one_of", "group_repeated", "forbidden_field", "amount_or_description_required", "zero_form_total", "zero_form_amount"] as const;
  if (sumCodes.some((code) => codes.has(code))) return "sum_mismatch";
  return "invalid";
}

/** Row problems for issues found against the order (column "" = the row as a whole). */
export function problemsOf(line: number, issues: readonly RuleIssue[]): BulkRowProblem[] {
  return issues.map((issue) => ({ line, column: "", issue }));
}

/** Whether a verdict's row is sent when the batch runs. */
export function isSendable(verdict: BulkVerdict | null): boolean {
  return verdict === "ok" || verdict === "needs_approval";
}

/** The batch's reasons: each rule once, with its largest value (row reasons + the batch's own Σ rule). */
export function mergeReasons(reasons: readonly ApprovalReason[]): ApprovalReason[] {
  const byRule = new Map<string, ApprovalReason>();
  for (const reason of reasons) {
    const key = reason.rule === "reason_category" ? `${reason.rule}:${reason.category}` : reason.rule;
    const seen = byRule.get(key);
    if (!seen || ("actual" in reason && "actual" in seen && reason.actual > seen.actual)) byRule.set(key, reason);
  }
  return [...byRule.values()];
}
