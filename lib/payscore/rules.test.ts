import { describe, expect, it } from "vitest";
import type { TServiceOrder } from "./order";
import {
  checkCompleteRules,
  checkCompleteTimes,
  checkDiscountNames,
  checkModifyRules,
  checkTotals,
  completeStateProblem,
  currentOrderTotal,
  expectedTotal,
  modifyStateProblem,
  totalIsComputed,
} from "./rules";

const completedOrder: TServiceOrder = {
  out_order_no: "HOTEL001",
  service_id: "00002000000000558128851361561536",
  appid: "wxd678efh567hg6787",
  mchid: "1900000101",
  service_introduction: "酒店住宿",
  state: "DOING",
  state_description: "MCH_COMPLETE",
  post_payments: [{ name: "酒店房费", amount: 30000, description: "标准间" }],
  risk_fund: { name: "DEPOSIT", amount: 50000 },
  total_amount: 30000,
  need_collection: true,
  collection: { state: "USER_PAYING", total_amount: 30000, paying_amount: 30000, paid_amount: 0 },
  time_range: { start_time: "20240101120000" },
};

describe("checkTotals", () => {
  const payments = [
    { name: "A", amount: 600 },
    { name: "B", amount: 400 },
  ];
  const discounts = [{ name: "券", amount: 200 }];

  it("Σ payments − Σ discounts = total (the [WX] 10元 − 2元 = 8元 example)", () => {
    expect(checkTotals({ payments, discounts, total_amount: 800 })).toEqual([]);
    expect(expectedTotal(payments, discounts)).toBe(800);
  });

  it("a mismatch names the expected total", () => {
    expect(checkTotals({ payments, discounts, total_amount: 1000 })).toEqual([
      { path: ["total_amount"], code: "total_mismatch", params: { expected: 800 } },
    ]);
  });

  it("the seed example (40000 − 100 ≠ 50000) breaks the Σ rule", () => {
    expect(
      checkTotals({
        payments: [{ name: "就餐费用", description: "就餐人均100元", amount: 40000, count: 4 }],
        discounts: [{ name: "满20减1元", description: "不与其他优惠叠加", amount: 100, count: 2 }],
        total_amount: 50000,
      }),
    ).toEqual([{ path: ["total_amount"], code: "total_mismatch", params: { expected: 39900 } }]);
  });

  it("amount is the line total: count does not multiply", () => {
    expect(checkTotals({ payments: [{ name: "A", amount: 40000, count: 4 }], total_amount: 40000 })).toEqual([]);
  });

  it("no payment amounts: the total stands alone, discounts alone do not make Σ apply (Decision 12)", () => {
    const lines = [
      { name: "收费标准", description: "1元/1小时" },
      { name: "使用时长", description: "1小时" },
    ];
    expect(totalIsComputed(lines)).toBe(false);
    expect(expectedTotal(lines, discounts)).toBeNull();
    expect(checkTotals({ payments: lines, discounts, total_amount: 300 })).toEqual([]);
    expect(checkTotals({ payments: lines, total_amount: 300, riskFundAmount: 200 })).toEqual([
      { path: ["total_amount"], code: "total_above_risk_fund", params: { max: 200 } },
    ]);
  });

  it("an amount of 0 counts as carrying an amount", () => {
    expect(totalIsComputed([{ name: "A", amount: 0 }, { name: "B", description: "x" }])).toBe(true);
    expect(checkTotals({ payments: [{ name: "A", amount: 0 }], total_amount: 5 })).toEqual([
      { path: ["total_amount"], code: "total_mismatch", params: { expected: 0 } },
    ]);
  });

  it("discounts above payments", () => {
    expect(checkTotals({ payments: [{ name: "A", amount: 100 }], discounts: [{ name: "券", amount: 300 }], total_amount: 0 })).toEqual([
      { path: ["post_discounts"], code: "discounts_exceed_payments" },
      { path: ["total_amount"], code: "total_mismatch", params: { expected: -200 } },
    ]);
  });

  it("risk fund bound: equal is fine, above is not", () => {
    expect(checkTotals({ payments, discounts, total_amount: 800, riskFundAmount: 800 })).toEqual([]);
    expect(checkTotals({ payments, discounts, total_amount: 800, riskFundAmount: 799 })).toEqual([
      { path: ["total_amount"], code: "total_above_risk_fund", params: { max: 799 } },
    ]);
  });

  it("negative total", () => {
    expect(checkTotals({ payments: [{ name: "A", description: "x" }], total_amount: -1 })).toEqual([
      { path: ["total_amount"], code: "negative" },
    ]);
  });
});

describe("checkDiscountNames", () => {
  it("names must be unique", () => {
    expect(checkDiscountNames(undefined)).toEqual([]);
    expect(
      checkDiscountNames([
        { name: "券", amount: 1 },
        { name: "满减", amount: 1 },
        { name: "券", amount: 2 },
      ]),
    ).toEqual([{ path: ["post_discounts", 2, "name"], code: "duplicate_name", params: { name: "券" } }]);
  });
});

describe("modifyStateProblem", () => {
  const modes = ["merchant", "partner", "institution"] as const;

  it.each(modes)("%s: DOING + MCH_COMPLETE + USER_PAYING is modifiable", (mode) => {
    expect(modifyStateProblem(mode, completedOrder, 0)).toBeNull();
  });

  it.each(modes)("%s: not completed yet", (mode) => {
    expect(modifyStateProblem(mode, { state: "CREATED" }, 0)).toEqual({ code: "INVALID_ORDER_STATE", reason: "not_completed" });
    expect(modifyStateProblem(mode, { state: "DOING", state_description: "USER_CONFIRM" }, 0)).toEqual({
      code: "INVALID_ORDER_STATE",
      reason: "not_completed",
    });
    expect(modifyStateProblem(mode, { state: "DOING" }, 0)).toEqual({ code: "INVALID_ORDER_STATE", reason: "not_completed" });
  });

  it.each(modes)("%s: paid", (mode) => {
    expect(modifyStateProblem(mode, { state: "DONE", collection: { state: "USER_PAID" } }, 0)).toEqual({
      code: "INVALID_ORDER_STATE",
      reason: "paid",
    });
    expect(modifyStateProblem(mode, { state: "DONE" }, 0)).toEqual({ code: "INVALID_ORDER_STATE", reason: "paid" });
    expect(
      modifyStateProblem(mode, { state: "DOING", state_description: "MCH_COMPLETE", collection: { state: "USER_PAID" } }, 0),
    ).toEqual({ code: "INVALID_ORDER_STATE", reason: "paid" });
  });

  it.each(modes)("%s: terminal", (mode) => {
    expect(modifyStateProblem(mode, { state: "REVOKED" }, 0)).toEqual({ code: "INVALID_ORDER_STATE", reason: "terminal" });
    expect(modifyStateProblem(mode, { state: "EXPIRED" }, 0)).toEqual({ code: "INVALID_ORDER_STATE", reason: "terminal" });
  });

  it.each(modes)("%s: deducting", (mode) => {
    expect(modifyStateProblem(mode, completedOrder, 0, { deducting: true })).toEqual({
      code: "INVALID_ORDER_STATE",
      reason: "deducting",
    });
  });

  it("partner: one modify per order (Decision 2); merchant and institution: any number", () => {
    expect(modifyStateProblem("partner", completedOrder, 1)).toEqual({ code: "INVALID_ORDER_STATE", reason: "partner_limit" });
    expect(modifyStateProblem("merchant", completedOrder, 5)).toBeNull();
    expect(modifyStateProblem("institution", completedOrder, 5)).toBeNull();
  });

  it("paid wins over partner_limit", () => {
    expect(modifyStateProblem("partner", { state: "DONE" }, 1)).toEqual({ code: "INVALID_ORDER_STATE", reason: "paid" });
  });
});

describe("completeStateProblem", () => {
  it.each(["merchant", "partner", "institution"] as const)("%s", (mode) => {
    expect(completeStateProblem(mode, { state: "DOING", state_description: "USER_CONFIRM" })).toBeNull();
    expect(completeStateProblem(mode, { state: "CREATED" })).toEqual({ code: "INVALID_ORDER_STATE", reason: "not_confirmed" });
    expect(completeStateProblem(mode, { state: "DOING" })).toEqual({ code: "INVALID_ORDER_STATE", reason: "not_confirmed" });
    expect(completeStateProblem(mode, completedOrder)).toEqual({ code: "INVALID_ORDER_STATE", reason: "already_completed" });
    expect(completeStateProblem(mode, { state: "DONE" })).toEqual({ code: "INVALID_ORDER_STATE", reason: "paid" });
    expect(completeStateProblem(mode, { state: "REVOKED" })).toEqual({ code: "INVALID_ORDER_STATE", reason: "terminal" });
    expect(completeStateProblem(mode, { state: "EXPIRED" })).toEqual({ code: "INVALID_ORDER_STATE", reason: "terminal" });
  });
});

describe("checkModifyRules", () => {
  const body = (total: number, extra = 0) => ({
    post_payments: [{ name: "酒店房费", amount: total + extra, description: "标准间" }],
    post_discounts: extra > 0 ? [{ name: "会员折扣", amount: extra, description: "金卡" }] : undefined,
    total_amount: total,
  });

  it("a lower total that matches its lines passes", () => {
    expect(checkModifyRules({ mode: "merchant", industry: "hotel", body: body(20000), order: completedOrder })).toEqual([]);
    expect(checkModifyRules({ mode: "merchant", industry: "hotel", body: body(20000, 500), order: completedOrder })).toEqual([]);
  });

  it("only lower: equal or higher is refused (Decision 1)", () => {
    expect(checkModifyRules({ mode: "merchant", industry: "hotel", body: body(30000), order: completedOrder })).toEqual([
      { path: ["total_amount"], code: "total_not_lower", params: { current: 30000 } },
    ]);
    expect(checkModifyRules({ mode: "partner", industry: "hotel", body: body(40000), order: completedOrder })).toEqual([
      { path: ["total_amount"], code: "total_not_lower", params: { current: 30000 } },
    ]);
  });

  it("the current total falls back to collection.total_amount", () => {
    const { total_amount: _t, ...noTotal } = completedOrder;
    expect(currentOrderTotal(noTotal)).toBe(30000);
    expect(checkModifyRules({ mode: "merchant", industry: "hotel", body: body(30000), order: noTotal })).toEqual([
      { path: ["total_amount"], code: "total_not_lower", params: { current: 30000 } },
    ]);
  });

  it("above the risk fund", () => {
    const order = { ...completedOrder, total_amount: 90000, risk_fund: { name: "DEPOSIT" as const, amount: 50000 } };
    expect(checkModifyRules({ mode: "merchant", industry: "hotel", body: body(60000), order })).toEqual([
      { path: ["total_amount"], code: "total_above_risk_fund", params: { max: 50000 } },
    ]);
  });

  it("institution: not above the total at complete", () => {
    const order = { ...completedOrder, total_amount: 30000 };
    expect(
      checkModifyRules({ mode: "institution", industry: "hotel", body: body(25000), order, completeTotal: 20000 }),
    ).toEqual([{ path: ["total_amount"], code: "total_above_complete_total", params: { max: 20000 } }]);
    expect(checkModifyRules({ mode: "institution", industry: "hotel", body: body(20000), order, completeTotal: 20000 })).toEqual([]);
    // Other modes ignore completeTotal.
    expect(checkModifyRules({ mode: "partner", industry: "hotel", body: body(25000), order, completeTotal: 20000 })).toEqual([]);
  });

  it("industry lines, Σ and discount names are checked together", () => {
    expect(
      checkModifyRules({
        mode: "merchant",
        industry: "hotel",
        body: {
          post_payments: [{ name: "其他杂费", amount: 1000, description: "清洁" }],
          post_discounts: [
            { name: "券", amount: 100 },
            { name: "券", amount: 100 },
          ],
          total_amount: 900,
        },
        order: completedOrder,
      }),
    ).toEqual([
      { path: ["post_payments"], code: "missing_group", params: { name: "酒店房费" } },
      { path: ["post_discounts", 1, "name"], code: "duplicate_name", params: { name: "券" } },
      { path: ["total_amount"], code: "total_mismatch", params: { expected: 800 } },
    ]);
  });

  it("entered totals (充电宝): only bounds and only-lower apply", () => {
    const order = { ...completedOrder, total_amount: 3000, risk_fund: { name: "DEPOSIT" as const, amount: 9900 } };
    const lines = [
      { name: "收费标准", description: "3元/60分钟，每24小时封顶30元" },
      { name: "使用时长", description: "1小时38分20秒" },
    ];
    expect(checkModifyRules({ mode: "partner", industry: "power_bank", body: { post_payments: lines, total_amount: 2000 }, order })).toEqual([]);
    expect(checkModifyRules({ mode: "partner", industry: "power_bank", body: { post_payments: lines, total_amount: 3000 }, order })).toEqual([
      { path: ["total_amount"], code: "total_not_lower", params: { current: 3000 } },
    ]);
  });

  it("汽车租赁 0-yuan form needs total 0", () => {
    const order = { ...completedOrder, total_amount: 5000 };
    const zero = [{ name: "租车相关费用", description: "本次无扣款" }];
    expect(checkModifyRules({ mode: "merchant", industry: "car_rental", body: { post_payments: zero, total_amount: 0 }, order })).toEqual([]);
    expect(checkModifyRules({ mode: "merchant", industry: "car_rental", body: { post_payments: zero, total_amount: 100 }, order })).toEqual([
      { path: ["total_amount"], code: "zero_form_total" },
    ]);
  });
});

describe("checkCompleteRules / checkCompleteTimes", () => {
  const now = new Date("2024-01-01T04:00:00Z"); // 2024-01-01 12:00:00 in Beijing
  const order = { risk_fund: { name: "DEPOSIT" as const, amount: 50000 }, time_range: { start_time: "20240101080000" } };
  const body = (time_range?: { start_time?: string; end_time?: string }) => ({
    post_payments: [{ name: "酒店房费", amount: 30000, description: "标准间" }],
    total_amount: 30000,
    time_range,
  });

  it("a valid complete", () => {
    expect(
      checkCompleteRules({
        mode: "merchant",
        industry: "hotel",
        body: body({ start_time: "20240101090000", end_time: "20240101115959" }),
        order,
        now,
      }),
    ).toEqual([]);
  });

  it("end exactly now is accepted; one second later is in the future (Beijing time)", () => {
    expect(checkCompleteTimes({ end_time: "20240101120000" }, order.time_range, now)).toEqual([]);
    expect(checkCompleteTimes({ end_time: "20240101120001" }, order.time_range, now)).toEqual([
      { path: ["time_range", "end_time"], code: "time_in_future" },
    ]);
    // The same digits read as UTC would be 8 hours in the past: the check must use UTC+8.
    expect(checkCompleteTimes({ end_time: "20240101150000" }, order.time_range, now)).toEqual([
      { path: ["time_range", "end_time"], code: "time_in_future" },
    ]);
  });

  it("end must be after start (equal is refused)", () => {
    expect(checkCompleteTimes({ start_time: "20240101100000", end_time: "20240101100000" }, undefined, now)).toEqual([
      { path: ["time_range", "end_time"], code: "end_not_after_start" },
    ]);
    expect(checkCompleteTimes({ start_time: "20240101100000", end_time: "20240101095959" }, undefined, now)).toEqual([
      { path: ["time_range", "end_time"], code: "end_not_after_start" },
    ]);
  });

  it("without a start in the body, the order's start counts", () => {
    expect(checkCompleteTimes({ end_time: "20240101075959" }, order.time_range, now)).toEqual([
      { path: ["time_range", "end_time"], code: "end_not_after_start" },
    ]);
    expect(checkCompleteTimes({ end_time: "20240101080001" }, { start_time: "OnAccept" }, now)).toEqual([]);
  });

  it("a start in the future", () => {
    expect(checkCompleteTimes({ start_time: "20240102000000" }, { end_time: "20240103000000" }, now)).toEqual([
      { path: ["time_range", "start_time"], code: "time_in_future" },
    ]);
  });

  it("end_time required when the order was created without one", () => {
    expect(checkCompleteTimes(undefined, order.time_range, now)).toEqual([{ path: ["time_range", "end_time"], code: "required" }]);
    expect(checkCompleteTimes(undefined, { start_time: "20240101080000", end_time: "20240101180000" }, now)).toEqual([]);
  });

  it("an invalid time", () => {
    expect(checkCompleteTimes({ end_time: "20240230120000" }, undefined, now)).toEqual([
      { path: ["time_range", "end_time"], code: "invalid_time" },
    ]);
  });

  it("totals, risk fund and industry are checked too", () => {
    expect(
      checkCompleteRules({
        mode: "partner",
        industry: "express",
        body: {
          post_payments: [{ name: "首重费", amount: 60000 }],
          post_discounts: [{ name: "券", amount: 1000, description: "新客" }],
          total_amount: 60000,
          time_range: { end_time: "20240101110000" },
        },
        order,
        now,
      }),
    ).toEqual([
      { path: ["total_amount"], code: "total_mismatch", params: { expected: 59000 } },
      { path: ["total_amount"], code: "total_above_risk_fund", params: { max: 50000 } },
    ]);
  });
});
