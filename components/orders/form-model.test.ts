import { describe, expect, it, vi } from "vitest";
import { INDUSTRY_IDS, INDUSTRY_TEMPLATES, checkIndustryLines, type IndustryId } from "@/lib/industries";
import { formatFen } from "@/lib/money";
import { paymentsFromInput, type TPaymentLineInput } from "@/lib/orders/amount-form";
import { ZModifyForm, type TModifyFormInput } from "@/lib/orders/modify-form";
import type { TServiceOrder } from "@/lib/payscore/order";
import {
  amountFieldIssues,
  canAddLine,
  canRemoveLine,
  computeLiveTotals,
  createIdempotencyKeeper,
  diffLines,
  discountModeIssues,
  draftBody,
  editableFields,
  emptyLine,
  findVariant,
  formPathForIssue,
  formatPayscoreTime,
  insertIndexForGroup,
  institutionTimeIssues,
  isDefinitive,
  issueMessageValues,
  lengthIssues,
  lineLengthIssues,
  liveTotalMode,
  newIdempotencyKey,
  reasonTextIssues,
  seedDiscounts,
  seedPayments,
  submissionFingerprint,
  upstreamMessageCode,
  variantOfLines,
} from "./form-model";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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

function parsedLines(lines: TPaymentLineInput[]) {
  const issues: unknown[] = [];
  const out = paymentsFromInput(lines, "payments", (...args) => issues.push(args));
  expect(issues).toEqual([]);
  return out;
}

describe("seedPayments", () => {
  it.each(INDUSTRY_IDS.flatMap((id) => INDUSTRY_TEMPLATES[id].variants.map((v) => [id, v.id] as const)))(
    "%s/%s: seeding from the template's example gives back exactly the example",
    (industry, variantId) => {
      const variant = findVariant(industry, variantId);
      const seeded = seedPayments(industry, undefined, variant.example);
      expect(seeded.dropped).toBe(0);
      const lines = parsedLines(seeded.payments);
      expect(lines).toEqual(variant.example);
      expect(checkIndustryLines(industry, lines)).toEqual([]);
      expect(variantOfLines(industry, seeded.payments).id).toBe(variantId);
    },
  );

  it.each(INDUSTRY_IDS)("%s: an order without lines gets one empty line per required group", (industry) => {
    const variant = INDUSTRY_TEMPLATES[industry].variants[0];
    const seeded = seedPayments(industry, undefined, undefined);
    expect(seeded.dropped).toBe(0);
    expect(seeded.payments).toHaveLength(variant?.groups.filter((g) => g.required).length ?? 0);
    for (const line of seeded.payments) expect(line.amount).toBe("");
  });

  it("drops lines the template does not know and fields a group forbids", () => {
    const seeded = seedPayments("express", undefined, [
      { name: "首重费", amount: 1200, description: "not sent for express" },
      { name: "就餐费用", amount: 100 },
      { name: "包装费", amount: 300, count: 2 },
    ]);
    expect(seeded.dropped).toBe(1);
    expect(seeded.payments).toEqual([
      { name: "首重费", amount: "12.00", description: "", count: "" },
      { name: "包装费", amount: "3.00", description: "", count: "" },
    ]);
  });

  it("keeps at most maxLines of a group and counts the rest as dropped", () => {
    const seeded = seedPayments("hotel", undefined, [
      { name: "酒店房费", amount: 1000, description: "A" },
      { name: "其他杂费", amount: 100, description: "B" },
      { name: "其他杂费", amount: 100, description: "C" },
    ]);
    expect(seeded.dropped).toBe(1);
    expect(seeded.payments.map((l) => l.description)).toEqual(["A", "B"]);
  });

  it("汽车租赁: the 0-yuan variant is one fixed line; switching back leaves the standard form empty", () => {
    const zero = seedPayments("car_rental", "zero", [{ name: "车损费用", amount: 100, description: "x", count: 1 }]);
    expect(zero.payments).toEqual([{ name: "租车相关费用", amount: "", description: "本次无扣款", count: "" }]);
    expect(zero.dropped).toBe(1);
    expect(variantOfLines("car_rental", zero.payments).totalMode).toBe("zero");
    expect(editableFields(findVariant("car_rental", "zero").groups[0]!)).toEqual([]);

    const standard = seedPayments("car_rental", "standard", [{ name: "租车相关费用", description: "本次无扣款" }]);
    expect(standard.payments).toEqual([]);
    expect(standard.dropped).toBe(1);
  });

  it("generic: every order line goes to the free-name group", () => {
    const seeded = seedPayments("generic", undefined, [
      { name: "就餐费用", amount: 40000, description: "就餐人均100元", count: 4 },
      { name: "停车费", amount: 500 },
    ]);
    expect(seeded.dropped).toBe(0);
    expect(seeded.payments).toEqual([
      { name: "就餐费用", amount: "400.00", description: "就餐人均100元", count: "4" },
      { name: "停车费", amount: "5.00", description: "", count: "" },
    ]);
  });

  it("a new line that must carry a count starts at 1", () => {
    const group = INDUSTRY_TEMPLATES.smart_retail.variants[0]!.groups[0]!;
    expect(emptyLine(group)).toEqual({ name: "商品信息", amount: "", description: "", count: "1" });
  });
});

describe("adding and removing lines", () => {
  const bike = findVariant("bike_sharing", "standard");
  const lines = seedPayments("bike_sharing", undefined, undefined).payments;

  it("inserts a line of an optional group where the template puts it", () => {
    // groups: 计费规则, 骑行时长, 骑行费用, 调度费用, 头盔费用, 罚款
    expect(insertIndexForGroup(bike, lines, 4)).toBe(2);
    const withHelmet = [...lines, { ...emptyLine(bike.groups[4]!) }];
    expect(insertIndexForGroup(bike, withHelmet, 2)).toBe(2);
    expect(insertIndexForGroup(bike, withHelmet, 5)).toBe(3);
    expect(insertIndexForGroup(bike, [], 0)).toBe(0);
  });

  it("optional groups stop at their maximum; required groups keep one line", () => {
    expect(canAddLine(bike, lines, 2)).toBe(true);
    const withRide = [...lines, emptyLine(bike.groups[2]!)];
    expect(canAddLine(bike, withRide, 2)).toBe(false);
    expect(canRemoveLine(bike, withRide, 0)).toBe(false);
    expect(canRemoveLine(bike, withRide, 2)).toBe(true);
  });

  it("智慧零售 商品信息 repeats up to 100 lines and keeps at least one", () => {
    const retail = findVariant("smart_retail", "standard");
    const group = retail.groups[0]!;
    const one = [emptyLine(group)];
    expect(canRemoveLine(retail, one, 0)).toBe(false);
    const ninetyNine = Array.from({ length: 99 }, () => emptyLine(group));
    expect(canAddLine(retail, ninetyNine, 0)).toBe(true);
    expect(canAddLine(retail, [...ninetyNine, emptyLine(group)], 0)).toBe(false);
    expect(canRemoveLine(retail, ninetyNine, 5)).toBe(true);
  });
});

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
});

describe("checks beyond the form schema", () => {
  const discount = (description: string) => ({ name: "满减", description, amount: "1", count: "" });

  it("partner and institution discounts need a description", () => {
    expect(discountModeIssues("merchant", [discount("")])).toEqual([]);
    expect(discountModeIssues("partner", [discount(""), discount("ok")])).toEqual([{ path: ["discounts", 0, "description"], code: "required" }]);
    expect(discountModeIssues("institution", [discount(" ")])).toHaveLength(1);
  });

  it("institution: any time information needs a start time", () => {
    const empty = { startTime: "", startTimeRemark: "", endTime: "", endTimeRemark: "" };
    expect(institutionTimeIssues("institution", empty)).toEqual([]);
    expect(institutionTimeIssues("institution", { ...empty, endTime: "2026-11-25T10:00:00" })).toEqual([{ path: ["startTime"], code: "required" }]);
    expect(institutionTimeIssues("partner", { ...empty, endTime: "2026-11-25T10:00:00" })).toEqual([]);
  });

  it("lengths are counted in characters", () => {
    expect(lengthIssues({ goodsTag: { value: "标".repeat(32), max: 32 } })).toEqual([]);
    expect(lengthIssues({ "device.materiel_no": { value: "x".repeat(33), max: 32 } })).toEqual([
      { path: ["device", "materiel_no"], code: "too_long", params: { max: 32 } },
    ]);
    const line = { name: "名".repeat(21), amount: "", description: "说".repeat(30), count: "" };
    expect(lineLengthIssues([line], [{ ...line, description: "说".repeat(31) }])).toEqual([
      { path: ["payments", 0, "name"], code: "too_long", params: { max: 20 } },
      { path: ["discounts", 0, "name"], code: "too_long", params: { max: 20 } },
      { path: ["discounts", 0, "description"], code: "too_long", params: { max: 30 } },
    ]);
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

  it("the reason text is required and fits after the category", () => {
    expect(reasonTextIssues({ reasonCategory: "other", reasonText: "  " })).toEqual([{ path: ["reasonText"], code: "required" }]);
    expect(reasonTextIssues({ reasonCategory: "other", reasonText: "字".repeat(47) })).toEqual([]);
    expect(reasonTextIssues({ reasonCategory: "other", reasonText: "字".repeat(48) })).toEqual([{ path: ["reasonText"], code: "too_long", params: { max: 47 } }]);
    expect(reasonTextIssues({ reasonCategory: "", reasonText: "字".repeat(46) })).toEqual([{ path: ["reasonText"], code: "too_long", params: { max: 45 } }]);
  });
});

describe("issue paths → form fields", () => {
  it.each([
    [["post_payments"], "payments"],
    [["post_payments", 0], "payments.0"],
    [["post_payments", 2, "amount"], "payments.2.amount"],
    [["payments", 1, "description"], "payments.1.description"],
    [["post_discounts", 0, "description"], "discounts.0.description"],
    [["post_discounts"], "discounts"],
    [["total_amount"], "total"],
    [["total"], "total"],
    [["reason"], "reasonText"],
    [["reasonText"], "reasonText"],
    [["time_range", "end_time"], "endTime"],
    [["time_range", "start_time_remark"], "startTimeRemark"],
    [["time_range"], "startTime"],
    [["location", "start_location"], "startLocation"],
    [["location", "end_location"], "endLocation"],
    [["complete_time"], "completeTime"],
    [["goods_tag"], "goodsTag"],
    [["profit_sharing"], "profitSharing"],
    [["device", "materiel_no"], "device.materiel_no"],
    [["sub_mchid"], null],
    [["appid"], null],
    [["basedOn", "state"], null],
    [[], null],
  ] as const)("%j → %s", (path, expected) => {
    expect(formPathForIssue(path)).toBe(expected);
  });
});

describe("issue message values", () => {
  it("formats the amounts of total rules as money and leaves other numbers alone", () => {
    expect(issueMessageValues({ path: ["total_amount"], code: "total_not_lower", params: { current: 5000 } }, formatFen).current).toBe("¥50.00");
    expect(issueMessageValues({ path: ["total_amount"], code: "total_above_risk_fund", params: { max: 123456 } }, formatFen).max).toBe("¥1,234.56");
    const tooLong = issueMessageValues({ path: ["x"], code: "too_long", params: { max: 30 } }, formatFen);
    expect(tooLong.max).toBe(30);
    expect(issueMessageValues({ path: [], code: "out_of_range", params: { min: 1 } }, formatFen).hasMax).toBe("no");
    expect(issueMessageValues({ path: [], code: "out_of_range", params: { min: 1, max: 100 } }, formatFen).hasMax).toBe("yes");
  });
});

describe("before → after lines", () => {
  it("pairs lines by name and occurrence, lists removed lines last", () => {
    const changes = diffLines(
      [
        { name: "商品信息", amount: 300, description: "可乐", count: 1 },
        { name: "商品信息", amount: 300, description: "雪碧", count: 1 },
        { name: "包装费", amount: 100 },
      ],
      [
        { name: "商品信息", amount: 300, description: "可乐", count: 1 },
        { name: "商品信息", amount: 200, description: "雪碧", count: 1 },
        { name: "保价费", amount: 50 },
      ],
    );
    expect(changes.map((c) => [c.kind, c.name])).toEqual([
      ["same", "商品信息"],
      ["changed", "商品信息"],
      ["added", "保价费"],
      ["removed", "包装费"],
    ]);
    expect(changes[1]?.before?.amount).toBe(300);
    expect(changes[1]?.after?.amount).toBe(200);
  });

  it("an order without lines makes every line new", () => {
    expect(diffLines(undefined, [{ name: "x", amount: 1 }]).map((c) => c.kind)).toEqual(["added"]);
  });
});

describe("answers and idempotency keys", () => {
  it("only an unknown outcome (or no answer) keeps the key", () => {
    expect(isDefinitive({ ok: true, data: {} })).toBe(true);
    expect(isDefinitive({ ok: false, error: { code: "UPSTREAM_ERROR" } })).toBe(true);
    expect(isDefinitive({ ok: false, error: { code: "ORDER_CHANGED" } })).toBe(true);
    expect(isDefinitive({ ok: false, error: { code: "RULE_VIOLATION" } })).toBe(true);
    expect(isDefinitive({ ok: false, error: { code: "OUTCOME_UNKNOWN" } })).toBe(false);
    expect(isDefinitive({ ok: false, error: { code: "INTERNAL_ERROR" } })).toBe(false);
    expect(isDefinitive(null)).toBe(false);
  });

  it("reuses the key for the same submission until a definitive answer", () => {
    let n = 0;
    const keeper = createIdempotencyKeeper(() => `key-${++n}`);
    const a = submissionFingerprint({ idempotencyKey: "ignored", total: "1.00" });
    const b = submissionFingerprint({ idempotencyKey: "other", total: "2.00" });
    expect(keeper.keyFor(a)).toBe("key-1");
    keeper.settle({ ok: false, error: { code: "OUTCOME_UNKNOWN" } });
    expect(keeper.keyFor(a)).toBe("key-1");
    keeper.settle(null);
    expect(keeper.keyFor(a)).toBe("key-1");
    // Different values are a different submission.
    expect(keeper.keyFor(b)).toBe("key-2");
    keeper.settle({ ok: false, error: { code: "UPSTREAM_ERROR" } });
    expect(keeper.keyFor(b)).toBe("key-3");
    expect(submissionFingerprint({ idempotencyKey: "x", v: 1 })).toBe(submissionFingerprint({ idempotencyKey: "y", v: 1 }));
  });

  it("makes v4 UUIDs, also where crypto.randomUUID is missing (plain http)", () => {
    expect(newIdempotencyKey()).toMatch(UUID_RE);
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    try {
      const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
      expect(keys.size).toBe(50);
      for (const k of keys) expect(k).toMatch(UUID_RE);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("names the plain-language message of an upstream error", () => {
    expect(upstreamMessageCode({ code: "SYSTEM_ERROR", message: "系统错误" })).toBe("SYSTEM_ERROR");
    expect(upstreamMessageCode({ code: "INVALID_ORDER_STATE", message: "单据正在扣款中，请稍后再试" })).toBe("ORDER_BUSY");
    expect(upstreamMessageCode({ code: "PARAM_ERROR", message: "订单状态不合法" })).toBe("INVALID_ORDER_STATE");
    expect(upstreamMessageCode({ code: "PARAM_ERROR", message: "total_amount 不能超过服务风险金" })).toBe("PARAM_ERROR");
    expect(upstreamMessageCode({ code: "RESPONSE_SIGNATURE_INVALID", message: "" })).toBe("RESPONSE_SIGNATURE_INVALID");
    expect(upstreamMessageCode({ code: "SOMETHING_NEW", message: "?" })).toBe("UNKNOWN");
  });
});

describe("small helpers", () => {
  it("formats Payscore times for reading", () => {
    expect(formatPayscoreTime("20261125143005")).toBe("2026-11-25 14:30:05");
    expect(formatPayscoreTime("OnAccept")).toBe("OnAccept");
    expect(formatPayscoreTime(undefined)).toBe("");
  });

  it("seeds discounts as 元 text", () => {
    expect(seedDiscounts([{ name: "满20减1元", description: "不与其他优惠叠加", amount: 100, count: 2 }])).toEqual([
      { name: "满20减1元", description: "不与其他优惠叠加", amount: "1.00", count: "2" },
    ]);
    expect(seedDiscounts(undefined)).toEqual([]);
  });

  it.each(INDUSTRY_IDS)("%s: every group shows exactly its non-forbidden fields", (industry: IndustryId) => {
    for (const variant of INDUSTRY_TEMPLATES[industry].variants) {
      for (const group of variant.groups) {
        const shown = editableFields(group);
        if (group.fixedDescription !== undefined) expect(shown).toEqual([]);
        else expect(shown).toEqual((["amount", "description", "count"] as const).filter((f) => group.fields[f] !== "forbidden"));
      }
    }
  });
});
