// Rules that need more than one field, the industry or the order: totals (Decisions 3, 4, 12),
// state preconditions (§2.2, Decisions 2, 11), only-lower and the institution cap (Decision 1),
// complete times (Decision 15). The sandbox runs these after the schema (Decision 17 order of
// checks) and the console runs the same functions before sending.
import { checkIndustryLines, checkIndustryTotal, type IndustryId } from "../industries";
import { parseBeijingTime } from "./beijing-time";
import type { TMode } from "./fields";
import type { RuleIssue } from "./issues";
import type { TOrderState, TOrderStateDescription } from "./order";

/**
 * The parts of an order the rules read. Structural, so the sandbox's own order records and a
 * parsed ZServiceOrder both fit.
 */
export interface OrderView {
  state: TOrderState;
  state_description?: TOrderStateDescription;
  total_amount?: number;
  collection?: { state: "USER_PAYING" | "USER_PAID"; total_amount?: number };
  risk_fund?: { amount: number };
  time_range?: { start_time?: string; end_time?: string };
}

/** The amount-carrying part of a modify or complete body. */
export interface AmountBody {
  post_payments: readonly { name: string; amount?: number; description?: string; count?: number }[];
  post_discounts?: readonly { name: string; amount: number; description?: string; count?: number }[];
  total_amount: number;
}

// --------------------------------------------------------------------------------------------
// Totals
// --------------------------------------------------------------------------------------------

export interface TotalsInput {
  payments: AmountBody["post_payments"];
  discounts?: AmountBody["post_discounts"];
  total_amount: number;
  /** risk_fund.amount of the order; undefined when the order has none. */
  riskFundAmount?: number;
}

/** Σ post_payments.amount (absent amounts count 0). */
export function sumPayments(payments: AmountBody["post_payments"]): number {
  return payments.reduce((acc, l) => acc + (l.amount ?? 0), 0);
}

/** Σ post_discounts.amount. */
export function sumDiscounts(discounts: AmountBody["post_discounts"]): number {
  return (discounts ?? []).reduce((acc, l) => acc + l.amount, 0);
}

/** True when the Σ rule applies: any post_payments line carries an amount (Decision 12). */
export function totalIsComputed(payments: AmountBody["post_payments"]): boolean {
  return payments.some((l) => l.amount !== undefined);
}

/**
 * The total the lines imply (Σ payments − Σ discounts), or null when no payment line carries an
 * amount and the total is entered directly.
 */
export function expectedTotal(payments: AmountBody["post_payments"], discounts?: AmountBody["post_discounts"]): number | null {
  return totalIsComputed(payments) ? sumPayments(payments) - sumDiscounts(discounts) : null;
}

/** Decisions 3, 4, 12: total = Σ payments − Σ discounts when any payment has an amount; 0 ≤ total ≤ risk fund. */
export function checkTotals(input: TotalsInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const expected = expectedTotal(input.payments, input.discounts);
  if (expected !== null) {
    if (expected < 0) issues.push({ path: ["post_discounts"], code: "discounts_exceed_payments" });
    if (input.total_amount !== expected) {
      issues.push({ path: ["total_amount"], code: "total_mismatch", params: { expected } });
    }
  }
  if (input.total_amount < 0) issues.push({ path: ["total_amount"], code: "negative" });
  if (input.riskFundAmount !== undefined && input.total_amount > input.riskFundAmount) {
    issues.push({ path: ["total_amount"], code: "total_above_risk_fund", params: { max: input.riskFundAmount } });
  }
  return issues;
}

/** Discount names are unique within an order (§2.1, Decision 14). */
export function checkDiscountNames(discounts: AmountBody["post_discounts"]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  (discounts ?? []).forEach((d, i) => {
    if (seen.has(d.name)) issues.push({ path: ["post_discounts", i, "name"], code: "duplicate_name", params: { name: d.name } });
    seen.add(d.name);
  });
  return issues;
}

// --------------------------------------------------------------------------------------------
// State preconditions
// --------------------------------------------------------------------------------------------

export type ModifyStateReason = "not_completed" | "paid" | "partner_limit" | "deducting" | "terminal";
export interface ModifyStateProblem {
  code: "INVALID_ORDER_STATE";
  reason: ModifyStateReason;
}

type OrderStateView = Pick<OrderView, "state" | "state_description" | "collection">;

/**
 * Why this order cannot be modified now, or null. Modify needs the order completed by the merchant
 * and unpaid: DOING + MCH_COMPLETE with collection USER_PAYING (a missing collection is tolerated).
 * Partner mode allows one modify per order (Decision 2). `deducting` is known only to the side
 * that runs the deduction (the sandbox), so it is passed in.
 * Precedence: paid → terminal → not_completed → deducting → partner_limit.
 */
export function modifyStateProblem(
  mode: TMode,
  order: OrderStateView,
  modifyCount: number,
  options: { deducting?: boolean } = {},
): ModifyStateProblem | null {
  const problem = (reason: ModifyStateReason): ModifyStateProblem => ({ code: "INVALID_ORDER_STATE", reason });
  if (order.state === "DONE" || order.collection?.state === "USER_PAID") return problem("paid");
  if (order.state === "REVOKED" || order.state === "EXPIRED") return problem("terminal");
  if (order.state !== "DOING" || order.state_description !== "MCH_COMPLETE") return problem("not_completed");
  if (options.deducting) return problem("deducting");
  if (mode === "partner" && modifyCount >= 1) return problem("partner_limit");
  return null;
}

export type CompleteStateReason = "not_confirmed" | "already_completed" | "paid" | "terminal";
export interface CompleteStateProblem {
  code: "INVALID_ORDER_STATE";
  reason: CompleteStateReason;
}

/** Complete needs DOING + USER_CONFIRM, in every mode. */
export function completeStateProblem(_mode: TMode, order: OrderStateView): CompleteStateProblem | null {
  const problem = (reason: CompleteStateReason): CompleteStateProblem => ({ code: "INVALID_ORDER_STATE", reason });
  if (order.state === "DONE") return problem("paid");
  if (order.state === "REVOKED" || order.state === "EXPIRED") return problem("terminal");
  if (order.state === "CREATED") return problem("not_confirmed");
  if (order.state_description === "MCH_COMPLETE") return problem("already_completed");
  if (order.state_description !== "USER_CONFIRM") return problem("not_confirmed");
  return null;
}

export type CancelStateReason = "paid" | "terminal" | "deducting";
export interface CancelStateProblem {
  code: "INVALID_ORDER_STATE";
  reason: CancelStateReason;
}

/**
 * Decision 19: cancel while the user has not paid — CREATED; DOING + USER_CONFIRM; DOING +
 * MCH_COMPLETE still USER_PAYING (a merchant that will not collect). Not during a deduction.
 */
export function cancelStateProblem(_mode: TMode, order: OrderStateView, options: { deducting?: boolean } = {}): CancelStateProblem | null {
  const problem = (reason: CancelStateReason): CancelStateProblem => ({ code: "INVALID_ORDER_STATE", reason });
  if (order.state === "DONE" || order.collection?.state === "USER_PAID") return problem("paid");
  if (order.state === "REVOKED" || order.state === "EXPIRED") return problem("terminal");
  if (options.deducting) return problem("deducting");
  return null;
}

export type SyncStateReason = "not_completed" | "paid" | "terminal" | "deducting";
export interface SyncStateProblem {
  code: "INVALID_ORDER_STATE";
  reason: SyncStateReason;
}

/** Decision 20: sync only DOING + MCH_COMPLETE still USER_PAYING, not during a deduction. */
export function syncStateProblem(_mode: TMode, order: OrderStateView, options: { deducting?: boolean } = {}): SyncStateProblem | null {
  const problem = (reason: SyncStateReason): SyncStateProblem => ({ code: "INVALID_ORDER_STATE", reason });
  if (order.state === "DONE" || order.collection?.state === "USER_PAID") return problem("paid");
  if (order.state === "REVOKED" || order.state === "EXPIRED") return problem("terminal");
  if (order.state !== "DOING" || order.state_description !== "MCH_COMPLETE") return problem("not_completed");
  if (options.deducting) return problem("deducting");
  return null;
}

// --------------------------------------------------------------------------------------------
// Modify
// --------------------------------------------------------------------------------------------

/** The order's current total: total_amount, else the collection's total. */
export function currentOrderTotal(order: Pick<OrderView, "total_amount" | "collection">): number | undefined {
  return order.total_amount ?? order.collection?.total_amount;
}

export interface ModifyRulesInput {
  mode: TMode;
  industry: IndustryId;
  body: AmountBody;
  order: Pick<OrderView, "total_amount" | "collection" | "risk_fund">;
  /** Institution mode: total_amount given at complete (the cap of §1.2). */
  completeTotal?: number;
}

/**
 * Rules of a modify that need the industry or the order: industry lines, discount names, totals,
 * ≤ risk fund, only lower than the current total, and (institution) ≤ the total at complete.
 * The state precondition is separate (modifyStateProblem).
 */
export function checkModifyRules(input: ModifyRulesInput): RuleIssue[] {
  const { body, order } = input;
  const issues: RuleIssue[] = [
    ...checkIndustryLines(input.industry, body.post_payments),
    ...checkDiscountNames(body.post_discounts),
    ...checkTotals({
      payments: body.post_payments,
      discounts: body.post_discounts,
      total_amount: body.total_amount,
      riskFundAmount: order.risk_fund?.amount,
    }),
    ...checkIndustryTotal(input.industry, body.post_payments, body.total_amount),
  ];
  const current = currentOrderTotal(order);
  if (current !== undefined && body.total_amount >= current) {
    issues.push({ path: ["total_amount"], code: "total_not_lower", params: { current } });
  }
  if (input.mode === "institution" && input.completeTotal !== undefined && body.total_amount > input.completeTotal) {
    issues.push({ path: ["total_amount"], code: "total_above_complete_total", params: { max: input.completeTotal } });
  }
  return issues;
}

// --------------------------------------------------------------------------------------------
// Complete
// --------------------------------------------------------------------------------------------

export interface CompleteRulesInput {
  mode: TMode;
  industry: IndustryId;
  body: AmountBody & {
    time_range?: { start_time?: string; end_time?: string };
  };
  order: Pick<OrderView, "risk_fund" | "time_range">;
  now: Date;
}

/**
 * Rules of a complete that need the industry, the order or the clock: industry lines, discount
 * names, totals and risk fund, and times (Beijing yyyyMMddHHmmss): end_time required when the order
 * was created without one, end after start (the body's start, else the order's), no time later
 * than `now`.
 */
export function checkCompleteRules(input: CompleteRulesInput): RuleIssue[] {
  const { body, order } = input;
  const issues: RuleIssue[] = [
    ...checkIndustryLines(input.industry, body.post_payments),
    ...checkDiscountNames(body.post_discounts),
    ...checkTotals({
      payments: body.post_payments,
      discounts: body.post_discounts,
      total_amount: body.total_amount,
      riskFundAmount: order.risk_fund?.amount,
    }),
    ...checkIndustryTotal(input.industry, body.post_payments, body.total_amount),
  ];
  issues.push(...checkCompleteTimes(body.time_range, order.time_range, input.now));
  return issues;
}

function timeAt(value: string | undefined, path: (string | number)[], issues: RuleIssue[]): number | null {
  if (value === undefined) return null;
  const t = parseBeijingTime(value);
  if (t === null) issues.push({ path, code: "invalid_time" });
  return t;
}

/** Time rules of a complete (Decision 15, §2.3). */
export function checkCompleteTimes(
  timeRange: { start_time?: string; end_time?: string } | undefined,
  orderTimeRange: { start_time?: string; end_time?: string } | undefined,
  now: Date,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const nowMs = now.getTime();
  if (timeRange?.end_time === undefined && orderTimeRange?.end_time === undefined) {
    issues.push({ path: ["time_range", "end_time"], code: "required" });
  }
  const start = timeAt(timeRange?.start_time, ["time_range", "start_time"], issues);
  const end = timeAt(timeRange?.end_time, ["time_range", "end_time"], issues);
  // The order's planned start (create) may be "OnAccept" or absent: only a real time counts.
  const orderStart = orderTimeRange?.start_time === undefined ? null : parseBeijingTime(orderTimeRange.start_time);
  const effectiveStart = timeRange?.start_time !== undefined ? start : orderStart;
  if (start !== null && start > nowMs) issues.push({ path: ["time_range", "start_time"], code: "time_in_future" });
  if (end !== null) {
    if (effectiveStart !== null && end <= effectiveStart) {
      issues.push({ path: ["time_range", "end_time"], code: "end_not_after_start" });
    }
    if (end > nowMs) issues.push({ path: ["time_range", "end_time"], code: "time_in_future" });
  }
  return issues;
}
