// Industry templates for post_payments (行业固定传参), as DATA: PAYSCORE_API.md §4 and Decisions 3, 8,
// 12, 13, 16, from seed 001. One form component renders any template; the sandbox and the console
// both judge lines with checkIndustryLines, so the two never disagree.
//
// A template has one or more variants (汽车租赁: "standard" and the 0-yuan "zero" form); a variant is
// a list of groups; a group is one fixed line name (or a free name, for the generic template) with
// which fields its lines carry and how many lines it may have.
import type { PostPayment } from "./payscore/fields";
import type { RuleIssue } from "./payscore/issues";

export const INDUSTRY_IDS = [
  "ebike_charging",
  "power_bank",
  "bike_sharing",
  "express",
  "smart_retail",
  "car_charging",
  "car_rental",
  "hotel",
  "generic",
] as const;
export type IndustryId = (typeof INDUSTRY_IDS)[number];

export function isIndustryId(value: unknown): value is IndustryId {
  return typeof value === "string" && (INDUSTRY_IDS as readonly string[]).includes(value);
}

export interface LocalizedLabel {
  zh: string;
  en: string;
}

export const INDUSTRY_LABELS: Record<IndustryId, LocalizedLabel> = {
  ebike_charging: { zh: "二轮电动车充电桩", en: "E-bike charging" },
  power_bank: { zh: "充电宝", en: "Power bank rental" },
  bike_sharing: { zh: "共享单车", en: "Bike sharing" },
  express: { zh: "快递行业", en: "Express delivery" },
  smart_retail: { zh: "智慧零售(无人设备)", en: "Smart retail (unattended)" },
  car_charging: { zh: "汽车充电桩", en: "EV charging" },
  car_rental: { zh: "汽车租赁", en: "Car rental" },
  hotel: { zh: "酒店行业", en: "Hotel" },
  generic: { zh: "通用", en: "Generic" },
};

/** "required": the line must carry it; "optional": may; "forbidden": must not be sent (不填). */
export type FieldRule = "required" | "optional" | "forbidden";

export type LineField = "amount" | "description" | "count";

export interface IndustryGroup {
  /** Fixed line name (固定值), or null for a free name (generic template). */
  name: string | null;
  label: LocalizedLabel;
  /** At least one line of this group must be present. */
  required: boolean;
  /** Most lines of this group. */
  maxLines: number;
  fields: Record<LineField, FieldRule>;
  /** The description must be exactly this (汽车租赁 0元: 本次无扣款). */
  fixedDescription?: string;
  /** A sent amount must be 0 (汽车租赁 0元). */
  amountMustBeZero?: boolean;
  /** Example values from the official page (for placeholders). */
  examples: readonly Omit<PostPayment, "name">[];
}

/**
 * How the form gets total_amount:
 * - "sum":  every line carries an amount; total = Σ amounts − Σ discounts (computed).
 * - "sum_when_any_amount": computed as above when any line carries an amount, else entered (Decision 12).
 * - "entered": no line carries an amount; the total is typed in and only bounds apply (Decision 3).
 * - "zero": the total is 0 (汽车租赁 0元完结).
 */
export type TotalMode = "sum" | "sum_when_any_amount" | "entered" | "zero";

export type IndustryVariantId = "standard" | "zero";

export interface IndustryVariant {
  id: IndustryVariantId;
  label: LocalizedLabel;
  groups: readonly IndustryGroup[];
  /** At least one line from these (optional) groups (汽车租赁 non-zero: one of seven). */
  requireOneOf?: readonly string[];
  /** Lines with a free name must have unique names (generic). Fixed groups use maxLines. */
  totalMode: TotalMode;
  /** A complete valid post_payments example (seed 001). */
  example: readonly PostPayment[];
}

export interface IndustryTemplate {
  id: IndustryId;
  label: LocalizedLabel;
  variants: readonly IndustryVariant[];
}

const DESC_ONLY: Record<LineField, FieldRule> = { amount: "forbidden", description: "required", count: "forbidden" };
const AMOUNT_ONLY: Record<LineField, FieldRule> = { amount: "required", description: "forbidden", count: "forbidden" };
const AMOUNT_DESC: Record<LineField, FieldRule> = { amount: "required", description: "required", count: "forbidden" };
const ALL_REQUIRED: Record<LineField, FieldRule> = { amount: "required", description: "required", count: "required" };

function g(
  name: string,
  en: string,
  required: boolean,
  fields: Record<LineField, FieldRule>,
  examples: readonly Omit<PostPayment, "name">[],
  extra: Partial<Pick<IndustryGroup, "maxLines" | "fixedDescription" | "amountMustBeZero">> = {},
): IndustryGroup {
  return { name, label: { zh: name, en }, required, maxLines: extra.maxLines ?? 1, fields, examples, ...extra };
}

const CAR_RENTAL_NONZERO_NAMES = [
  "延迟还车费用",
  "加油费用",
  "ETC高速费用",
  "车损费用",
  "折旧费用",
  "停运费用",
  "闯红灯违章",
] as const;

export const CAR_RENTAL_ZERO_NAME = "租车相关费用";
export const CAR_RENTAL_ZERO_DESCRIPTION = "本次无扣款";

const STANDARD: LocalizedLabel = { zh: "标准", en: "Standard" };

export const INDUSTRY_TEMPLATES: Record<IndustryId, IndustryTemplate> = {
  ebike_charging: {
    id: "ebike_charging",
    label: INDUSTRY_LABELS.ebike_charging,
    variants: [
      {
        id: "standard",
        label: STANDARD,
        totalMode: "entered",
        groups: [
          g("收费标准", "Tariff", true, DESC_ONLY, [{ description: "1元/1小时" }]),
          g("使用时长", "Duration", true, DESC_ONLY, [{ description: "1小时38分20秒" }]),
        ],
        example: [
          { name: "收费标准", description: "1元/1小时" },
          { name: "使用时长", description: "1小时38分20秒" },
        ],
      },
    ],
  },
  power_bank: {
    id: "power_bank",
    label: INDUSTRY_LABELS.power_bank,
    variants: [
      {
        id: "standard",
        label: STANDARD,
        totalMode: "entered",
        groups: [
          g("收费标准", "Tariff", true, DESC_ONLY, [
            { description: "3元/60分钟，每24小时封顶30元" },
            { description: "1元/1小时" },
          ]),
          g("使用时长", "Duration", true, DESC_ONLY, [{ description: "1小时38分20秒" }]),
        ],
        example: [
          { name: "收费标准", description: "3元/60分钟，每24小时封顶30元" },
          { name: "使用时长", description: "1小时38分20秒" },
        ],
      },
    ],
  },
  bike_sharing: {
    id: "bike_sharing",
    label: INDUSTRY_LABELS.bike_sharing,
    variants: [
      {
        id: "standard",
        label: STANDARD,
        totalMode: "sum_when_any_amount",
        groups: [
          g("计费规则", "Pricing rule", true, DESC_ONLY, [{ description: "骑行费用1.5元/30分钟" }]),
          g("骑行时长", "Ride duration", true, DESC_ONLY, [{ description: "1小时38分20秒" }]),
          // Decision 16: optional lines need an amount; a description is allowed; count is not sent.
          g("骑行费用", "Ride fee", false, { amount: "required", description: "optional", count: "forbidden" }, [{ amount: 1200 }]),
          g("调度费用", "Relocation fee", false, { amount: "required", description: "optional", count: "forbidden" }, [{ amount: 1200 }]),
          g("头盔费用", "Helmet fee", false, { amount: "required", description: "optional", count: "forbidden" }, [{ amount: 1200 }]),
          g("罚款", "Fine", false, { amount: "required", description: "optional", count: "forbidden" }, [{ amount: 1200 }]),
        ],
        example: [
          { name: "计费规则", description: "骑行费用1.5元/30分钟" },
          { name: "骑行时长", description: "1小时38分20秒" },
          { name: "骑行费用", amount: 1200 },
          { name: "调度费用", amount: 1200 },
          { name: "头盔费用", amount: 1200 },
          { name: "罚款", amount: 1200 },
        ],
      },
    ],
  },
  express: {
    id: "express",
    label: INDUSTRY_LABELS.express,
    variants: [
      {
        id: "standard",
        label: STANDARD,
        totalMode: "sum",
        groups: [
          g("首重费", "First-weight fee", true, AMOUNT_ONLY, [{ amount: 1200 }]),
          g("续重费", "Additional-weight fee", false, AMOUNT_ONLY, [{ amount: 1200 }]),
          g("包装费", "Packaging fee", false, AMOUNT_ONLY, [{ amount: 1200 }]),
          g("保价费", "Insurance fee", false, AMOUNT_ONLY, [{ amount: 1200 }]),
        ],
        example: [
          { name: "首重费", amount: 1200 },
          { name: "续重费", amount: 1200 },
          { name: "包装费", amount: 1200 },
          { name: "保价费", amount: 1200 },
        ],
      },
    ],
  },
  smart_retail: {
    id: "smart_retail",
    label: INDUSTRY_LABELS.smart_retail,
    variants: [
      {
        id: "standard",
        label: STANDARD,
        totalMode: "sum",
        groups: [
          g(
            "商品信息",
            "Product",
            true,
            ALL_REQUIRED,
            [
              { amount: 300, description: "可乐", count: 1 },
              { amount: 300, description: "雪碧", count: 1 },
            ],
            { maxLines: 100 },
          ),
        ],
        example: [
          { name: "商品信息", amount: 300, description: "可乐", count: 1 },
          { name: "商品信息", amount: 300, description: "雪碧", count: 1 },
        ],
      },
    ],
  },
  car_charging: {
    id: "car_charging",
    label: INDUSTRY_LABELS.car_charging,
    variants: [
      {
        id: "standard",
        label: STANDARD,
        totalMode: "entered",
        groups: [
          g("计费规则", "Pricing rule", true, DESC_ONLY, [{ description: "电费0.1元/度，服务费0.1元/度" }]),
          g("费用明细", "Fee details", true, DESC_ONLY, [{ description: "电费0.2元，服务费0.2元" }]),
        ],
        example: [
          { name: "计费规则", description: "电费0.1元/度，服务费0.1元/度" },
          { name: "费用明细", description: "电费0.2元，服务费0.2元" },
        ],
      },
    ],
  },
  car_rental: {
    id: "car_rental",
    label: INDUSTRY_LABELS.car_rental,
    variants: [
      {
        id: "standard",
        label: { zh: "有收款费用", en: "With charges" },
        totalMode: "sum",
        requireOneOf: CAR_RENTAL_NONZERO_NAMES,
        groups: [
          g("延迟还车费用", "Late return", false, ALL_REQUIRED, [{ amount: 1000, description: "延迟还车2小时", count: 1 }]),
          g("加油费用", "Fuel", false, ALL_REQUIRED, [{ amount: 9999, description: "97#5升", count: 1 }]),
          g("ETC高速费用", "ETC tolls", false, ALL_REQUIRED, [
            { amount: 2000, description: "2024年9月1日在深圳高速出口产生高速费用", count: 1 },
          ]),
          g("车损费用", "Damage", false, ALL_REQUIRED, [
            { amount: 8888, description: "客户租用期间车辆右后门发生单方剐擦，需要扣款维修", count: 1 },
          ]),
          g("折旧费用", "Depreciation", false, ALL_REQUIRED, [{ amount: 6666, description: "租用十三个月折旧", count: 1 }]),
          g("停运费用", "Downtime", false, ALL_REQUIRED, [{ amount: 7777, description: "车损需返厂维修一个月", count: 1 }]),
          g("闯红灯违章", "Red-light violation", false, ALL_REQUIRED, [
            { amount: 5555, description: "2024年9月1日在深圳高速出口闯红灯", count: 1 },
          ]),
        ],
        example: [
          { name: "延迟还车费用", amount: 1000, description: "延迟还车2小时", count: 1 },
          { name: "加油费用", amount: 9999, description: "97#5升", count: 1 },
          { name: "ETC高速费用", amount: 2000, description: "2024年9月1日在深圳高速出口产生高速费用", count: 1 },
          { name: "车损费用", amount: 8888, description: "客户租用期间车辆右后门发生单方剐擦，需要扣款维修", count: 1 },
          { name: "折旧费用", amount: 6666, description: "租用十三个月折旧", count: 1 },
          { name: "停运费用", amount: 7777, description: "车损需返厂维修一个月", count: 1 },
          { name: "闯红灯违章", amount: 5555, description: "2024年9月1日在深圳高速出口闯红灯", count: 1 },
        ],
      },
      {
        id: "zero",
        label: { zh: "0元完结（无扣款）", en: "0-yuan completion (no charge)" },
        totalMode: "zero",
        groups: [
          g(
            CAR_RENTAL_ZERO_NAME,
            "Rental charges",
            true,
            // amount absent or 0; count not in the official example, tolerated when sent.
            { amount: "optional", description: "required", count: "optional" },
            [{ description: CAR_RENTAL_ZERO_DESCRIPTION }],
            { fixedDescription: CAR_RENTAL_ZERO_DESCRIPTION, amountMustBeZero: true },
          ),
        ],
        example: [{ name: CAR_RENTAL_ZERO_NAME, description: CAR_RENTAL_ZERO_DESCRIPTION }],
      },
    ],
  },
  hotel: {
    id: "hotel",
    label: INDUSTRY_LABELS.hotel,
    variants: [
      {
        id: "standard",
        label: STANDARD,
        totalMode: "sum",
        groups: [
          g("酒店房费", "Room charge", true, AMOUNT_DESC, [{ amount: 1200, description: "北京中关村某酒店标准间" }]),
          g("其他杂费", "Other charges", false, AMOUNT_DESC, [{ amount: 200, description: "房间清洁费" }]),
        ],
        example: [
          { name: "酒店房费", amount: 1200, description: "北京中关村某酒店标准间" },
          { name: "其他杂费", amount: 200, description: "房间清洁费" },
        ],
      },
    ],
  },
  generic: {
    id: "generic",
    label: INDUSTRY_LABELS.generic,
    variants: [
      {
        id: "standard",
        label: STANDARD,
        totalMode: "sum_when_any_amount",
        groups: [
          {
            name: null,
            label: { zh: "付费项目", en: "Item" },
            required: true,
            maxLines: 100,
            fields: { amount: "optional", description: "optional", count: "optional" },
            examples: [{ amount: 40000, description: "就餐人均100元", count: 4 }],
          },
        ],
        example: [{ name: "就餐费用", amount: 40000, description: "就餐人均100元", count: 4 }],
      },
    ],
  },
};

/** Payment lines as checkIndustryLines reads them (request lines or the order's lines). */
export type PaymentLineLike = Pick<PostPayment, "name" | "amount" | "description" | "count">;

/**
 * The variant that fits these lines: for 汽车租赁, any line named 租车相关费用 selects the 0-yuan
 * form; every other case is the first ("standard") variant.
 */
export function selectIndustryVariant(industry: IndustryId, payments: readonly PaymentLineLike[]): IndustryVariant {
  const variants = INDUSTRY_TEMPLATES[industry].variants;
  const first = variants[0];
  if (!first) throw new Error(`industry ${industry} has no variant`);
  if (industry === "car_rental" && payments.some((l) => l.name === CAR_RENTAL_ZERO_NAME)) {
    return variants.find((v) => v.id === "zero") ?? first;
  }
  return first;
}

/** The total mode the lines imply: "sum_when_any_amount" is resolved against the lines. */
export function resolveTotalMode(
  industry: IndustryId,
  payments: readonly PaymentLineLike[],
): "sum" | "entered" | "zero" {
  const mode = selectIndustryVariant(industry, payments).totalMode;
  if (mode === "sum_when_any_amount") return payments.some((l) => l.amount !== undefined) ? "sum" : "entered";
  return mode;
}

const FIELDS: readonly LineField[] = ["amount", "description", "count"];

/**
 * Checks post_payments against the industry's template: names, required and optional groups, how
 * many lines per group, which fields each line carries, fixed descriptions. Paths point into the
 * body ("post_payments", i, field). Assumes the lines already passed the field schema (lengths,
 * integers); run the schema first.
 */
export function checkIndustryLines(industry: IndustryId, payments: readonly PaymentLineLike[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const template = INDUSTRY_TEMPLATES[industry];
  const variant = selectIndustryVariant(industry, payments);
  const otherVariantNames = new Set(
    template.variants
      .filter((v) => v !== variant)
      .flatMap((v) => v.groups.map((gr) => gr.name))
      .filter((n): n is string => n !== null),
  );
  const freeGroup = variant.groups.find((gr) => gr.name === null);
  const linesPerGroup = new Map<IndustryGroup, number>();
  const seenFreeNames = new Set<string>();

  if (payments.length < 1) issues.push({ path: ["post_payments"], code: "too_few", params: { min: 1 } });
  if (payments.length > 100) issues.push({ path: ["post_payments"], code: "too_many", params: { max: 100 } });

  payments.forEach((line, i) => {
    const group = variant.groups.find((gr) => gr.name === line.name) ?? freeGroup;
    if (!group) {
      if (variant.id === "zero" && otherVariantNames.has(line.name)) {
        issues.push({ path: ["post_payments", i, "name"], code: "zero_form_exclusive", params: { name: line.name } });
      } else {
        issues.push({ path: ["post_payments", i, "name"], code: "unknown_line_name", params: { name: line.name } });
      }
      return;
    }
    const seen = (linesPerGroup.get(group) ?? 0) + 1;
    linesPerGroup.set(group, seen);
    if (group.name === null) {
      if (seenFreeNames.has(line.name)) {
        issues.push({ path: ["post_payments", i, "name"], code: "duplicate_name", params: { name: line.name } });
      }
      seenFreeNames.add(line.name);
    } else if (seen > group.maxLines) {
      issues.push({
        path: ["post_payments", i, "name"],
        code: "group_repeated",
        params: { name: group.name, max: group.maxLines },
      });
    }

    for (const field of FIELDS) {
      const rule = group.fields[field];
      const present = line[field] !== undefined;
      if (rule === "required" && !present) issues.push({ path: ["post_payments", i, field], code: "required" });
      if (rule === "forbidden" && present) issues.push({ path: ["post_payments", i, field], code: "forbidden_field" });
    }
    if (group.fixedDescription !== undefined && line.description !== undefined && line.description !== group.fixedDescription) {
      issues.push({
        path: ["post_payments", i, "description"],
        code: "fixed_description",
        params: { expected: group.fixedDescription },
      });
    }
    if (group.amountMustBeZero && line.amount !== undefined && line.amount !== 0) {
      issues.push({ path: ["post_payments", i, "amount"], code: "zero_form_amount" });
    }
    if (group.name === null && line.amount === undefined && line.description === undefined) {
      issues.push({ path: ["post_payments", i], code: "amount_or_description_required" });
    }
  });

  for (const group of variant.groups) {
    if (group.required && group.name !== null && (linesPerGroup.get(group) ?? 0) === 0) {
      issues.push({ path: ["post_payments"], code: "missing_group", params: { name: group.name } });
    }
  }
  if (variant.requireOneOf && !payments.some((l) => variant.requireOneOf?.includes(l.name))) {
    issues.push({ path: ["post_payments"], code: "missing_one_of", params: { names: variant.requireOneOf.join("、") } });
  }
  return issues;
}

/** Industry rules that need the total: the 0-yuan 汽车租赁 form requires total_amount 0. */
export function checkIndustryTotal(
  industry: IndustryId,
  payments: readonly PaymentLineLike[],
  totalAmount: number,
): RuleIssue[] {
  if (selectIndustryVariant(industry, payments).totalMode === "zero" && totalAmount !== 0) {
    return [{ path: ["total_amount"], code: "zero_form_total" }];
  }
  return [];
}
