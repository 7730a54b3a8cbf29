import { describe, expect, it } from "vitest";
import { INDUSTRY_IDS, INDUSTRY_TEMPLATES, checkIndustryLines, type IndustryId } from "../industries";
import { paymentsFromInput, type TPaymentLineInput } from "./amount-form";
import {
  canAddLine,
  canRemoveLine,
  editableFields,
  emptyLine,
  findVariant,
  insertIndexForGroup,
  seedDiscounts,
  seedPayments,
  variantOfLines,
} from "./template-lines";

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


describe("discounts and fields", () => {
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
