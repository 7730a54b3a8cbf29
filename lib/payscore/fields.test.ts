import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import {
  ZCompleteTime,
  ZDevice,
  ZMode,
  ZOutOrderNo,
  ZPayscoreTime,
  ZPostDiscount,
  ZPostDiscountWithDescription,
  ZPostDiscounts,
  ZPostPayment,
  ZPostPayments,
  ZReason,
  ZTimeRange,
  ZTotalAmount,
  formatBeijingTime,
  parseBeijingTime,
} from "./fields";
import { ruleIssuesFromZod } from "./issues";

function issues(schema: z.ZodMiniType, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? [] : ruleIssuesFromZod(r.error.issues);
}

describe("ZOutOrderNo", () => {
  it.each(["1234323JKHDFE1243252", "a", "A_b-c|d*e", "x".repeat(32)])("accepts %j", (v) => {
    expect(issues(ZOutOrderNo, v)).toEqual([]);
  });
  it("refuses empty, too long, and other characters", () => {
    expect(issues(ZOutOrderNo, "")).toEqual([{ path: [], code: "required" }]);
    expect(issues(ZOutOrderNo, "x".repeat(33))).toEqual([{ path: [], code: "too_long", params: { max: 32 } }]);
    expect(issues(ZOutOrderNo, "a/b")).toEqual([
      { path: [], code: "invalid_format", params: { format: "A-Za-z0-9_-|*" } },
    ]);
    expect(issues(ZOutOrderNo, "订单1")).toEqual([
      { path: [], code: "invalid_format", params: { format: "A-Za-z0-9_-|*" } },
    ]);
    expect(issues(ZOutOrderNo, undefined)).toEqual([{ path: [], code: "required" }]);
    expect(issues(ZOutOrderNo, 12)).toEqual([{ path: [], code: "invalid_type", params: { expected: "string" } }]);
  });
});

describe("ZPostPayment", () => {
  it("accepts the seed line", () => {
    expect(issues(ZPostPayment, { name: "就餐费用", amount: 40000, description: "就餐人均100元", count: 4 })).toEqual([]);
    expect(issues(ZPostPayment, { name: "收费标准", description: "1元/1小时" })).toEqual([]);
  });

  it("counts name and description in code points", () => {
    expect(issues(ZPostPayment, { name: "名".repeat(20) })).toEqual([]);
    expect(issues(ZPostPayment, { name: "名".repeat(21) })).toEqual([
      { path: ["name"], code: "too_long", params: { max: 20 } },
    ]);
    // 30 emoji are 60 UTF-16 units but 30 characters.
    expect(issues(ZPostPayment, { name: "n", description: "😀".repeat(30) })).toEqual([]);
    expect(issues(ZPostPayment, { name: "n", description: "说".repeat(31) })).toEqual([
      { path: ["description"], code: "too_long", params: { max: 30 } },
    ]);
  });

  it("amount is an integer ≥ 0; count 1..100", () => {
    expect(issues(ZPostPayment, { name: "n", amount: 0 })).toEqual([]);
    expect(issues(ZPostPayment, { name: "n", amount: -1 })).toEqual([{ path: ["amount"], code: "negative" }]);
    expect(issues(ZPostPayment, { name: "n", amount: 1.5 })).toEqual([{ path: ["amount"], code: "not_integer" }]);
    expect(issues(ZPostPayment, { name: "n", amount: "100" })).toEqual([
      { path: ["amount"], code: "invalid_type", params: { expected: "integer" } },
    ]);
    expect(issues(ZPostPayment, { name: "n", amount: 100_000_000_001 })).toEqual([
      { path: ["amount"], code: "too_large", params: { max: 100_000_000_000 } },
    ]);
    expect(issues(ZPostPayment, { name: "n", count: 100 })).toEqual([]);
    expect(issues(ZPostPayment, { name: "n", count: 0 })).toEqual([
      { path: ["count"], code: "out_of_range", params: { min: 1, max: 100 } },
    ]);
    expect(issues(ZPostPayment, { name: "n", count: 101 })).toEqual([
      { path: ["count"], code: "out_of_range", params: { min: 1, max: 100 } },
    ]);
  });

  it("name is required and non-empty; unknown fields are refused", () => {
    expect(issues(ZPostPayment, { amount: 1 })).toEqual([{ path: ["name"], code: "required" }]);
    expect(issues(ZPostPayment, { name: "" })).toEqual([{ path: ["name"], code: "required" }]);
    expect(issues(ZPostPayment, { name: "n", price: 1 })).toEqual([{ path: ["price"], code: "unknown_field" }]);
  });
});

describe("ZPostPayments / ZPostDiscounts sizes", () => {
  it("payments 1..100", () => {
    expect(issues(ZPostPayments, [])).toEqual([{ path: [], code: "too_few", params: { min: 1 } }]);
    const line = { name: "商品信息", amount: 1, description: "x", count: 1 };
    expect(issues(ZPostPayments, Array(100).fill(line))).toEqual([]);
    expect(issues(ZPostPayments, Array(101).fill(line))).toEqual([{ path: [], code: "too_many", params: { max: 100 } }]);
  });
  it("discounts 0..30", () => {
    const d = { name: "券", amount: 1 };
    expect(issues(ZPostDiscounts, [])).toEqual([]);
    expect(issues(ZPostDiscounts, Array(30).fill(d))).toEqual([]);
    expect(issues(ZPostDiscounts, Array(31).fill(d))).toEqual([{ path: [], code: "too_many", params: { max: 30 } }]);
  });
  it("paths point into the list", () => {
    expect(issues(ZPostPayments, [{ name: "a" }, { name: "b", description: "说".repeat(31) }])).toEqual([
      { path: [1, "description"], code: "too_long", params: { max: 30 } },
    ]);
  });
});

describe("ZPostDiscount", () => {
  it("name and amount required; description optional in merchant mode", () => {
    expect(issues(ZPostDiscount, { name: "满20减1元", amount: 100 })).toEqual([]);
    expect(issues(ZPostDiscount, { name: "满20减1元", description: "不与其他优惠叠加", amount: 100, count: 2 })).toEqual([]);
    expect(issues(ZPostDiscount, { description: "x" })).toEqual([
      { path: ["name"], code: "required" },
      { path: ["amount"], code: "required" },
    ]);
    expect(issues(ZPostDiscount, { name: "n", amount: 1, count: 0 })).toEqual([
      { path: ["count"], code: "out_of_range", params: { min: 1 } },
    ]);
    expect(issues(ZPostDiscount, { name: "n", amount: 1, count: 1000 })).toEqual([]);
  });
  it("description required in partner/institution mode", () => {
    expect(issues(ZPostDiscountWithDescription, { name: "n", amount: 1 })).toEqual([
      { path: ["description"], code: "required" },
    ]);
    expect(issues(ZPostDiscountWithDescription, { name: "n", amount: 1, description: "说".repeat(31) })).toEqual([
      { path: ["description"], code: "too_long", params: { max: 30 } },
    ]);
  });
});

describe("other scalars", () => {
  it("ZReason 1..50 characters", () => {
    expect(issues(ZReason, "用户投诉")).toEqual([]);
    expect(issues(ZReason, "因".repeat(50))).toEqual([]);
    expect(issues(ZReason, "因".repeat(51))).toEqual([{ path: [], code: "too_long", params: { max: 50 } }]);
    expect(issues(ZReason, "")).toEqual([{ path: [], code: "required" }]);
  });
  it("ZTotalAmount", () => {
    expect(issues(ZTotalAmount, 0)).toEqual([]);
    expect(issues(ZTotalAmount, -5)).toEqual([{ path: [], code: "negative" }]);
    expect(issues(ZTotalAmount, Number.NaN)).toEqual([
      { path: [], code: "invalid_type", params: { expected: "integer" } },
    ]);
  });
  it("ZMode", () => {
    expect(ZMode.options).toEqual(["merchant", "partner", "institution"]);
    expect(issues(ZMode, "bank")).toEqual([{ path: [], code: "invalid_value" }]);
  });
  it("ZCompleteTime (ISO 8601)", () => {
    expect(issues(ZCompleteTime, "2019-11-11T16:24:05+08:00")).toEqual([]);
    expect(issues(ZCompleteTime, "2019-11-11T08:24:05.123Z")).toEqual([]);
    expect(issues(ZCompleteTime, "20191111162405")[0]?.code).toBe("invalid_format");
  });
  it("ZDevice is strict", () => {
    expect(issues(ZDevice, { start_device_id: "HG123456", end_device_id: "HG123456", materiel_no: "example_materiel_no" })).toEqual([]);
    expect(issues(ZDevice, { serial: "x" })).toEqual([{ path: ["serial"], code: "unknown_field" }]);
  });
  it("ZTimeRange", () => {
    expect(
      issues(ZTimeRange, {
        start_time: "20091225091010",
        start_time_remark: "开始租借时间",
        end_time: "20091225121010",
        end_time_remark: "租借结束时间",
      }),
    ).toEqual([]);
    expect(issues(ZTimeRange, { end_time: "2009-12-25" })).toEqual([{ path: ["end_time"], code: "invalid_time" }]);
    expect(issues(ZTimeRange, { end_time: "20090230101010" })).toEqual([{ path: ["end_time"], code: "invalid_time" }]);
  });
});

describe("Beijing time", () => {
  it("parses yyyyMMddHHmmss as UTC+8", () => {
    expect(parseBeijingTime("20091225091010")).toBe(Date.UTC(2009, 11, 25, 1, 10, 10));
    expect(parseBeijingTime("20240101000000")).toBe(Date.parse("2023-12-31T16:00:00Z"));
  });
  it("refuses impossible and malformed times", () => {
    for (const s of ["20090230101010", "20091325091010", "20091225240000", "20091225096010", "2009122509101", "OnAccept", ""]) {
      expect(parseBeijingTime(s), s).toBeNull();
    }
    expect(parseBeijingTime("20240229235959")).not.toBeNull();
    expect(ZPayscoreTime.safeParse("20230229000000").success).toBe(false);
  });
  it("formats in Beijing time", () => {
    expect(formatBeijingTime(new Date("2023-12-31T16:00:00Z"))).toBe("20240101000000");
    expect(formatBeijingTime(new Date("2009-12-25T01:10:10Z"))).toBe("20091225091010");
  });
});
