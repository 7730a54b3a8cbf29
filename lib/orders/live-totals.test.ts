import { describe, expect, it } from "vitest";
import type { TServiceOrder } from "../payscore/order";
import { ZModifyForm, type TModifyFormInput } from "./modify-form";
import { newIdempotencyKey } from "./idempotency";
import { amountFieldIssues, computeLiveTotals, draftBody, liveTotalMode } from "./live-totals";

function order(extra: Partial<TServiceOrder> = {}): TServiceOrder {
  return {
    out_order_no: "DEMO-1",
    service_id: "500001",
    mchid: "1900000001",
    service_introduction: "demo",
    state: "DOING",
    state_description: "MCH_COMPLETE",
    risk_fund: { name: "ESTIMATE_ORDER_COST", amount: 10_000 },
    total_amount: 5_000,
    ...extra,
  };
}

describe("live totals", () => {
  const line = (name: string, amount: string) => ({ name, amount, description: "", count: "" });

  it("decides between computed, entered and zero totals as the schema does", () => {
    expect(liveTotalMode("express", [line("首重费", "")])).toBe("sum");
    expect(liveTotalMode("power_bank", [line("收费标准", "")])).toBe("entered");
    expect(liveTotalMode("bike_sharing", [line("计费规则", "")])).toBe("entered");
    expect(liveTotalMode("bike_sharing", [line("计费规则", ""), line("骑行费用", "1")])).toBe("sum");
    expect(liveTotalMode("car_rental", [line("租车相关费用", "")])).toBe("zero");
  });

  it("computes Σ payments − Σ discounts, the old total and the difference", () => {
    const totals = computeLiveTotals(
      {
        industry: "hotel",
        payments: [line("酒店房费", "40.00"), line("其他杂费", "5.5")],
        discounts: [{ name: "满减", description: "", amount: "1.00", count: "" }],
        total: "999",
      },
      order(),
    );
    expect(totals).toEqual({ mode: "sum", paymentsFen: 4550, discountsFen: 100, newTotal: 4450, oldTotal: 5000, delta: -550, riskFund: 10_000 });
  });

  it("is unknown while an amount does not parse; uses the entered total where lines carry none", () => {
    expect(computeLiveTotals({ industry: "hotel", payments: [line("酒店房费", "1.234")], discounts: [], total: "" }, order()).newTotal).toBeNull();
    const entered = computeLiveTotals({ industry: "power_bank", payments: [line("收费标准", "")], discounts: [], total: "12.30" }, order());
    expect(entered).toMatchObject({ mode: "entered", newTotal: 1230, delta: 1230 - 5000 });
  });

  it("takes the old total from the collection when the order has no total_amount", () => {
    const o = order({ total_amount: undefined, collection: { state: "USER_PAYING", total_amount: 800 } });
    expect(computeLiveTotals({ industry: "power_bank", payments: [], discounts: [], total: "" }, o).oldTotal).toBe(800);
  });

  it("the draft body matches what ZModifyForm builds", () => {
    const values: TModifyFormInput = {
      profileId: "p",
      subMchid: "",
      outOrderNo: "DEMO-1",
      idempotencyKey: newIdempotencyKey(),
      basedOn: order(),
      industry: "hotel",
      payments: [
        { name: "酒店房费", amount: "30", description: "标准间", count: "" },
        { name: "其他杂费", amount: "2.5", description: "清洁", count: "" },
      ],
      discounts: [{ name: "会员", description: "会员优惠", amount: "0.50", count: "1" }],
      total: "",
      reasonCategory: "billing_error",
      reasonText: "多收了房费",
      internalNote: "",
      device: { start_device_id: "", end_device_id: "", materiel_no: "" },
    };
    const parsed = ZModifyForm.safeParse(values);
    expect(parsed.success).toBe(true);
    const draft = draftBody(values);
    expect(draft).not.toBeNull();
    if (parsed.success && draft) {
      expect(draft).toEqual({ post_payments: parsed.data.post_payments, post_discounts: parsed.data.post_discounts, total_amount: parsed.data.total_amount });
    }
    expect(draftBody({ ...values, payments: [{ ...values.payments[0]!, amount: "abc" }] })).toBeNull();
  });

  it("reports the amount errors the schema's transform would, at form paths", () => {
    expect(
      amountFieldIssues({
        payments: [{ name: "酒店房费", amount: "1.234", description: "", count: "0" }],
        discounts: [{ name: "d", description: "", amount: "", count: "" }],
        total: "",
      }),
    ).toEqual([
      { path: ["payments", 0, "amount"], code: "too_many_decimals" },
      { path: ["payments", 0, "count"], code: "out_of_range", params: { min: 1, max: 100 } },
      { path: ["discounts", 0, "amount"], code: "required" },
      { path: ["total"], code: "required" },
    ]);
  });
});
