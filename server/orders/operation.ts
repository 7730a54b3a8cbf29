// One money-moving call (modify or complete) with its trail, in the only safe order:
//   1. the input was already parsed by the lib/ form schema; the API body is checked by the
//      operation's lib/ schema, and the rules are checked against the order the agent saw —
//      refusals here write nothing and send nothing;
//   2. the order is queried again (a read: nothing that could change the order has been sent),
//      and the write is signed meanwhile, to be sent only if everything below allows it;
//   3. the idempotency key is claimed with a `pending` trail row that already holds that order as
//      "before" — one statement, durable before the call (a second submission with the same key
//      finds this row, waits for it and answers with its result: one upstream call); if the order
//      changed since the form was opened, or the query failed, nothing is sent and the row is
//      resolved `failed` (order_changed, or the query's error);
//   4. the signed call; the row is resolved with the answer. A call whose outcome is unknown
//      (timeout, dropped connection, unverifiable answer) is resolved `unknown` and reconciled at once
//      by querying the order (after a timeout, only an applied change settles it at once: the request
//      may still be running upstream); what stays unknown is reconciled later (at start, on a
//      schedule, on demand).
import "server-only";
import type { TServiceOrder } from "@/lib/payscore/order";
import { currentOrderTotal } from "@/lib/payscore/rules";
import type { RuleIssue } from "@/lib/payscore/issues";
import { orderVersion } from "@/lib/orders/order-version";
import { fail, ok, type ActionResult, type AppErrorInfo } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { TRAIL_NOTES } from "@/lib/orders/trail-notes";

export type { OperationSuccess };
import type { Db } from "@/server/db";
import type { TrailOperation, TrailRow } from "@/server/db/schema";
import { claimIntent, resolveTrail, waitForResolution, type TrailResolution } from "@/server/audit/trail";
import { isWechatPayError, WechatPayError } from "@/server/wechatpay/errors";
import type { PreparedServiceOrderWrite } from "@/server/wechatpay/payscore";
import { queryOrder, type OrderTarget } from "./target";
import { reconcileRow } from "./reconcile";

export interface Actor {
  id: string;
  name: string;
  role: string;
}

export type OperationResult = ActionResult<OperationSuccess>;

export interface OperationRequest {
  operation: TrailOperation;
  target: OrderTarget;
  outOrderNo: string;
  idempotencyKey: string;
  basedOn: TServiceOrder;
  /** The exact API body (already schema-checked). */
  body: Record<string, unknown>;
  reasonCategory: string;
  reasonText: string;
  internalNote: string | null;
  /** Rules against an order: null when it may proceed, else the refusal. */
  check(order: TServiceOrder): AppErrorInfo | null;
  /** Checks and signs the write without sending it (may throw, e.g. request_invalid). */
  prepare(): PreparedServiceOrderWrite;
}

/** How long a second identical submission waits for the first one's answer. */
const REPLAY_WAIT_MS = 60_000;

export async function runOperation(db: Db, actor: Actor, request: OperationRequest): Promise<OperationResult> {
  // 1. Rules against the order the agent saw: nothing is written or sent for input that cannot pass.
  const refusal = request.check(request.basedOn);
  if (refusal) return fail(refusal);

  // 2. The order just before the call. A read: when it fails, the attempt is still written down
  // (below), and nothing was sent that could change the order. While the query is on its way the
  // write is signed (its RSA work overlaps WeChat's answering); it is sent only after the checks
  // below, once its intent is durable, and otherwise dropped unsent.
  const queried = queryOrder(request.target, request.outOrderNo).then(
    (answer): { before: TServiceOrder; queryError: null } => ({ before: answer.order, queryError: null }),
    (error: unknown) => ({ before: null, queryError: error }),
  );
  await afterPendingWrites();
  const write = prepareWrite(request);
  const { before, queryError } = await queried;

  // 3. Idempotency and the intent, in one statement: the key is unique, so a repeat (double click,
  // second tab, retry) finds the first row instead of writing another; a new row is written
  // `pending` with the order as queried, durable before anything is sent.
  const intent = {
    idempotencyKey: request.idempotencyKey,
    userId: actor.id,
    userName: actor.name,
    userRole: actor.role,
    profileId: request.target.profile.id,
    mode: request.target.profile.mode,
    subMchid: request.target.subMerchant?.sub_mchid ?? null,
    outOrderNo: request.outOrderNo,
    operation: request.operation,
    requestBody: request.body,
    reasonCategory: request.reasonCategory,
    reasonText: request.reasonText,
    internalNote: request.internalNote,
    orderBefore: before,
    totalBefore: before ? (currentOrderTotal(before) ?? null) : null,
  };
  const claim = await claimIntent(db, intent);
  if (!claim.claimed) return replay(db, claim.row);
  const row = { ...intent, id: claim.id, createdAt: claim.createdAt };

  if (!before) {
    const resolved = await resolveTrail(db, row.id, { status: "failed", ...errorFields(queryError), reconcileNote: TRAIL_NOTES.queryBeforeFailed });
    return fail({ code: "UPSTREAM_ERROR", upstream: upstreamOf(queryError), trailId: resolved.id });
  }
  if (orderVersion(before) !== orderVersion(request.basedOn)) {
    await resolveTrail(db, row.id, { status: "failed", errorKind: "order_changed", reconcileNote: TRAIL_NOTES.orderChanged });
    return fail({ code: "ORDER_CHANGED", currentOrder: before, trailId: row.id });
  }
  const lateRefusal = request.check(before);
  if (lateRefusal) {
    await resolveTrail(db, row.id, { status: "failed", errorKind: lateRefusal.code === "STATE_NOT_ALLOWED" ? "state" : "rules", reconcileNote: TRAIL_NOTES.refusedBeforeSending });
    return fail({ ...lateRefusal, trailId: row.id });
  }

  // 4. The signed call; the row is resolved with its answer.
  try {
    const result = await write.send();
    const order = result.order;
    const totalAfter = order ? (currentOrderTotal(order) ?? null) : bodyTotal(request.body);
    const resolved = await resolveTrail(db, row.id, {
      status: "succeeded",
      orderAfter: order,
      totalAfter,
      httpStatus: result.httpStatus,
      requestId: result.requestId ?? null,
      latencyMs: result.latencyMs,
      reconcileNote: order === null ? TRAIL_NOTES.acceptedRequeryFailed : null,
    });
    return ok(successOf(resolved, false));
  } catch (error) {
    if (isWechatPayError(error) && error.outcomeUnknown) {
      await resolveTrail(db, row.id, { status: "unknown", ...errorFields(error) });
      // A timed-out request may still be running upstream and be applied after this query: only
      // proof that it was applied settles it now; "not applied" waits for the scheduled round.
      const settled = await reconcileRow(db, { ...row, errorKind: error.kind }, { onlyIfApplied: error.kind === "timeout" }).catch(() => null);
      if (settled?.status === "succeeded") return ok(successOf(settled, false));
      if (settled?.status === "failed") return fail({ code: "UPSTREAM_ERROR", upstream: upstreamOf(error), trailId: row.id });
      return fail({ code: "OUTCOME_UNKNOWN", upstream: upstreamOf(error), trailId: row.id });
    }
    const resolved = await resolveTrail(db, row.id, { status: "failed", ...errorFields(error) });
    return fail({ code: "UPSTREAM_ERROR", upstream: upstreamOf(error), trailId: resolved.id });
  }
}

/** The write, prepared; a failure to prepare it is kept for the moment it would be sent. */
function prepareWrite(request: OperationRequest): PreparedServiceOrderWrite {
  try {
    return request.prepare();
  } catch (error) {
    return { send: () => Promise.reject(error) };
  }
}

/** One turn of the event loop: lets a request just made reach its socket before CPU-bound work. */
function afterPendingWrites(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function bodyTotal(body: Record<string, unknown>): number | null {
  return typeof body.total_amount === "number" ? body.total_amount : null;
}

function successOf(row: TrailResolution, replayed: boolean): OperationSuccess {
  return {
    trailId: row.id,
    status: "succeeded",
    order: (row.orderAfter as TServiceOrder | null) ?? null,
    totalBefore: row.totalBefore,
    totalAfter: row.totalAfter,
    delta: row.delta,
    requestId: row.requestId,
    replayed,
  };
}

/** The stored answer of an earlier submission with the same idempotency key. */
async function replay(db: Db, row: TrailRow): Promise<OperationResult> {
  const settled = row.status === "pending" ? ((await waitForResolution(db, row.idempotencyKey, REPLAY_WAIT_MS)) ?? row) : row;
  switch (settled.status) {
    case "succeeded":
      return ok(successOf(settled, true));
    case "pending":
    case "unknown":
      return fail({ code: "OUTCOME_UNKNOWN", trailId: settled.id, upstream: upstreamOfRow(settled) });
    case "failed":
      if (settled.errorKind === "order_changed") return fail({ code: "ORDER_CHANGED", currentOrder: settled.orderBefore, trailId: settled.id });
      if (settled.errorKind === "state" || settled.errorKind === "rules") {
        return fail({ code: settled.errorKind === "state" ? "STATE_NOT_ALLOWED" : "RULE_VIOLATION", trailId: settled.id });
      }
      return fail({ code: "UPSTREAM_ERROR", upstream: upstreamOfRow(settled), trailId: settled.id });
  }
}

function errorFields(error: unknown) {
  if (error instanceof WechatPayError) {
    return {
      errorKind: error.kind,
      wechatCode: error.code,
      wechatMessage: error.message,
      httpStatus: error.httpStatus ?? null,
      requestId: error.requestId ?? null,
    };
  }
  return { errorKind: "internal", wechatCode: "INTERNAL_ERROR", wechatMessage: "unexpected error", httpStatus: null, requestId: null };
}

function upstreamOf(error: unknown): AppErrorInfo["upstream"] {
  if (error instanceof WechatPayError) {
    return {
      kind: error.kind,
      code: error.code,
      message: error.message,
      httpStatus: error.httpStatus ?? null,
      requestId: error.requestId ?? null,
      retryable: error.retryable,
    };
  }
  return { kind: "internal", code: "INTERNAL_ERROR", message: "unexpected error", httpStatus: null, requestId: null, retryable: false };
}

function upstreamOfRow(row: TrailRow): AppErrorInfo["upstream"] {
  return {
    kind: row.errorKind ?? "unknown",
    code: row.wechatCode ?? "UNKNOWN",
    message: row.wechatMessage ?? "",
    httpStatus: row.httpStatus,
    requestId: row.requestId,
    retryable: false,
  };
}

/** A failed rules check (modify or complete) as the refusal the agent sees; null when it passed. */
export function refusalOf(check: { ok: true } | { ok: false; state: { reason: string } } | { ok: false; issues: RuleIssue[] }): AppErrorInfo | null {
  if (check.ok) return null;
  return "state" in check ? { code: "STATE_NOT_ALLOWED", reason: check.state.reason } : { code: "RULE_VIOLATION", issues: check.issues };
}
