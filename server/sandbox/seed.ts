// The demo orders the sandbox starts with (and restores on reset): every mode × every industry of
// its identities (merchant mode: the hotel merchant; partner and institution: one sub-merchant per
// industry) in every state an agent meets, with realistic Chinese lines that pass the industry
// templates. out_order_no values are fixed so tests and docs can name them:
//
//   DEMO-{M|P|I}-{INDUSTRY}-{KIND}-{n}
//     M merchant, P partner, I institution
//     INDUSTRY  EBIKE POWERBANK BIKE EXPRESS RETAIL CARCHG RENTAL HOTEL GENERIC
//     KIND      CREATED      CREATED (awaiting the user's confirmation)
//               READY        DOING + USER_CONFIRM, created with an end_time: ready to complete
//               READY-NOEND  DOING + USER_CONFIRM, created without end_time: complete must send one
//               PAYING       DOING + MCH_COMPLETE, collection USER_PAYING: modifiable (several, n = 1…)
//               PAID         DONE, collection USER_PAID
//               REVOKED      REVOKED (cancelled)
//               EXPIRED      EXPIRED (never confirmed)
//               MODIFIED     partner only: PAYING, already modified once (a second modify is refused)
//               DEDUCTING    merchant only: PAYING while a deduction runs (单据正在扣款中)
//               ZERO-PAID    汽车租赁 only: completed with 0 yuan (租车相关费用 本次无扣款), DONE
//
// Times are relative to the moment of seeding (start times in the past), so complete's
// "end_time ≤ now" holds whenever the demo set was restored.
import "server-only";
import { INDUSTRY_IDS, type IndustryId } from "@/lib/industries";
import { formatBeijingTime } from "@/lib/payscore/fields";
import { expectedTotal } from "@/lib/payscore/rules";
import type {
  Collection,
  OrderState,
  OrderStateDescription,
  PostDiscount,
  PostPayment,
  RiskFund,
  SandboxMode,
  SandboxOrderRecord,
  ServiceLocation,
  ServiceOrderObject,
  TimeRange,
} from "@/server/sandbox/types";
import { SANDBOX_IDENTITIES, type SandboxIdentity } from "@/server/sandbox/world";

/** 服务商应用ID of the demo partner and institution (the order object's appid in those modes). */
export const SANDBOX_PARTNER_APPID = "wx2421b1c4370ec43b";
export const SANDBOX_INSTITUTION_APPID = "wx8f3c1d2e5b6a7090";

export const INDUSTRY_TAGS: Record<IndustryId, string> = {
  ebike_charging: "EBIKE",
  power_bank: "POWERBANK",
  bike_sharing: "BIKE",
  express: "EXPRESS",
  smart_retail: "RETAIL",
  car_charging: "CARCHG",
  car_rental: "RENTAL",
  hotel: "HOTEL",
  generic: "GENERIC",
};

const MODE_TAGS: Record<SandboxMode, string> = { merchant: "M", partner: "P", institution: "I" };

export type SeedKind =
  | "CREATED"
  | "READY"
  | "READY-NOEND"
  | "PAYING"
  | "PAID"
  | "REVOKED"
  | "EXPIRED"
  | "MODIFIED"
  | "DEDUCTING"
  | "ZERO-PAID";

const KIND_MEANING: Record<SeedKind, { zh: string; en: string }> = {
  CREATED: { zh: "已创建，等待用户确认", en: "Created, awaiting the user's confirmation" },
  READY: { zh: "用户已确认（进行中），可完结", en: "Confirmed (DOING + USER_CONFIRM), ready to complete" },
  "READY-NOEND": {
    zh: "用户已确认，创建时未填结束时间：完结须传 time_range.end_time",
    en: "Confirmed, created without end_time: complete must send time_range.end_time",
  },
  PAYING: { zh: "商户已完结，待支付：可修改金额", en: "Completed, awaiting payment (USER_PAYING): modifiable" },
  PAID: { zh: "已完成，用户已支付", en: "Done, paid by the user" },
  REVOKED: { zh: "已取消", en: "Revoked (cancelled)" },
  EXPIRED: { zh: "已失效（用户未确认）", en: "Expired (never confirmed)" },
  MODIFIED: {
    zh: "待支付，服务商已修改过一次：再次修改会被拒绝",
    en: "Awaiting payment, already modified once by the partner: a second modify is refused",
  },
  DEDUCTING: {
    zh: "待支付，正在扣款中：修改返回 单据正在扣款中，请稍后再试",
    en: "Awaiting payment while a deduction runs: modify answers 单据正在扣款中，请稍后再试",
  },
  "ZERO-PAID": { zh: "0元完结（租车相关费用 本次无扣款），已完成", en: "Completed with 0 yuan (no charge), done" },
};

// ---------------------------------------------------------------------------------------------
// Industry content
// ---------------------------------------------------------------------------------------------

interface CompletedLines {
  payments: PostPayment[];
  discounts?: PostDiscount[];
  /** Only where no payment line carries an amount (the total stands alone, Decision 3). */
  enteredTotal?: number;
}

interface IndustryContent {
  intro: string;
  /** Lines sent at create; null = none (智慧零售). */
  createLines: PostPayment[] | null;
  riskFund: RiskFund;
  location: Required<ServiceLocation>;
  remarks: { start: string; end: string };
  /** Completed lines, variant n = 1…4 (larger n cycle). */
  completed: (n: number) => CompletedLines;
}

function variant(n: number): 1 | 2 | 3 | 4 {
  return (((n - 1) % 4) + 1) as 1 | 2 | 3 | 4;
}

const CONTENT: Record<IndustryId, IndustryContent> = {
  ebike_charging: {
    intro: "小驴电动车充电",
    createLines: [{ name: "收费标准", description: "1元/1小时" }],
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 2000, description: "充电预估费用，封顶20元" },
    location: { start_location: "杭州市西湖区文三路充电站3号桩", end_location: "杭州市西湖区文三路充电站3号桩" },
    remarks: { start: "开始充电", end: "结束充电" },
    completed: (n) => {
      const hours = variant(n) + 2;
      return {
        payments: [
          { name: "收费标准", description: "1元/1小时" },
          { name: "使用时长", description: `${hours}小时${10 * variant(n)}分` },
        ],
        enteredTotal: (hours + 1) * 100,
      };
    },
  },
  power_bank: {
    intro: "满电充电宝租借",
    createLines: [{ name: "收费标准", description: "3元/60分钟，每24小时封顶30元" }],
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 9900, description: "未归还充电宝的预估费用" },
    location: { start_location: "望京SOHO T1 一层大堂", end_location: "望京SOHO T3 B1 咖啡厅" },
    remarks: { start: "借出时间", end: "归还时间" },
    completed: (n) => {
      const hours = variant(n);
      return {
        payments: [
          { name: "收费标准", description: "3元/60分钟，每24小时封顶30元" },
          { name: "使用时长", description: `${hours}小时38分20秒` },
        ],
        enteredTotal: (hours + 1) * 300,
      };
    },
  },
  bike_sharing: {
    intro: "青橙单车骑行",
    createLines: [{ name: "计费规则", description: "骑行费用1.5元/30分钟" }],
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 20000, description: "单车骑行预估费用" },
    location: { start_location: "上海市徐汇区漕河泾地铁站A口", end_location: "上海市徐汇区田林路200号" },
    remarks: { start: "开锁时间", end: "还车时间" },
    completed: (n) => {
      const base: PostPayment[] = [
        { name: "计费规则", description: "骑行费用1.5元/30分钟" },
        { name: "骑行时长", description: `${variant(n)}小时18分05秒` },
      ];
      switch (variant(n)) {
        case 1:
          return { payments: [...base, { name: "骑行费用", amount: 450 }] };
        case 2:
          return {
            payments: [...base, { name: "骑行费用", amount: 600 }, { name: "调度费用", amount: 500, description: "禁停区调度" }],
          };
        case 3:
          // Only the required lines: the total stands alone.
          return { payments: base, enteredTotal: 900 };
        case 4:
          return {
            payments: [...base, { name: "骑行费用", amount: 1200 }, { name: "头盔费用", amount: 200 }],
            discounts: [{ name: "骑行月卡抵扣", description: "月卡用户每次骑行抵扣1.5元", amount: 150, count: 1 }],
          };
      }
    },
  },
  express: {
    intro: "快达快递寄件",
    createLines: [{ name: "预估金额", amount: 1800 }],
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 5000, description: "预估运费" },
    location: { start_location: "北京市朝阳区建国路88号", end_location: "上海市浦东新区世纪大道100号" },
    remarks: { start: "揽收时间", end: "签收时间" },
    completed: (n) => {
      const v = variant(n);
      const payments: PostPayment[] = [{ name: "首重费", amount: 1200 }, { name: "续重费", amount: 300 * v }];
      if (v % 2 === 0) payments.push({ name: "包装费", amount: 200 });
      if (v === 4) payments.push({ name: "保价费", amount: 100 });
      return {
        payments,
        discounts: v === 1 ? [{ name: "新客立减", description: "首单立减3元", amount: 300, count: 1 }] : undefined,
      };
    },
  },
  smart_retail: {
    intro: "无人便利柜购物",
    createLines: null,
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 20000, description: "柜内商品预估金额" },
    location: { start_location: "深圳市南山区科技园B1无人便利柜", end_location: "深圳市南山区科技园B1无人便利柜" },
    remarks: { start: "开门时间", end: "关门时间" },
    completed: (n) => {
      const lines: PostPayment[] = [
        { name: "商品信息", amount: 300, description: "可口可乐330ml", count: 1 },
        { name: "商品信息", amount: 700, description: "乐事薯片70g", count: 1 },
        { name: "商品信息", amount: 600, description: "农夫山泉550ml", count: 3 },
        { name: "商品信息", amount: 1290, description: "三明治（火腿芝士）", count: 1 },
      ];
      return { payments: lines.slice(0, variant(n)) };
    },
  },
  car_charging: {
    intro: "星电汽车充电",
    createLines: [{ name: "计费规则", description: "电费1.2元/度，服务费0.8元/度" }],
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 30000, description: "充电预估费用" },
    location: { start_location: "成都市高新区天府软件园充电站", end_location: "成都市高新区天府软件园充电站" },
    remarks: { start: "开始充电", end: "结束充电" },
    completed: (n) => {
      const kwh = 25 + 5 * variant(n);
      const power = (kwh * 12) / 10;
      const service = (kwh * 8) / 10;
      return {
        payments: [
          { name: "计费规则", description: "电费1.2元/度，服务费0.8元/度" },
          { name: "费用明细", description: `电费${power}元，服务费${service}元` },
        ],
        enteredTotal: kwh * 200,
      };
    },
  },
  car_rental: {
    intro: "安心租车免押租车",
    createLines: [{ name: "免押租车规则", description: "还车后30天内按费用标准核查车损、违章等费用，按实际费用扣费" }],
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 500000, description: "免押租车风险金额度" },
    location: { start_location: "广州白云机场T2租车点", end_location: "广州南站租车点" },
    remarks: { start: "取车时间", end: "还车时间" },
    completed: (n) => {
      switch (variant(n)) {
        case 1:
          return {
            payments: [
              { name: "延迟还车费用", amount: 1000, description: "延迟还车2小时", count: 1 },
              { name: "ETC高速费用", amount: 2000, description: "广深高速通行费", count: 1 },
            ],
            discounts: [{ name: "会员减免", description: "金卡会员减免5元", amount: 500, count: 1 }],
          };
        case 2:
          return { payments: [{ name: "加油费用", amount: 9999, description: "97#5升", count: 1 }] };
        case 3:
          return {
            payments: [
              { name: "车损费用", amount: 8888, description: "右后门单方剐擦维修", count: 1 },
              { name: "停运费用", amount: 7777, description: "车损返厂维修停运一个月", count: 1 },
            ],
          };
        case 4:
          return {
            payments: [
              { name: "闯红灯违章", amount: 5555, description: "广州天河路闯红灯违章", count: 1 },
              { name: "折旧费用", amount: 3000, description: "租用十三个月折旧", count: 1 },
            ],
          };
      }
    },
  },
  hotel: {
    intro: "中关村假日酒店住宿",
    createLines: [{ name: "酒店房费", amount: 45800, description: "豪华大床房1晚（预估）" }],
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 200000, description: "预估房费及杂费" },
    location: { start_location: "北京市海淀区中关村大街27号", end_location: "北京市海淀区中关村大街27号" },
    remarks: { start: "入住时间", end: "离店时间" },
    completed: (n) => {
      const nights = variant(n);
      const payments: PostPayment[] = [{ name: "酒店房费", amount: 45800 * nights, description: `豪华大床房${nights}晚` }];
      if (nights % 2 === 0) payments.push({ name: "其他杂费", amount: 3000, description: "迷你吧饮品" });
      return {
        payments,
        discounts: nights >= 3 ? [{ name: "会员折扣", description: "金卡会员立减20元", amount: 2000, count: 1 }] : undefined,
      };
    },
  },
  generic: {
    intro: "家电上门维修服务",
    createLines: [{ name: "上门服务费", amount: 5000, description: "上门检测费" }],
    riskFund: { name: "ESTIMATE_ORDER_COST", amount: 50000, description: "预估维修费用" },
    location: { start_location: "成都市武侯区天府大道1000号", end_location: "成都市武侯区天府大道1000号" },
    remarks: { start: "上门时间", end: "维修完成" },
    completed: (n) => {
      const v = variant(n);
      const payments: PostPayment[] = [{ name: "上门服务费", amount: 5000, description: "上门检测费", count: 1 }];
      if (v >= 2) payments.push({ name: "配件费", amount: 4000 * (v - 1), description: "空调压缩机启动电容", count: v - 1 });
      if (v === 4) payments.push({ name: "加急费", description: "当日上门" });
      return {
        payments,
        discounts: v === 3 ? [{ name: "老客户优惠", description: "老客户立减10元", amount: 1000, count: 1 }] : undefined,
      };
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Specs (static) and records (built at a given "now")
// ---------------------------------------------------------------------------------------------

export interface SeedOrderInfo {
  out_order_no: string;
  mode: SandboxMode;
  /** SANDBOX_IDENTITIES[].id */
  identityId: string;
  mchid: string;
  sub_mchid: string | null;
  /** merchant: the merchant's appid; partner / institution: the provider's appid (not sent in their bodies). */
  appid: string;
  service_id: string;
  channel_id: string | null;
  industry: IndustryId;
  kind: SeedKind;
  n: number;
  state: OrderState;
  state_description: OrderStateDescription | null;
  collection_state: Collection["state"] | null;
  total_amount: number;
  risk_fund_amount: number;
  createdWithEndTime: boolean;
  modifyCount: number;
  deducting: boolean;
  meaning: { zh: string; en: string };
}

export function appidOf(identity: SandboxIdentity): string {
  if (identity.appid) return identity.appid;
  return identity.mode === "institution" ? SANDBOX_INSTITUTION_APPID : SANDBOX_PARTNER_APPID;
}

function seedOrderNo(mode: SandboxMode, industry: IndustryId, kind: SeedKind, n: number): string {
  return `DEMO-${MODE_TAGS[mode]}-${INDUSTRY_TAGS[industry]}-${kind}-${n}`;
}

/** An industry's demo content (the history of server/sandbox/history.ts draws on it too). */
export function industryContent(industry: IndustryId): IndustryContent {
  return CONTENT[industry];
}

export type { CompletedLines, IndustryContent };

export function completedTotal(lines: CompletedLines): number {
  return expectedTotal(lines.payments, lines.discounts) ?? lines.enteredTotal ?? 0;
}

function createTotal(content: IndustryContent): number {
  return content.createLines ? (expectedTotal(content.createLines) ?? 0) : 0;
}

const ZERO_LINES: CompletedLines = { payments: [{ name: "租车相关费用", description: "本次无扣款" }] };

function linesFor(industry: IndustryId, kind: SeedKind, n: number): CompletedLines | null {
  if (kind === "ZERO-PAID") return ZERO_LINES;
  if (kind === "PAYING" || kind === "PAID" || kind === "MODIFIED" || kind === "DEDUCTING") return CONTENT[industry].completed(n);
  return null;
}

function stateOf(kind: SeedKind): { state: OrderState; description: OrderStateDescription | null; collection: Collection["state"] | null } {
  switch (kind) {
    case "CREATED":
      return { state: "CREATED", description: null, collection: null };
    case "READY":
    case "READY-NOEND":
      return { state: "DOING", description: "USER_CONFIRM", collection: null };
    case "PAYING":
    case "MODIFIED":
    case "DEDUCTING":
      return { state: "DOING", description: "MCH_COMPLETE", collection: "USER_PAYING" };
    case "PAID":
    case "ZERO-PAID":
      return { state: "DONE", description: "MCH_COMPLETE", collection: "USER_PAID" };
    case "REVOKED":
      return { state: "REVOKED", description: null, collection: null };
    case "EXPIRED":
      return { state: "EXPIRED", description: null, collection: null };
  }
}

function kindsFor(mode: SandboxMode, industry: IndustryId): { kind: SeedKind; n: number }[] {
  const payingCount = mode === "merchant" ? 8 : 4;
  const kinds: { kind: SeedKind; n: number }[] = [
    { kind: "CREATED", n: 1 },
    { kind: "READY", n: 1 },
    { kind: "READY", n: 2 },
    { kind: "READY-NOEND", n: 1 },
    ...Array.from({ length: payingCount }, (_, i) => ({ kind: "PAYING" as const, n: i + 1 })),
    { kind: "PAID", n: 1 },
    { kind: "REVOKED", n: 1 },
    { kind: "EXPIRED", n: 1 },
  ];
  if (mode === "partner") kinds.push({ kind: "MODIFIED", n: 1 });
  if (mode === "merchant") kinds.push({ kind: "DEDUCTING", n: 1 });
  if (industry === "car_rental") kinds.push({ kind: "ZERO-PAID", n: 1 });
  return kinds;
}

function buildSpecs(): SeedOrderInfo[] {
  const specs: SeedOrderInfo[] = [];
  for (const identity of SANDBOX_IDENTITIES) {
    const targets: { industry: IndustryId; sub_mchid: string | null }[] =
      identity.mode === "merchant"
        ? [{ industry: identity.industry ?? "generic", sub_mchid: null }]
        : identity.subMerchants.map((sub) => ({ industry: sub.industry, sub_mchid: sub.sub_mchid }));
    for (const target of targets) {
      const content = CONTENT[target.industry];
      for (const { kind, n } of kindsFor(identity.mode, target.industry)) {
        const lines = linesFor(target.industry, kind, n);
        const st = stateOf(kind);
        specs.push({
          out_order_no: seedOrderNo(identity.mode, target.industry, kind, n),
          mode: identity.mode,
          identityId: identity.id,
          mchid: identity.mchid,
          sub_mchid: target.sub_mchid,
          appid: appidOf(identity),
          service_id: identity.service_id,
          channel_id: identity.mode === "institution" ? (identity.channel_id ?? null) : null,
          industry: target.industry,
          kind,
          n,
          state: st.state,
          state_description: st.description,
          collection_state: st.collection,
          total_amount: lines ? completedTotal(lines) : createTotal(content),
          risk_fund_amount: content.riskFund.amount,
          createdWithEndTime: kind !== "READY-NOEND" && kind !== "REVOKED" && kind !== "EXPIRED",
          modifyCount: kind === "MODIFIED" ? 1 : 0,
          deducting: kind === "DEDUCTING",
          meaning: KIND_MEANING[kind],
        });
      }
    }
  }
  return specs;
}

/** Every demo order with what it is for. Static: the same on every start and reset. */
export const SEED_ORDERS: readonly SeedOrderInfo[] = buildSpecs();

export function findSeedOrder(outOrderNo: string): SeedOrderInfo {
  const found = SEED_ORDERS.find((spec) => spec.out_order_no === outOrderNo);
  if (!found) throw new Error(`no seeded sandbox order ${outOrderNo}`);
  return found;
}

/** Demo order numbers of one mode / industry / kind, e.g. every modifiable partner hotel order. */
export function seedOrderNumbers(filter: { mode?: SandboxMode; industry?: IndustryId; kind?: SeedKind }): string[] {
  return SEED_ORDERS.filter(
    (spec) =>
      (filter.mode === undefined || spec.mode === filter.mode) &&
      (filter.industry === undefined || spec.industry === filter.industry) &&
      (filter.kind === undefined || spec.kind === filter.kind),
  ).map((spec) => spec.out_order_no);
}

const HOUR = 3600_000;

function timesFor(kind: SeedKind, n: number, now: Date, remarks: IndustryContent["remarks"]): TimeRange {
  const at = (offsetMs: number) => formatBeijingTime(new Date(now.getTime() + offsetMs));
  const withRemarks = (start: number, end: number | null): TimeRange =>
    end === null
      ? { start_time: at(start), start_time_remark: remarks.start }
      : { start_time: at(start), start_time_remark: remarks.start, end_time: at(end), end_time_remark: remarks.end };
  switch (kind) {
    case "CREATED":
      return withRemarks(-0.5 * HOUR, 2 * HOUR);
    case "READY":
      return withRemarks(-(3 + n) * HOUR, -0.5 * HOUR);
    case "READY-NOEND":
      return withRemarks(-3 * HOUR, null);
    case "PAYING":
    case "MODIFIED":
    case "DEDUCTING":
      return withRemarks(-(26 + n) * HOUR, -(24 + n) * HOUR);
    case "PAID":
    case "ZERO-PAID":
      return withRemarks(-74 * HOUR, -72 * HOUR);
    case "REVOKED":
      return withRemarks(-48 * HOUR, null);
    case "EXPIRED":
      return withRemarks(-120 * HOUR, null);
  }
}

/** 28-digit transaction id, deterministic per order. */
export function demoTransactionId(index: number, paidAt: Date): string {
  return `4200002${formatBeijingTime(paidAt).slice(0, 8)}${String(index).padStart(13, "0")}`;
}

function buildRecord(spec: SeedOrderInfo, index: number, now: Date): SandboxOrderRecord {
  const content = CONTENT[spec.industry];
  const lines = linesFor(spec.industry, spec.kind, spec.n);
  const timeRange = timesFor(spec.kind, spec.n, now, content.remarks);
  const completed = lines !== null;
  const order: ServiceOrderObject = {
    out_order_no: spec.out_order_no,
    service_id: spec.service_id,
    appid: spec.appid,
    mchid: spec.mchid,
    ...(spec.sub_mchid ? { sub_mchid: spec.sub_mchid } : {}),
    ...(spec.channel_id ? { channel_id: spec.channel_id } : {}),
    service_introduction: content.intro,
    state: spec.state,
    ...(spec.state_description ? { state_description: spec.state_description } : {}),
    ...(lines
      ? { post_payments: lines.payments.map((line) => ({ ...line })) }
      : content.createLines
        ? { post_payments: content.createLines.map((line) => ({ ...line })) }
        : {}),
    ...(lines?.discounts ? { post_discounts: lines.discounts.map((line) => ({ ...line })) } : {}),
    risk_fund: { ...content.riskFund },
    total_amount: spec.total_amount,
    need_collection: completed && spec.total_amount > 0,
    time_range: timeRange,
    location: completed
      ? { ...content.location }
      : { start_location: content.location.start_location },
    openid: `oUpF8uMuAJO_M2pxb1Q9zNjW${String(index).padStart(4, "0")}`,
    order_id: `1000000000${String(202_600_000_000_000 + index)}`,
  };
  if (spec.collection_state === "USER_PAYING") {
    order.collection = { state: "USER_PAYING", total_amount: spec.total_amount, paying_amount: spec.total_amount, paid_amount: 0 };
  } else if (spec.collection_state === "USER_PAID") {
    const paidAt = new Date(now.getTime() - 71 * HOUR);
    order.collection = {
      state: "USER_PAID",
      total_amount: spec.total_amount,
      paying_amount: 0,
      paid_amount: spec.total_amount,
      ...(spec.total_amount > 0
        ? {
            details: [
              {
                seq: 1,
                amount: spec.total_amount,
                paid_type: "NEWTON" as const,
                paid_time: formatBeijingTime(paidAt),
                transaction_id: demoTransactionId(index, paidAt),
              },
            ],
          }
        : {}),
    };
  }
  const stamp = now.toISOString();
  return {
    mode: spec.mode,
    mchid: spec.mchid,
    sub_mchid: spec.sub_mchid,
    industry: spec.industry,
    modifyCount: spec.modifyCount,
    completeTotal: completed ? (spec.kind === "MODIFIED" ? spec.total_amount + 100 : spec.total_amount) : null,
    deducting: spec.deducting,
    createdWithEndTime: spec.createdWithEndTime,
    autoPayAt: null,
    order,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** The demo set as records, with times relative to `now`. */
export function buildSeedRecords(now: Date): SandboxOrderRecord[] {
  return SEED_ORDERS.map((spec, index) => buildRecord(spec, index + 1, now));
}

/** Industries covered in partner and institution modes (all of them). */
export const SEEDED_INDUSTRIES: readonly IndustryId[] = INDUSTRY_IDS;
