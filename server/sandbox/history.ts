// A month of demo history for sandbox mode, so a newcomer's supervisor meets a console that looks
// lived in: ~170 past orders across the three modes and every industry, each completed by an agent,
// most then corrected (every reason category), a few refused first (rate limit, changed order), a
// few changed outside the console, most reviewed and some flagged, and a handful of large changes
// still waiting for a supervisor's approval. Deterministic (a fixed seed), and the same list serves
// both sides: the sandbox stores each order in its final state (buildHistoryRecords), the console
// writes the trail that led there (server/demo/history.ts) — so opening a historic order finds WeChat
// agreeing with the trail. Times are relative to the moment of seeding.
import "server-only";
import { INDUSTRY_IDS, type IndustryId } from "@/lib/industries";
import { REASON_CATEGORIES, type ReasonCategory } from "@/lib/orders/reasons";
import { formatBeijingTime } from "@/lib/payscore/fields";
import { appidOf, completedTotal, demoTransactionId, industryContent, INDUSTRY_TAGS } from "@/server/sandbox/seed";
import type { PostDiscount, PostPayment, SandboxMode, SandboxOrderRecord, ServiceOrderObject } from "@/server/sandbox/types";
import { SANDBOX_IDENTITIES, type SandboxIdentity } from "@/server/sandbox/world";

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const HISTORY_ORDERS = 170;

export interface HistoryActor {
  id: string;
  name: string;
  role: "agent" | "supervisor";
  email: string;
}

/** The people of the demo history (sandbox-mode accounts besides the three demo users). */
export const HISTORY_ACTORS: readonly HistoryActor[] = [
  { id: "demo-agent-zhang", name: "张敏", role: "agent", email: "zhang.min@demo.local" },
  { id: "demo-agent-li", name: "李强", role: "agent", email: "li.qiang@demo.local" },
  { id: "demo-agent-wang", name: "王芳", role: "agent", email: "wang.fang@demo.local" },
  { id: "demo-supervisor-zhao", name: "赵磊", role: "supervisor", email: "zhao.lei@demo.local" },
];

export interface HistoryState {
  payments: PostPayment[];
  discounts?: PostDiscount[];
  total: number;
  state: "DOING/USER_CONFIRM" | "DOING/MCH_COMPLETE" | "DONE";
}

export interface HistoryEvent {
  operation: "complete" | "modify" | "external";
  /** ms before seeding. */
  agoMs: number;
  /** Index into HISTORY_ACTORS; null for an external change. */
  actor: number | null;
  outcome: "succeeded" | "failed" | "awaiting_approval";
  /** failed: the refusal (WeChat's 429, or the order changed before sending). */
  failure?: "FREQUENCY_LIMITED" | "order_changed";
  before: HistoryState;
  after: HistoryState;
  reasonCategory: ReasonCategory | "external";
  reasonText: string;
  review?: { state: "reviewed" | "flagged"; comment?: string };
}

export interface HistoryOrder {
  out_order_no: string;
  identity: SandboxIdentity;
  mode: SandboxMode;
  sub_mchid: string | null;
  industry: IndustryId;
  events: HistoryEvent[];
  /** The order as WeChat holds it now. */
  final: HistoryState;
  paidAgoMs: number | null;
  startAgoMs: number;
}

const REASON_TEXTS: Record<ReasonCategory, readonly string[]> = {
  user_complaint: ["用户投诉服务未达预期", "用户反馈设备体验差", "用户来电投诉计费过高", "用户不认可部分费用"],
  billing_error: ["计费时长记录错误", "重复计费，退还差额", "价格配置错误", "系统按错误费率计费"],
  device_fault: ["设备故障提前结束", "门锁故障，少收费用", "充电桩故障中断", "设备离线导致超时"],
  compensation: ["会员关怀补偿", "服务延误补偿", "首单体验优惠", "节日活动补贴"],
  other: ["客服协商一致", "运营活动调整", "按协议价结算", "主管特批减免"],
};

const FLAG_COMMENTS = ["减免依据不足，请补充凭证", "金额超出常规，请说明原因", "同一用户本月第三次减免，请核实", "原因描述过于简单"];

/** mulberry32 */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MODE_TAG: Record<SandboxMode, string> = { merchant: "M", partner: "P", institution: "I" };

/** The lines after lowering the order by `cut` 分 (the dearest line carrying an amount, or the entered total). */
function lowered(state: HistoryState, cut: number): HistoryState {
  const payments = state.payments.map((line) => ({ ...line }));
  const priced = payments.filter((line) => line.amount !== undefined);
  if (priced.length === 0) return { ...state, payments, total: Math.max(0, state.total - cut) };
  const dearest = priced.reduce((best, line) => ((line.amount ?? 0) > (best.amount ?? 0) ? line : best));
  const taken = Math.min(cut, dearest.amount ?? 0);
  dearest.amount = (dearest.amount ?? 0) - taken;
  return { ...state, payments, total: state.total - taken };
}

let cached: HistoryOrder[] | null = null;

export function demoHistory(): HistoryOrder[] {
  if (cached) return cached;
  const random = generator(20_261_207);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const orders: HistoryOrder[] = [];
  for (let i = 0; i < HISTORY_ORDERS; i += 1) {
    const roll = random();
    const identity = SANDBOX_IDENTITIES[roll < 0.3 ? 0 : roll < 0.65 ? 1 : 2] as SandboxIdentity;
    const industry: IndustryId = identity.mode === "merchant" ? (identity.industry ?? "hotel") : pick(INDUSTRY_IDS);
    const sub = identity.subMerchants.find((entry) => entry.industry === industry)?.sub_mchid ?? null;
    const content = industryContent(industry);
    const lines = content.completed(1 + Math.floor(random() * 4));
    const completedState: HistoryState = { payments: lines.payments, discounts: lines.discounts, total: completedTotal(lines), state: "DOING/MCH_COMPLETE" };
    const ready: HistoryState = { payments: content.createLines ?? [], total: content.createLines ? completedState.total : 0, state: "DOING/USER_CONFIRM" };
    // Spread over the last 30 days; the newest few are still unpaid.
    const startAgoMs = Math.floor((0.3 + random() * 29.5) * DAY);
    const completeAgo = startAgoMs - Math.floor((1 + random() * 5) * HOUR);
    const events: HistoryEvent[] = [];
    const agentFor = () => Math.floor(random() * 3);
    events.push({
      operation: "complete",
      agoMs: completeAgo,
      actor: agentFor(),
      outcome: "succeeded",
      before: ready,
      after: completedState,
      reasonCategory: "other",
      reasonText: "",
    });
    let state = completedState;
    let at = completeAgo;
    const lastOrders = i >= HISTORY_ORDERS - 6;
    if (random() < 0.75 || lastOrders) {
      const category = pick(REASON_CATEGORIES);
      const share = lastOrders ? 0.6 : 0.05 + random() * 0.35;
      const cut = Math.max(100, Math.round((state.total * share) / 100) * 100);
      at -= Math.floor((0.2 + random() * 6) * HOUR);
      if (random() < 0.12) {
        events.push({
          operation: "modify",
          agoMs: at + 60_000,
          actor: agentFor(),
          outcome: "failed",
          failure: random() < 0.5 ? "FREQUENCY_LIMITED" : "order_changed",
          before: state,
          after: lowered(state, cut),
          reasonCategory: category,
          reasonText: pick(REASON_TEXTS[category]),
        });
      }
      const after = lowered(state, cut);
      if (after.total < state.total) {
        // The newest large changes are still waiting for a supervisor.
        const waiting = lastOrders && i % 2 === 0;
        events.push({
          operation: "modify",
          agoMs: waiting ? Math.floor((1 + random() * 5) * HOUR) : at,
          actor: waiting ? (i % 4 === 0 ? 3 : agentFor()) : agentFor(),
          outcome: waiting ? "awaiting_approval" : "succeeded",
          before: state,
          after,
          reasonCategory: category,
          reasonText: pick(REASON_TEXTS[category]),
        });
        if (!waiting) state = after;
      }
    }
    if (random() < 0.06 && state.total > 200 && !lastOrders) {
      const after = lowered(state, 100);
      at -= Math.floor(random() * 3 * HOUR);
      events.push({ operation: "external", agoMs: at, actor: null, outcome: "succeeded", before: state, after, reasonCategory: "external", reasonText: "" });
      state = after;
    }
    const paid = !lastOrders && startAgoMs > 2 * DAY;
    // Reviews: most changes older than three days are reviewed, some flagged.
    for (const event of events) {
      if (event.outcome === "awaiting_approval" || event.agoMs < 3 * DAY) continue;
      const r = random();
      if (r < 0.08) event.review = { state: "flagged", comment: pick(FLAG_COMMENTS) };
      else if (r < 0.68) event.review = { state: "reviewed" };
    }
    orders.push({
      out_order_no: `HIST-${MODE_TAG[identity.mode]}-${INDUSTRY_TAGS[industry]}-${String(i + 1).padStart(3, "0")}`,
      identity,
      mode: identity.mode,
      sub_mchid: sub,
      industry,
      events,
      final: { ...state, state: paid ? "DONE" : "DOING/MCH_COMPLETE" },
      paidAgoMs: paid ? Math.max(HOUR, at - Math.floor(random() * 20 * HOUR)) : null,
      startAgoMs,
    });
  }
  cached = orders;
  return orders;
}

/** The order object of a historic order in a given state (what WeChat showed then). */
export function historyOrderObject(order: HistoryOrder, index: number, state: HistoryState, now: Date, paidAgoMs: number | null = null): ServiceOrderObject {
  const content = industryContent(order.industry);
  const [main, description] = state.state.split("/") as ["DOING" | "DONE", "USER_CONFIRM" | "MCH_COMPLETE"];
  const completed = description === "MCH_COMPLETE";
  const at = (ago: number) => formatBeijingTime(new Date(now.getTime() - ago));
  const object: ServiceOrderObject = {
    out_order_no: order.out_order_no,
    service_id: order.identity.service_id,
    appid: appidOf(order.identity),
    mchid: order.identity.mchid,
    ...(order.sub_mchid ? { sub_mchid: order.sub_mchid } : {}),
    ...(order.identity.channel_id ? { channel_id: order.identity.channel_id } : {}),
    service_introduction: content.intro,
    state: main,
    state_description: description,
    ...(state.payments.length > 0 ? { post_payments: state.payments.map((line) => ({ ...line })) } : {}),
    ...(state.discounts ? { post_discounts: state.discounts.map((line) => ({ ...line })) } : {}),
    risk_fund: { ...content.riskFund },
    total_amount: state.total,
    need_collection: completed && state.total > 0,
    time_range: {
      start_time: at(order.startAgoMs),
      start_time_remark: content.remarks.start,
      end_time: at(order.startAgoMs - 2 * HOUR),
      end_time_remark: content.remarks.end,
    },
    location: { ...content.location },
    openid: `oUpF8uMuAJO_M2pxb1Q9zNjH${String(index).padStart(4, "0")}`,
    order_id: `2000000000${String(202_600_000_000_000 + index)}`,
  };
  if (completed) {
    const paid = main === "DONE" && paidAgoMs !== null;
    const paidAt = new Date(now.getTime() - (paidAgoMs ?? 0));
    object.collection = paid
      ? {
          state: "USER_PAID",
          total_amount: state.total,
          paying_amount: 0,
          paid_amount: state.total,
          ...(state.total > 0
            ? { details: [{ seq: 1, amount: state.total, paid_type: "NEWTON" as const, paid_time: formatBeijingTime(paidAt), transaction_id: demoTransactionId(5_000 + index, paidAt) }] }
            : {}),
        }
      : { state: "USER_PAYING", total_amount: state.total, paying_amount: state.total, paid_amount: 0 };
  }
  return object;
}

/** The historic orders in their final state, for the sandbox's store. */
export function buildHistoryRecords(now: Date): SandboxOrderRecord[] {
  return demoHistory().map((order, index) => {
    const stamp = now.toISOString();
    return {
      mode: order.mode,
      mchid: order.identity.mchid,
      sub_mchid: order.sub_mchid,
      industry: order.industry,
      modifyCount: order.events.filter((event) => event.operation === "modify" && event.outcome === "succeeded").length,
      completeTotal: order.events[0]?.after.total ?? order.final.total,
      deducting: false,
      createdWithEndTime: true,
      autoPayAt: null,
      order: historyOrderObject(order, index + 1, order.final, now, order.paidAgoMs),
      createdAt: stamp,
      updatedAt: stamp,
    };
  });
}
