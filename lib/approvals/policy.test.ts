// The four-eyes rules: each rule alone, at its boundary, and the order states a cancel forgoes.
import { describe, expect, it } from "vitest";
import { approvalReasons, DEMO_POLICY, type ApprovalPolicy, type ApprovalSubject } from "./policy";

const none: ApprovalPolicy = { maxReductionFen: null, maxReductionPercent: null, maxCompleteRiskPercent: null, reasonCategories: [], cancelCompleted: false, expiresHours: 24 };
const paying = { state: "DOING", state_description: "MCH_COMPLETE", total_amount: 40_000, collection: { state: "USER_PAYING", total_amount: 40_000, paying_amount: 40_000, paid_amount: 0 }, risk_fund: { name: "DEPOSIT", amount: 100_000 } } as ApprovalSubject["order"];
const modify = (newTotal: number, reasonCategory = "billing_error"): ApprovalSubject => ({ operation: "modify", order: paying, newTotal, reasonCategory });

describe("approvalReasons", () => {
  it("no policy, or a policy that names nothing: no approval", () => {
    expect(approvalReasons(null, modify(0))).toEqual([]);
    expect(approvalReasons(none, modify(0))).toEqual([]);
  });

  it("reduction above X 分: strictly above", () => {
    const policy = { ...none, maxReductionFen: 20_000 };
    expect(approvalReasons(policy, modify(20_000))).toEqual([]);
    expect(approvalReasons(policy, modify(19_999))).toEqual([{ rule: "reduction_amount", limit: 20_000, actual: 20_001 }]);
  });

  it("reduction above Y %: strictly above, rounded up to 0.1 %", () => {
    const policy = { ...none, maxReductionPercent: 50 };
    expect(approvalReasons(policy, modify(20_000))).toEqual([]);
    expect(approvalReasons(policy, modify(19_996))).toEqual([{ rule: "reduction_percent", limit: 50, actual: 50.1 }]);
  });

  it("complete above Z % of the risk fund", () => {
    const policy = { ...none, maxCompleteRiskPercent: 80 };
    const ready = { ...paying, state_description: "USER_CONFIRM", collection: undefined } as ApprovalSubject["order"];
    expect(approvalReasons(policy, { operation: "complete", order: ready, newTotal: 80_000, reasonCategory: "other" })).toEqual([]);
    expect(approvalReasons(policy, { operation: "complete", order: ready, newTotal: 80_001, reasonCategory: "other" })).toEqual([{ rule: "complete_risk_percent", limit: 80, actual: 80.1 }]);
  });

  it("a reason category that always needs approval", () => {
    expect(approvalReasons({ ...none, reasonCategories: ["compensation"] }, modify(39_900, "compensation"))).toEqual([{ rule: "reason_category", category: "compensation" }]);
    expect(approvalReasons({ ...none, reasonCategories: ["compensation"] }, modify(39_900, "billing_error"))).toEqual([]);
  });

  it("a cancel of a completed, unpaid order forgoes its whole amount; of a confirmed order, nothing", () => {
    const cancel = (order: ApprovalSubject["order"]): ApprovalSubject => ({ operation: "cancel", order, newTotal: null, reasonCategory: "other" });
    expect(approvalReasons({ ...none, cancelCompleted: true }, cancel(paying))).toEqual([{ rule: "cancel_completed", forgone: 40_000 }]);
    expect(approvalReasons({ ...none, maxReductionFen: 30_000 }, cancel(paying))).toEqual([{ rule: "reduction_amount", limit: 30_000, actual: 40_000 }]);
    const confirmed = { ...paying, state_description: "USER_CONFIRM", collection: undefined } as ApprovalSubject["order"];
    expect(approvalReasons({ ...none, cancelCompleted: true, maxReductionFen: 1 }, cancel(confirmed))).toEqual([]);
  });

  it("the demo policy: over ¥200 or over 50 %", () => {
    expect(approvalReasons(DEMO_POLICY, modify(25_000))).toEqual([]);
    expect(approvalReasons(DEMO_POLICY, modify(19_000)).map((reason) => reason.rule)).toEqual(["reduction_amount", "reduction_percent"]);
  });
});
