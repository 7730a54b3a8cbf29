// Four-eyes approval (maker–checker): which changes wait for a second person before any money moves.
// An admin sets a policy per profile, optionally per sub-merchant (a sub-merchant's own policy
// replaces the profile's). A change needs approval when any of its rules says so:
//   reduction above X 分            a modify lowering the total by more than X, a cancel forgoing more
//   reduction above Y %             … or by more than Y % of the current total
//   complete above Z % of risk fund a complete charging more than Z % of the order's risk fund
//   reason category                 these categories always need approval
//   cancel of a completed order     a cancel that forgoes an amount the user was about to pay
// Pure: the order form evaluates it while the agent types (to say before submitting), the server
// evaluates it again against the order re-read just before the call.
import type { TServiceOrder } from "../payscore/order";
import { orderTotal } from "../orders/order-money";

export interface ApprovalPolicy {
  maxReductionFen: number | null;
  maxReductionPercent: number | null;
  maxCompleteRiskPercent: number | null;
  reasonCategories: readonly string[];
  cancelCompleted: boolean;
  /** How long a request waits before it expires. */
  expiresHours: number;
}

export const DEFAULT_EXPIRES_HOURS = 24;

/** What sandbox mode starts with: reductions over ¥200, or over 50 %, need a supervisor. */
export const DEMO_POLICY: ApprovalPolicy = {
  maxReductionFen: 20_000,
  maxReductionPercent: 50,
  maxCompleteRiskPercent: null,
  reasonCategories: [],
  cancelCompleted: true,
  expiresHours: DEFAULT_EXPIRES_HOURS,
};

export type ApprovalReason =
  | { rule: "reduction_amount"; limit: number; actual: number }
  | { rule: "reduction_percent"; limit: number; actual: number }
  | { rule: "complete_risk_percent"; limit: number; actual: number }
  | { rule: "reason_category"; category: string }
  | { rule: "cancel_completed"; forgone: number };

export interface ApprovalSubject {
  operation: "modify" | "complete" | "cancel" | "sync";
  /** The order as it is now (the form's snapshot, or the server's re-read). */
  order: Pick<TServiceOrder, "state" | "state_description" | "total_amount" | "collection" | "risk_fund">;
  /** The total the change would set (modify, complete); null for cancel and sync. */
  newTotal: number | null;
  reasonCategory: string;
}

/** Percent with one decimal, rounded up (so 50.01 % is above a 50 % limit). */
function percentOf(part: number, whole: number): number {
  return whole <= 0 ? (part > 0 ? Infinity : 0) : Math.ceil((part * 1000) / whole) / 10;
}

/** Every rule the change breaks; empty when it may go straight to WeChat. */
export function approvalReasons(policy: ApprovalPolicy | null, subject: ApprovalSubject): ApprovalReason[] {
  if (!policy) return [];
  const reasons: ApprovalReason[] = [];
  const current = orderTotal(subject.order);
  const completedUnpaid = subject.order.state === "DOING" && subject.order.state_description === "MCH_COMPLETE" && subject.order.collection?.state !== "USER_PAID";
  // What the change takes off what the user would pay.
  const reduction =
    subject.operation === "modify" && current !== null && subject.newTotal !== null
      ? current - subject.newTotal
      : subject.operation === "cancel" && completedUnpaid && current !== null
        ? current
        : 0;
  if (reduction > 0 && policy.maxReductionFen !== null && reduction > policy.maxReductionFen) {
    reasons.push({ rule: "reduction_amount", limit: policy.maxReductionFen, actual: reduction });
  }
  if (reduction > 0 && policy.maxReductionPercent !== null && current !== null) {
    const percent = percentOf(reduction, current);
    if (percent > policy.maxReductionPercent) reasons.push({ rule: "reduction_percent", limit: policy.maxReductionPercent, actual: percent });
  }
  if (subject.operation === "complete" && policy.maxCompleteRiskPercent !== null && subject.newTotal !== null) {
    const risk = subject.order.risk_fund?.amount;
    if (risk !== undefined) {
      const percent = percentOf(subject.newTotal, risk);
      if (percent > policy.maxCompleteRiskPercent) reasons.push({ rule: "complete_risk_percent", limit: policy.maxCompleteRiskPercent, actual: percent });
    }
  }
  if (policy.reasonCategories.includes(subject.reasonCategory)) reasons.push({ rule: "reason_category", category: subject.reasonCategory });
  if (subject.operation === "cancel" && policy.cancelCompleted && completedUnpaid && current !== null) {
    reasons.push({ rule: "cancel_completed", forgone: current });
  }
  return reasons;
}
