// The Payscore operations of the sandbox as pure functions: (identity, request, stored order, clock)
// → the answer WeChat would give and the changed order to store (or null). The HTTP layer decides
// whether to commit (a fault may forbid it), so every check here runs before anything changes and
// a refused request changes nothing.
//
// Order of checks (Decision 17): signature (server.ts) → body shape and limits (PARAM_ERROR naming
// the field) → the order exists for this identity (ORDER_NOT_EXIST; a wrong appid / sub_mchid /
// service_id / channel_id is "not found") → state (INVALID_ORDER_STATE) → rules needing the order
// (industry lines, Σ rule, risk fund, only-lower, institution cap) → PARAM_ERROR.
import "server-only";
import type * as z from "zod/mini";
import { ZOutOrderNo } from "@/lib/payscore/fields";
import { completeBodySchema, type TCompleteBody } from "@/lib/payscore/complete";
import { describeRuleIssueZh, formatIssuePath, ruleIssuesFromZod, type RuleIssue } from "@/lib/payscore/issues";
import { modifyBodySchema, type TModifyBody } from "@/lib/payscore/modify";
import { queryByIdParamsSchema, queryParamsSchema } from "@/lib/payscore/query";
import { cancelBodySchema, type TCancelBody } from "@/lib/payscore/cancel";
import { paidTimeToMs, syncBodySchema, type TSyncBody } from "@/lib/payscore/sync";
import {
  cancelStateProblem,
  checkCompleteRules,
  checkModifyRules,
  completeStateProblem,
  modifyStateProblem,
  syncStateProblem,
  type CancelStateReason,
  type CompleteStateReason,
  type ModifyStateReason,
  type SyncStateReason,
} from "@/lib/payscore/rules";
import { formatBeijingTime } from "@/lib/payscore/fields";
import type { OrderStore } from "@/server/sandbox/store";
import type {
  ApiAnswer,
  ApiErrorBody,
  PostPayment,
  SandboxMode,
  SandboxOp,
  SandboxOrderRecord,
  ServiceOrderObject,
} from "@/server/sandbox/types";
import type { SandboxIdentity } from "@/server/sandbox/world";

export interface OperationSettings {
  /** Mark completed / modified orders paid after this many ms (null = never by itself). */
  autoPayAfterMs: number | null;
  /** Modes whose orders are auto-paid (institution orders have no automatic deduction in reality). */
  autoPayModes: SandboxMode[];
}

export interface OperationRequest {
  identity: SandboxIdentity;
  mode: SandboxMode;
  op: SandboxOp;
  /** Decoded path segment (modify / complete). */
  pathOutOrderNo: string | null;
  query: Record<string, string>;
  /** Raw body text ("" when none). */
  rawBody: string;
  contentType: string | undefined;
}

export interface OperationResult {
  answer: ApiAnswer;
  /** The changed order to store; null when nothing changes. */
  next: SandboxOrderRecord | null;
}

export function errorAnswer(status: number, code: string, message: string, detail?: Record<string, unknown>): ApiAnswer {
  const body: ApiErrorBody = detail ? { code, message, detail } : { code, message };
  return { status, body };
}

function paramError(issues: RuleIssue[], location: "body" | "query" | "uri"): ApiAnswer {
  const first = issues[0] ?? { path: [], code: "invalid_value" as const };
  return errorAnswer(400, "PARAM_ERROR", describeRuleIssueZh(first), {
    location,
    field: formatIssuePath(first.path),
    issue: first.code,
    issues: issues.map((issue) => ({ field: formatIssuePath(issue.path), issue: issue.code, message: describeRuleIssueZh(issue) })),
  });
}

const NOT_FOUND = (): ApiAnswer => errorAnswer(404, "ORDER_NOT_EXIST", "订单不存在，请检查商户服务订单号及 appid / sub_mchid / service_id");

const MODIFY_STATE_MESSAGES: Record<ModifyStateReason, string> = {
  paid: "订单已支付，不能修改订单金额，如需退还差额请发起退款",
  terminal: "订单已取消或已失效，不能修改订单金额",
  not_completed: "订单状态不合法：仅商户已完结且待支付（DOING + MCH_COMPLETE，USER_PAYING）的订单可以修改金额",
  deducting: "单据正在扣款中，请稍后再试",
  partner_limit: "订单状态不合法：服务商模式每笔订单只能修改一次金额，该订单已修改过",
};

const COMPLETE_STATE_MESSAGES: Record<CompleteStateReason, string> = {
  not_confirmed: "完结订单状态不合法：订单尚未经用户确认（需为 DOING + USER_CONFIRM）",
  already_completed: "完结订单状态不合法：订单已完结",
  paid: "完结订单状态不合法：订单已完成",
  terminal: "完结订单状态不合法：订单已取消或已失效",
};

const CANCEL_STATE_MESSAGES: Record<CancelStateReason, string> = {
  paid: "订单已支付，不能取消",
  terminal: "订单已取消或已失效",
  deducting: "单据正在扣款中，请稍后再试",
};

const SYNC_STATE_MESSAGES: Record<SyncStateReason, string> = {
  not_completed: "同步订单状态不合法：仅商户已完结且待支付的订单可以同步支付结果",
  paid: "订单已支付，无需同步",
  terminal: "订单已取消或已失效",
  deducting: "单据正在扣款中，请稍后再试",
};

function parseJsonBody(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\b/i.test(contentType.trim());
}

/** Finds the order the caller may see; every identifying field must match, else "not found". */
function findOrder(
  store: OrderStore,
  identity: SandboxIdentity,
  mode: SandboxMode,
  outOrderNo: string,
  ids: { appid?: string; service_id?: string; sub_mchid?: string; channel_id?: string },
): SandboxOrderRecord | null {
  const subMchid = mode === "merchant" ? null : (ids.sub_mchid ?? null);
  if (mode !== "merchant" && subMchid === null) return null;
  const record = store.get(identity.mchid, subMchid, outOrderNo);
  if (!record || record.mode !== mode) return null;
  const order = record.order;
  if (mode === "merchant" && ids.appid !== order.appid) return null;
  if (ids.service_id !== undefined && ids.service_id !== order.service_id) return null;
  if (mode === "merchant" && ids.service_id === undefined) return null;
  if (mode === "institution" && ids.channel_id !== undefined && ids.channel_id !== order.channel_id) return null;
  return record;
}

function validateOutOrderNo(value: string | null): RuleIssue[] {
  const parsed = ZOutOrderNo.safeParse(value ?? "");
  return parsed.success ? [] : ruleIssuesFromZod(parsed.error.issues).map((issue) => ({ ...issue, path: ["out_order_no"] }));
}

function parseBody<T>(schema: z.ZodMiniType<T>, request: OperationRequest): { ok: true; body: T } | { ok: false; answer: ApiAnswer } {
  const pathIssues = validateOutOrderNo(request.pathOutOrderNo);
  if (pathIssues.length > 0) return { ok: false, answer: paramError(pathIssues, "uri") };
  if (!isJsonContentType(request.contentType)) {
    return { ok: false, answer: errorAnswer(400, "INVALID_REQUEST", "请求头 Content-Type 必须为 application/json") };
  }
  const json = parseJsonBody(request.rawBody);
  if (!json.ok) return { ok: false, answer: errorAnswer(400, "PARAM_ERROR", "请求体不是合法的JSON", { location: "body", field: "" }) };
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, answer: paramError(ruleIssuesFromZod(parsed.error.issues), "body") };
  return { ok: true, body: parsed.data };
}

/** The order object as this mode's API returns it (a copy). */
export function publicOrder(record: SandboxOrderRecord): ServiceOrderObject {
  return structuredClone(record.order);
}

function autoPayAt(mode: SandboxMode, now: Date, settings: OperationSettings): number | null {
  if (settings.autoPayAfterMs === null || !settings.autoPayModes.includes(mode)) return null;
  return now.getTime() + settings.autoPayAfterMs;
}

function idsOf(body: { appid?: string; service_id?: string; sub_mchid?: string; channel_id?: string }) {
  return { appid: body.appid, service_id: body.service_id, sub_mchid: body.sub_mchid, channel_id: body.channel_id };
}

// ---------------------------------------------------------------------------------------------

export function runQuery(store: OrderStore, request: OperationRequest): OperationResult {
  // Decision 22: exactly one of out_order_no and query_id.
  const byId = request.query.query_id !== undefined;
  if (byId && request.query.out_order_no !== undefined) {
    return { answer: errorAnswer(400, "PARAM_ERROR", "out_order_no 与 query_id 只能传一个", { location: "query", field: "query_id" }), next: null };
  }
  if (byId) {
    const parsed = queryByIdParamsSchema(request.mode).safeParse(request.query);
    if (!parsed.success) return { answer: paramError(ruleIssuesFromZod(parsed.error.issues), "query"), next: null };
    const params: { query_id: string; service_id: string; appid?: string; sub_mchid?: string; channel_id?: string } = parsed.data;
    const found = store.list().find((record) => record.order.order_id === params.query_id && record.mchid === request.identity.mchid);
    const record = found ? findOrder(store, request.identity, request.mode, found.order.out_order_no, idsOf(params)) : null;
    if (!record) return { answer: NOT_FOUND(), next: null };
    return { answer: { status: 200, body: publicOrder(record) }, next: null };
  }
  const parsed = queryParamsSchema(request.mode).safeParse(request.query);
  if (!parsed.success) return { answer: paramError(ruleIssuesFromZod(parsed.error.issues), "query"), next: null };
  const params: { out_order_no: string; service_id: string; appid?: string; sub_mchid?: string; channel_id?: string } = parsed.data;
  const record = findOrder(store, request.identity, request.mode, params.out_order_no, idsOf(params));
  if (!record) return { answer: NOT_FOUND(), next: null };
  return { answer: { status: 200, body: publicOrder(record) }, next: null };
}

/** Decision 19: the order becomes REVOKED; merchant mode answers 200 with its identity, the others 204. */
export function runCancel(store: OrderStore, request: OperationRequest, now: Date): OperationResult {
  const parsed = parseBody<TCancelBody>(cancelBodySchema(request.mode), request);
  if (!parsed.ok) return { answer: parsed.answer, next: null };
  const record = findOrder(store, request.identity, request.mode, request.pathOutOrderNo as string, idsOf(parsed.body));
  if (!record) return { answer: NOT_FOUND(), next: null };
  const problem = cancelStateProblem(request.mode, record.order, { deducting: record.deducting });
  if (problem) return { answer: errorAnswer(400, "INVALID_ORDER_STATE", CANCEL_STATE_MESSAGES[problem.reason]), next: null };
  const order: ServiceOrderObject = { ...structuredClone(record.order), state: "REVOKED" };
  delete order.state_description;
  const next: SandboxOrderRecord = { ...record, order, autoPayAt: null, updatedAt: now.toISOString() };
  const answer: ApiAnswer =
    request.mode === "merchant"
      ? { status: 200, body: { appid: order.appid, mchid: order.mchid, out_order_no: order.out_order_no, service_id: order.service_id, order_id: order.order_id } }
      : { status: 204, body: null };
  return { answer, next };
}

/**
 * Decision 20: the user paid outside WeChat. paid_time not in the future and not before the order
 * was completed; partner's paid_amount, when sent, equals what is still owed. The order becomes DONE,
 * USER_PAID, with one MCH detail; merchant mode answers 200 with the order, the others 204.
 */
export function runSync(store: OrderStore, request: OperationRequest, now: Date): OperationResult {
  const parsed = parseBody<TSyncBody>(syncBodySchema(request.mode), request);
  if (!parsed.ok) return { answer: parsed.answer, next: null };
  const body = parsed.body;
  const record = findOrder(store, request.identity, request.mode, request.pathOutOrderNo as string, idsOf(body));
  if (!record) return { answer: NOT_FOUND(), next: null };
  const problem = syncStateProblem(request.mode, record.order, { deducting: record.deducting });
  if (problem) return { answer: errorAnswer(400, "INVALID_ORDER_STATE", SYNC_STATE_MESSAGES[problem.reason]), next: null };
  const paidMs = paidTimeToMs(body.detail.paid_time) as number;
  if (paidMs > now.getTime()) return { answer: paramError([{ path: ["detail", "paid_time"], code: "time_in_future" }], "body"), next: null };
  const completedMs = record.completedAt ? Date.parse(record.completedAt) : null;
  // The short form means the day at 00:00:00: compare it with the day of completion.
  const notBefore = completedMs === null ? null : body.detail.paid_time.length === 8 ? completedMs - (completedMs + 8 * 3600_000) % 86_400_000 : completedMs;
  if (notBefore !== null && paidMs < notBefore) {
    return { answer: paramError([{ path: ["detail", "paid_time"], code: "time_before_completion" }], "body"), next: null };
  }
  const collection = record.order.collection;
  const owed = collection?.paying_amount ?? record.order.total_amount;
  if ("paid_amount" in body.detail && body.detail.paid_amount !== undefined && body.detail.paid_amount !== owed) {
    return { answer: paramError([{ path: ["detail", "paid_amount"], code: "total_mismatch", params: { expected: owed } }], "body"), next: null };
  }
  const details = [
    ...(collection?.details ?? []),
    { seq: (collection?.details?.length ?? 0) + 1, amount: owed, paid_type: "MCH" as const, paid_time: formatBeijingTime(new Date(paidMs)), transaction_id: "" },
  ];
  const order: ServiceOrderObject = {
    ...structuredClone(record.order),
    state: "DONE",
    state_description: "MCH_COMPLETE",
    collection: { state: "USER_PAID", total_amount: record.order.total_amount, paying_amount: 0, paid_amount: record.order.total_amount, details },
  };
  const next: SandboxOrderRecord = { ...record, order, deducting: false, autoPayAt: null, updatedAt: now.toISOString() };
  const answer: ApiAnswer = request.mode === "merchant" ? { status: 200, body: publicOrder(next) } : { status: 204, body: null };
  return { answer, next };
}

export function runModify(store: OrderStore, request: OperationRequest, now: Date, settings: OperationSettings): OperationResult {
  const parsed = parseBody<TModifyBody>(modifyBodySchema(request.mode), request);
  if (!parsed.ok) return { answer: parsed.answer, next: null };
  const body = parsed.body;
  const outOrderNo = request.pathOutOrderNo as string;
  const record = findOrder(store, request.identity, request.mode, outOrderNo, idsOf(body));
  if (!record) return { answer: NOT_FOUND(), next: null };

  const stateProblem = modifyStateProblem(request.mode, record.order, record.modifyCount, { deducting: record.deducting });
  if (stateProblem) return { answer: errorAnswer(400, "INVALID_ORDER_STATE", MODIFY_STATE_MESSAGES[stateProblem.reason]), next: null };

  const issues = checkModifyRules({
    mode: request.mode,
    industry: record.industry,
    body,
    order: record.order,
    completeTotal: record.completeTotal ?? undefined,
  });
  if (issues.length > 0) return { answer: paramError(issues, "body"), next: null };

  const order: ServiceOrderObject = {
    ...structuredClone(record.order),
    post_payments: body.post_payments.map((line) => ({ ...line })),
    total_amount: body.total_amount,
    need_collection: body.total_amount > 0,
    collection: { state: "USER_PAYING", total_amount: body.total_amount, paying_amount: body.total_amount, paid_amount: 0 },
  };
  if (body.post_discounts && body.post_discounts.length > 0) order.post_discounts = body.post_discounts.map((line) => ({ ...line }));
  else delete order.post_discounts;

  const next: SandboxOrderRecord = {
    ...record,
    order,
    modifyCount: record.modifyCount + 1,
    autoPayAt: autoPayAt(request.mode, now, settings),
    updatedAt: now.toISOString(),
  };
  const answer: ApiAnswer = request.mode === "merchant" ? { status: 200, body: publicOrder(next) } : { status: 204, body: null };
  return { answer, next };
}

export function runComplete(store: OrderStore, request: OperationRequest, now: Date, settings: OperationSettings): OperationResult {
  const parsed = parseBody<TCompleteBody>(completeBodySchema(request.mode), request);
  if (!parsed.ok) return { answer: parsed.answer, next: null };
  const body = parsed.body;
  const outOrderNo = request.pathOutOrderNo as string;
  const record = findOrder(store, request.identity, request.mode, outOrderNo, idsOf(body));
  if (!record) return { answer: NOT_FOUND(), next: null };

  const stateProblem = completeStateProblem(request.mode, record.order);
  if (stateProblem) return { answer: errorAnswer(400, "INVALID_ORDER_STATE", COMPLETE_STATE_MESSAGES[stateProblem.reason]), next: null };

  const issues = checkCompleteRules({ mode: request.mode, industry: record.industry, body, order: record.order, now });
  if (issues.length > 0) return { answer: paramError(issues, "body"), next: null };

  const previous = structuredClone(record.order);
  const location = { ...previous.location, ...(body.location ?? {}) };
  const order: ServiceOrderObject = {
    ...previous,
    state: "DOING",
    state_description: "MCH_COMPLETE",
    post_payments: body.post_payments.map((line) => ({ ...line })),
    total_amount: body.total_amount,
    need_collection: body.total_amount > 0,
    collection: { state: "USER_PAYING", total_amount: body.total_amount, paying_amount: body.total_amount, paid_amount: 0 },
    time_range: { ...previous.time_range, ...(body.time_range ?? {}) },
    ...(Object.keys(location).length > 0 ? { location } : {}),
  };
  if (body.post_discounts && body.post_discounts.length > 0) order.post_discounts = body.post_discounts.map((line) => ({ ...line }));
  else delete order.post_discounts;

  const next: SandboxOrderRecord = {
    ...record,
    order,
    completeTotal: body.total_amount,
    completedAt: now.toISOString(),
    autoPayAt: autoPayAt(request.mode, now, settings),
    updatedAt: now.toISOString(),
  };
  const answer: ApiAnswer = request.mode === "merchant" ? { status: 200, body: publicOrder(next) } : { status: 204, body: null };
  return { answer, next };
}

// ---------------------------------------------------------------------------------------------
// What the user / WeChat does (control API and auto-pay)
// ---------------------------------------------------------------------------------------------

export type ControlResult = { ok: true; record: SandboxOrderRecord } | { ok: false; code: string; message: string };

/** The user confirms: CREATED → DOING + USER_CONFIRM. */
export function confirmOrder(record: SandboxOrderRecord, now: Date): ControlResult {
  if (record.order.state !== "CREATED") {
    return { ok: false, code: "INVALID_ORDER_STATE", message: `只有 CREATED 的订单可以确认（当前 ${record.order.state}）` };
  }
  return {
    ok: true,
    record: { ...record, order: { ...structuredClone(record.order), state: "DOING", state_description: "USER_CONFIRM" }, updatedAt: now.toISOString() },
  };
}

let transactionCounter = 0;

function newTransactionId(now: Date): string {
  transactionCounter = (transactionCounter + 1) % 1_000_000;
  const random = String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0");
  return `4200002${formatBeijingTime(now).slice(0, 8)}${random}${String(transactionCounter).padStart(6, "0")}`;
}

/** The user pays (or the deduction succeeds): DOING + MCH_COMPLETE, USER_PAYING → DONE, USER_PAID. */
export function payOrder(record: SandboxOrderRecord, now: Date): ControlResult {
  const order = record.order;
  if (order.state !== "DOING" || order.state_description !== "MCH_COMPLETE" || order.collection?.state !== "USER_PAYING") {
    return {
      ok: false,
      code: "INVALID_ORDER_STATE",
      message: `只有商户已完结且待支付的订单可以支付（当前 ${order.state}${order.state_description ? ` / ${order.state_description}` : ""}）`,
    };
  }
  const amount = order.collection.paying_amount;
  const previousDetails = order.collection.details ?? [];
  const details =
    amount > 0
      ? [
          ...previousDetails,
          {
            seq: previousDetails.length + 1,
            amount,
            paid_type: "NEWTON" as const,
            paid_time: formatBeijingTime(now),
            transaction_id: newTransactionId(now),
          },
        ]
      : previousDetails;
  const paid: ServiceOrderObject = {
    ...structuredClone(order),
    state: "DONE",
    state_description: "MCH_COMPLETE",
    collection: {
      state: "USER_PAID",
      total_amount: order.collection.total_amount,
      paying_amount: 0,
      paid_amount: order.collection.paid_amount + amount,
      ...(details.length > 0 ? { details } : {}),
    },
  };
  return { ok: true, record: { ...record, order: paid, deducting: false, autoPayAt: null, updatedAt: now.toISOString() } };
}

/**
 * The user's payment fails (a deduction that did not go through): the order stays waiting for the
 * payment, and no notification is sent (WeChat sends none for a failure).
 */
export function failPayment(record: SandboxOrderRecord, now: Date): ControlResult {
  const order = record.order;
  if (order.state !== "DOING" || order.state_description !== "MCH_COMPLETE" || order.collection?.state !== "USER_PAYING") {
    return { ok: false, code: "INVALID_ORDER_STATE", message: "只有商户已完结且待支付的订单可以模拟扣款失败" };
  }
  return { ok: true, record: { ...record, deducting: false, autoPayAt: null, updatedAt: now.toISOString() } };
}

/**
 * A change made outside the console (the merchant platform, another system): the order's total and,
 * optionally, its payment lines are set directly — no signature, no rules beyond the bounds, so tests
 * can change an order behind the console's back and watch it notice (drift detection).
 */
export function amendOrder(record: SandboxOrderRecord, amendment: { total_amount: number; post_payments?: PostPayment[] }, now: Date): ControlResult {
  const order = record.order;
  if (order.state !== "DOING" || order.state_description !== "MCH_COMPLETE" || order.collection?.state !== "USER_PAYING") {
    return { ok: false, code: "INVALID_ORDER_STATE", message: "只有商户已完结且待支付的订单可以在外部改价" };
  }
  const total = amendment.total_amount;
  const next: ServiceOrderObject = {
    ...structuredClone(order),
    ...(amendment.post_payments ? { post_payments: amendment.post_payments.map((line) => ({ ...line })) } : {}),
    total_amount: total,
    need_collection: total > 0,
    collection: { ...order.collection, total_amount: total, paying_amount: total },
  };
  return { ok: true, record: { ...record, order: next, updatedAt: now.toISOString() } };
}

/** The order lapses before confirmation (CREATED → EXPIRED) or is cancelled (→ REVOKED). */
export function endOrder(record: SandboxOrderRecord, to: "EXPIRED" | "REVOKED", now: Date): ControlResult {
  const order = record.order;
  const allowed = to === "EXPIRED" ? order.state === "CREATED" : order.state === "CREATED" || order.state === "DOING";
  if (!allowed) return { ok: false, code: "INVALID_ORDER_STATE", message: `订单状态 ${order.state} 不能变为 ${to}` };
  const next: ServiceOrderObject = { ...structuredClone(order), state: to };
  delete next.state_description;
  return { ok: true, record: { ...record, order: next, autoPayAt: null, updatedAt: now.toISOString() } };
}
