import { describe, expect, it } from "vitest";
import {
  INDUSTRY_IDS,
  INDUSTRY_LABELS,
  INDUSTRY_TEMPLATES,
  checkIndustryLines,
  checkIndustryTotal,
  isIndustryId,
  resolveTotalMode,
  selectIndustryVariant,
  type IndustryId,
} from "./industries";
import { ZPostPayments } from "./payscore/fields";
import type { PostPayment } from "./payscore/fields";

function codes(industry: IndustryId, lines: PostPayment[]) {
  return checkIndustryLines(industry, lines).map((i) => ({ path: i.path, code: i.code, params: i.params }));
}

describe("templates as data", () => {
  it("has a template and labels for every industry id", () => {
    expect(INDUSTRY_IDS).toHaveLength(9);
    for (const id of INDUSTRY_IDS) {
      expect(INDUSTRY_TEMPLATES[id].id).toBe(id);
      expect(INDUSTRY_TEMPLATES[id].variants.length).toBeGreaterThanOrEqual(1);
      expect(INDUSTRY_LABELS[id].zh).not.toBe("");
      expect(INDUSTRY_LABELS[id].en).not.toBe("");
    }
    expect(INDUSTRY_TEMPLATES.car_rental.variants.map((v) => v.id)).toEqual(["standard", "zero"]);
    expect(INDUSTRY_TEMPLATES.hotel.variants.map((v) => v.id)).toEqual(["standard"]);
  });

  it("isIndustryId", () => {
    expect(isIndustryId("hotel")).toBe(true);
    expect(isIndustryId("restaurant")).toBe(false);
    expect(isIndustryId(3)).toBe(false);
  });

  it.each(INDUSTRY_IDS.flatMap((id) => INDUSTRY_TEMPLATES[id].variants.map((v) => [id, v.id] as const)))(
    "%s/%s: the seed 001 example passes the field schema and the industry rules",
    (id, variantId) => {
      const variant = INDUSTRY_TEMPLATES[id].variants.find((v) => v.id === variantId);
      if (!variant) throw new Error("variant missing");
      const lines = variant.example.map((l) => ({ ...l }));
      expect(ZPostPayments.safeParse(lines).success).toBe(true);
      expect(selectIndustryVariant(id, lines).id).toBe(variantId);
      expect(checkIndustryLines(id, lines)).toEqual([]);
    },
  );

  it("every group example fits its own group", () => {
    for (const id of INDUSTRY_IDS) {
      for (const variant of INDUSTRY_TEMPLATES[id].variants) {
        for (const group of variant.groups) {
          for (const ex of group.examples) {
            for (const field of ["amount", "description", "count"] as const) {
              if (group.fields[field] === "forbidden") expect(ex[field], `${id} ${group.name} ${field}`).toBeUndefined();
              if (group.fields[field] === "required") expect(ex[field], `${id} ${group.name} ${field}`).toBeDefined();
            }
          }
        }
      }
    }
  });

  it("the official 充电宝 description is 18 characters and fits 30 (Decision 9)", () => {
    expect(ZPostPayments.safeParse([{ name: "收费标准", description: "3元/60分钟，每24小时封顶30元" }]).success).toBe(true);
  });
});

describe("二轮电动车充电桩 / 充电宝 / 汽车充电桩 (description only)", () => {
  it.each(["ebike_charging", "power_bank"] as const)("%s: amount and count are not sent", (id) => {
    expect(
      codes(id, [
        { name: "收费标准", description: "1元/1小时", amount: 100 },
        { name: "使用时长", description: "1小时", count: 1 },
      ]),
    ).toEqual([
      { path: ["post_payments", 0, "amount"], code: "forbidden_field", params: undefined },
      { path: ["post_payments", 1, "count"], code: "forbidden_field", params: undefined },
    ]);
  });

  it.each(["ebike_charging", "power_bank"] as const)("%s: both lines are required", (id) => {
    expect(codes(id, [{ name: "收费标准", description: "1元/1小时" }])).toEqual([
      { path: ["post_payments"], code: "missing_group", params: { name: "使用时长" } },
    ]);
  });

  it("description is required", () => {
    expect(codes("ebike_charging", [{ name: "收费标准" }, { name: "使用时长", description: "1小时" }])).toEqual([
      { path: ["post_payments", 0, "description"], code: "required", params: undefined },
    ]);
  });

  it("a foreign name is refused", () => {
    expect(
      codes("power_bank", [
        { name: "收费标准", description: "1元/1小时" },
        { name: "使用时长", description: "1小时" },
        { name: "押金", description: "99元" },
      ]),
    ).toEqual([{ path: ["post_payments", 2, "name"], code: "unknown_line_name", params: { name: "押金" } }]);
  });

  it("a group may not repeat", () => {
    expect(
      codes("ebike_charging", [
        { name: "收费标准", description: "1元/1小时" },
        { name: "收费标准", description: "2元/1小时" },
        { name: "使用时长", description: "1小时" },
      ]),
    ).toEqual([{ path: ["post_payments", 1, "name"], code: "group_repeated", params: { name: "收费标准", max: 1 } }]);
  });

  it("汽车充电桩 needs 计费规则 and 费用明细", () => {
    expect(codes("car_charging", [{ name: "计费规则", description: "电费0.1元/度" }])).toEqual([
      { path: ["post_payments"], code: "missing_group", params: { name: "费用明细" } },
    ]);
    expect(codes("car_charging", [{ name: "收费标准", description: "x" }, { name: "费用明细", description: "y" }])).toEqual([
      { path: ["post_payments", 0, "name"], code: "unknown_line_name", params: { name: "收费标准" } },
      { path: ["post_payments"], code: "missing_group", params: { name: "计费规则" } },
    ]);
  });

  it("total is entered", () => {
    expect(resolveTotalMode("power_bank", INDUSTRY_TEMPLATES.power_bank.variants[0]!.example)).toBe("entered");
    expect(resolveTotalMode("car_charging", INDUSTRY_TEMPLATES.car_charging.variants[0]!.example)).toBe("entered");
  });
});

describe("共享单车", () => {
  const base: PostPayment[] = [
    { name: "计费规则", description: "骑行费用1.5元/30分钟" },
    { name: "骑行时长", description: "1小时38分20秒" },
  ];

  it("the two required lines alone are valid; total entered", () => {
    expect(codes("bike_sharing", base)).toEqual([]);
    expect(resolveTotalMode("bike_sharing", base)).toBe("entered");
  });

  it("optional lines need an amount; description allowed; count not sent", () => {
    expect(codes("bike_sharing", [...base, { name: "骑行费用", amount: 150, description: "30分钟" }])).toEqual([]);
    expect(resolveTotalMode("bike_sharing", [...base, { name: "骑行费用", amount: 150 }])).toBe("sum");
    expect(codes("bike_sharing", [...base, { name: "罚款", description: "违停" }])).toEqual([
      { path: ["post_payments", 2, "amount"], code: "required", params: undefined },
    ]);
    expect(codes("bike_sharing", [...base, { name: "头盔费用", amount: 100, count: 1 }])).toEqual([
      { path: ["post_payments", 2, "count"], code: "forbidden_field", params: undefined },
    ]);
  });

  it("optional groups appear at most once (Decision 8)", () => {
    expect(
      codes("bike_sharing", [...base, { name: "调度费用", amount: 100 }, { name: "调度费用", amount: 200 }]),
    ).toEqual([{ path: ["post_payments", 3, "name"], code: "group_repeated", params: { name: "调度费用", max: 1 } }]);
  });

  it("required lines carry no amount", () => {
    expect(codes("bike_sharing", [{ name: "计费规则", description: "x", amount: 1 }, base[1]!])).toEqual([
      { path: ["post_payments", 0, "amount"], code: "forbidden_field", params: undefined },
    ]);
  });

  it("骑行时长 is required", () => {
    expect(codes("bike_sharing", [base[0]!, { name: "骑行费用", amount: 1200 }])).toEqual([
      { path: ["post_payments"], code: "missing_group", params: { name: "骑行时长" } },
    ]);
  });
});

describe("快递行业", () => {
  it("首重费 alone is valid", () => {
    expect(codes("express", [{ name: "首重费", amount: 1200 }])).toEqual([]);
    expect(resolveTotalMode("express", [{ name: "首重费", amount: 1200 }])).toBe("sum");
  });

  it("首重费 is required", () => {
    expect(codes("express", [{ name: "续重费", amount: 1200 }])).toEqual([
      { path: ["post_payments"], code: "missing_group", params: { name: "首重费" } },
    ]);
  });

  it("amount required, description and count not sent", () => {
    expect(codes("express", [{ name: "首重费", description: "1kg", count: 1 }])).toEqual([
      { path: ["post_payments", 0, "amount"], code: "required", params: undefined },
      { path: ["post_payments", 0, "description"], code: "forbidden_field", params: undefined },
      { path: ["post_payments", 0, "count"], code: "forbidden_field", params: undefined },
    ]);
  });

  it("首重费 exactly once", () => {
    expect(codes("express", [{ name: "首重费", amount: 1 }, { name: "首重费", amount: 2 }])).toEqual([
      { path: ["post_payments", 1, "name"], code: "group_repeated", params: { name: "首重费", max: 1 } },
    ]);
  });

  it("a 预估金额 (create-time name) is refused at modify/complete", () => {
    expect(codes("express", [{ name: "首重费", amount: 1 }, { name: "预估金额", amount: 2 }])).toEqual([
      { path: ["post_payments", 1, "name"], code: "unknown_line_name", params: { name: "预估金额" } },
    ]);
  });
});

describe("智慧零售", () => {
  const item = (description: string): PostPayment => ({ name: "商品信息", amount: 300, description, count: 1 });

  it("商品信息 repeats up to 100 lines", () => {
    const lines = Array.from({ length: 100 }, (_, i) => item(`商品${i}`));
    expect(codes("smart_retail", lines)).toEqual([]);
  });

  it("101 lines are too many", () => {
    const lines = Array.from({ length: 101 }, (_, i) => item(`商品${i}`));
    const issues = codes("smart_retail", lines);
    expect(issues).toContainEqual({ path: ["post_payments"], code: "too_many", params: { max: 100 } });
    expect(issues).toContainEqual({
      path: ["post_payments", 100, "name"],
      code: "group_repeated",
      params: { name: "商品信息", max: 100 },
    });
  });

  it("amount, description and count are all required", () => {
    expect(codes("smart_retail", [{ name: "商品信息" }])).toEqual([
      { path: ["post_payments", 0, "amount"], code: "required", params: undefined },
      { path: ["post_payments", 0, "description"], code: "required", params: undefined },
      { path: ["post_payments", 0, "count"], code: "required", params: undefined },
    ]);
  });

  it("no other name", () => {
    expect(codes("smart_retail", [item("可乐"), { name: "购物袋", amount: 20, description: "袋", count: 1 }])).toEqual([
      { path: ["post_payments", 1, "name"], code: "unknown_line_name", params: { name: "购物袋" } },
    ]);
  });

  it("an empty list is too few", () => {
    expect(codes("smart_retail", [])).toEqual([
      { path: ["post_payments"], code: "too_few", params: { min: 1 } },
      { path: ["post_payments"], code: "missing_group", params: { name: "商品信息" } },
    ]);
  });
});

describe("汽车租赁", () => {
  it("0-yuan form: exactly one 租车相关费用 with 本次无扣款", () => {
    const lines = [{ name: "租车相关费用", description: "本次无扣款" }];
    expect(selectIndustryVariant("car_rental", lines).id).toBe("zero");
    expect(resolveTotalMode("car_rental", lines)).toBe("zero");
    expect(codes("car_rental", lines)).toEqual([]);
    expect(codes("car_rental", [{ name: "租车相关费用", description: "本次无扣款", amount: 0 }])).toEqual([]);
  });

  it("0-yuan form: another description is refused", () => {
    expect(codes("car_rental", [{ name: "租车相关费用", description: "无" }])).toEqual([
      { path: ["post_payments", 0, "description"], code: "fixed_description", params: { expected: "本次无扣款" } },
    ]);
    expect(codes("car_rental", [{ name: "租车相关费用" }])).toEqual([
      { path: ["post_payments", 0, "description"], code: "required", params: undefined },
    ]);
  });

  it("0-yuan form: a non-zero amount is refused", () => {
    expect(codes("car_rental", [{ name: "租车相关费用", description: "本次无扣款", amount: 100 }])).toEqual([
      { path: ["post_payments", 0, "amount"], code: "zero_form_amount", params: undefined },
    ]);
  });

  it("0-yuan form: no other line, and no second 租车相关费用", () => {
    expect(
      codes("car_rental", [
        { name: "租车相关费用", description: "本次无扣款" },
        { name: "加油费用", amount: 9999, description: "97#5升", count: 1 },
      ]),
    ).toEqual([{ path: ["post_payments", 1, "name"], code: "zero_form_exclusive", params: { name: "加油费用" } }]);
    expect(
      codes("car_rental", [
        { name: "租车相关费用", description: "本次无扣款" },
        { name: "租车相关费用", description: "本次无扣款" },
      ]),
    ).toEqual([{ path: ["post_payments", 1, "name"], code: "group_repeated", params: { name: "租车相关费用", max: 1 } }]);
  });

  it("0-yuan form: total must be 0", () => {
    const lines = [{ name: "租车相关费用", description: "本次无扣款" }];
    expect(checkIndustryTotal("car_rental", lines, 0)).toEqual([]);
    expect(checkIndustryTotal("car_rental", lines, 1)).toEqual([{ path: ["total_amount"], code: "zero_form_total" }]);
    expect(checkIndustryTotal("car_rental", [{ name: "加油费用", amount: 1, description: "x", count: 1 }], 1)).toEqual([]);
  });

  it("non-zero form: one line is enough; amount, description and count are required", () => {
    expect(codes("car_rental", [{ name: "加油费用", amount: 9999, description: "97#5升", count: 1 }])).toEqual([]);
    expect(codes("car_rental", [{ name: "车损费用", amount: 8888 }])).toEqual([
      { path: ["post_payments", 0, "description"], code: "required", params: undefined },
      { path: ["post_payments", 0, "count"], code: "required", params: undefined },
    ]);
  });

  it("non-zero form: names outside the eight are refused and at least one of the seven is needed", () => {
    expect(codes("car_rental", [{ name: "保险费用", amount: 100, description: "x", count: 1 }])).toEqual([
      { path: ["post_payments", 0, "name"], code: "unknown_line_name", params: { name: "保险费用" } },
      {
        path: ["post_payments"],
        code: "missing_one_of",
        params: { names: "延迟还车费用、加油费用、ETC高速费用、车损费用、折旧费用、停运费用、闯红灯违章" },
      },
    ]);
  });

  it("non-zero form: each name once", () => {
    const line = { name: "折旧费用", amount: 1, description: "x", count: 1 };
    expect(codes("car_rental", [line, line])).toEqual([
      { path: ["post_payments", 1, "name"], code: "group_repeated", params: { name: "折旧费用", max: 1 } },
    ]);
  });
});

describe("酒店行业", () => {
  it("酒店房费 alone is valid", () => {
    expect(codes("hotel", [{ name: "酒店房费", amount: 1200, description: "标准间" }])).toEqual([]);
  });

  it("酒店房费 is required; 其他杂费 at most once", () => {
    expect(codes("hotel", [{ name: "其他杂费", amount: 200, description: "清洁" }])).toEqual([
      { path: ["post_payments"], code: "missing_group", params: { name: "酒店房费" } },
    ]);
    expect(
      codes("hotel", [
        { name: "酒店房费", amount: 1200, description: "标准间" },
        { name: "其他杂费", amount: 200, description: "清洁" },
        { name: "其他杂费", amount: 300, description: "迷你吧" },
      ]),
    ).toEqual([{ path: ["post_payments", 2, "name"], code: "group_repeated", params: { name: "其他杂费", max: 1 } }]);
  });

  it("amount and description required, count not sent", () => {
    expect(codes("hotel", [{ name: "酒店房费", count: 1 }])).toEqual([
      { path: ["post_payments", 0, "amount"], code: "required", params: undefined },
      { path: ["post_payments", 0, "description"], code: "required", params: undefined },
      { path: ["post_payments", 0, "count"], code: "forbidden_field", params: undefined },
    ]);
  });
});

describe("generic", () => {
  it("free names, each line needs amount or description", () => {
    expect(codes("generic", [{ name: "就餐费用", amount: 100 }, { name: "服务说明", description: "x" }])).toEqual([]);
    expect(codes("generic", [{ name: "就餐费用" }])).toEqual([
      { path: ["post_payments", 0], code: "amount_or_description_required", params: undefined },
    ]);
  });

  it("names are unique, 商品信息 included", () => {
    expect(codes("generic", [{ name: "A", amount: 1 }, { name: "A", amount: 2 }])).toEqual([
      { path: ["post_payments", 1, "name"], code: "duplicate_name", params: { name: "A" } },
    ]);
    expect(codes("generic", [{ name: "商品信息", amount: 1 }, { name: "商品信息", amount: 2 }])).toEqual([
      { path: ["post_payments", 1, "name"], code: "duplicate_name", params: { name: "商品信息" } },
    ]);
  });

  it("total mode depends on amounts", () => {
    expect(resolveTotalMode("generic", [{ name: "A", description: "x" }])).toBe("entered");
    expect(resolveTotalMode("generic", [{ name: "A", description: "x" }, { name: "B", amount: 0 }])).toBe("sum");
  });
});
