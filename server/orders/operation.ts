// One money-moving call (modify or complete) with its trail, in the only safe order:
//   1. the input was already parsed by the lib/ form schema; the API body is checked by the
//      operation's lib/ schema, and the rules are checked against the order the agent saw —
//      refusals here write nothing and send nothing;
//   2. claim: one statement writes the `pending` row, takes the idempotency key (a second submission
//      with the same key finds this row, waits for it and answers with its result: one upstream call)
//      and takes the order's in-flight slot (a write on the same order from anyone, on any instance,
//      is refused while this one is in flight: ORDER_BUSY, naming who holds it);
//   3. the order is queried again — after the claim, so no other console write can land between this
//      read and the call — and compared with the trail (drift detection, ./ledger.ts); the write is
//      signed meanwhile. If the order changed since the form was opened, or the query failed, nothing
//      is sent and the row is resolved `failed` (order_changed, or the query's error);
//   4. arm: the order as re-read and the moment of sending are recorded, durable before the call;
//   5. the signed call; the row is resolved with the answer. A call whose outcome is unknown
//      (timeout, dropped connection, an answer that fails verification — error answers included) is
//      resolved `unknown` and reconciled at once by querying the order; while the request may still
//      be running upstream (timeout, dropped connection) only an applied change settles it at once.
//      What stays unknown keeps the order's slot and is reconciled later (at start, on a schedule,
//      on demand).
import "server-only";
import type { TServiceOrder } from "@/lib/payscore/order";
import { currentOrderTotal } from "@/lib/payscore/rules";
import type { RuleIssue } from "@/lib/payscore/issues";
import { orderVersion } from "@/lib/orders/order-version";
import { fail, ok, type ActionResult, type AppErrorInfo, type HeldBy } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { TRAIL_NOTES } from "@/lib/orders/trail-notes";

export type { OperationSuccess };
import type { Db } from "@/server/db";
import type { TrailRow, WriteOperation } from "@/server/db/schema";
import { armTrail, claimIntent, findTrailById, parkForApproval, resolveTrail, waitForResolution, type TrailResolution } from "@/server/audit/trail";
import { findApprovalPolicy } from "@/server/approvals/policies";
import { approvalReasons, type ApprovalReason } from "@/lib/approvals/policy";
import { isWechatPayError, toUpstreamInfo, WechatPayError } from "@/server/wechatpay/errors";
import { checkWriteBody, prepareServiceOrderWrite, type CheckedWriteBody, type PreparedServiceOrderWrite } from "@/server/wechatpay/payscore";
import { observeOrder, readLedger, refOf } from "./ledger";
import { toTrailRowView } from "./snapshot";
import { adapterOf, type ModeAdapter } from "./modes";
import { clientFor, queryOrder, resolveTarget, type OrderTarget } from "./target";
import { reconcileRow, type ReconcilableRow } from "./reconcile";

export interface Actor {
  id: string;
  name: string;
  role: string;
}

export type OperationResult = ActionResult<OperationSuccess>;

/** What every write submission carries (the lib/ form schemas' outputs). */
export interface WriteSubmission {
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
  idempotencyKey: string;
  basedOn: TServiceOrder;
  reasonCategory: string;
  reasonText: string;
  internalNote: string | null;
}

/**
 * One write kind (modify, complete; cancel and sync next): how its body is built from the submission
 * and the mode, and the rules against an order. Everything else — target, the one parse of the body,
 * claim, re-read, arm, send, verify, settle — is runWrite's and runOperation's, the same for all.
 */
export interface WriteKind<S extends WriteSubmission, C = undefined> {
  operation: WriteOperation;
  body(target: OrderTarget, adapter: ModeAdapter, submission: S): Record<string, unknown>;
  /** Facts the rules need beyond the order, read once (partner mode: modifies already accepted). */
  context(db: Db, target: OrderTarget, submission: S): Promise<C>;
  check(args: { target: OrderTarget; submission: S; order: TServiceOrder; context: C; now: Date }): AppErrorInfo | null;
}

/** The entry of every write: resolves the target, builds and checks the body once, runs the operation. */
export async function runWrite<S extends WriteSubmission, C>(
  db: Db,
  actor: Actor,
  kind: WriteKind<S, C>,
  submission: S,
  now: () => Date = () => new Date(),
): Promise<OperationResult> {
  const built = await buildRequest(db, kind, submission, now);
  if (!built.ok) return built;
  return runOperation(db, actor, built.data);
}

/**
 * An operation request from a write kind and its submission: the target, the body built and parsed
 * once, the kind's rules, the profile's approval policy, and the signed call prepared on demand. Used
 * by runWrite, and again when an approved request is carried out.
 */
export async function buildRequest<S extends WriteSubmission, C>(
  db: Db,
  kind: WriteKind<S, C>,
  submission: S,
  now: () => Date = () => new Date(),
): Promise<ActionResult<OperationRequest>> {
  const target = resolveTarget(submission.profileId, submission.subMchid);
  if (!target) return fail({ code: "NOT_FOUND" });
  const adapter = adapterOf(target);
  const built = kind.body(target, adapter, submission);
  let body: CheckedWriteBody;
  try {
    body = checkWriteBody(adapter.mode, kind.operation, built);
  } catch (error) {
    if (isWechatPayError(error) && error.kind === "request_invalid") return fail({ code: "INVALID_INPUT", issues: error.issues ?? [] });
    throw error;
  }
  const [context, policy] = await Promise.all([kind.context(db, target, submission), findApprovalPolicy(db, target)]);
  const { basedOn: _basedOn, idempotencyKey: _key, ...input } = submission;
  return ok({
    operation: kind.operation,
    target,
    outOrderNo: submission.outOrderNo,
    idempotencyKey: submission.idempotencyKey,
    basedOn: submission.basedOn,
    body,
    reasonCategory: submission.reasonCategory,
    reasonText: submission.reasonText,
    internalNote: submission.internalNote,
    check: (order) => kind.check({ target, submission, order, context, now: now() }),
    approval: policy
      ? {
          reasons: (order) => approvalReasons(policy, { operation: kind.operation, order, newTotal: bodyTotal(body), reasonCategory: submission.reasonCategory }),
          input,
          expiresHours: policy.expiresHours,
        }
      : null,
    prepare: () =>
      prepareServiceOrderWrite(clientFor(target.profile), {
        mode: adapter.mode,
        op: kind.operation,
        outOrderNo: submission.outOrderNo,
        body,
        requery: adapter.query(target, submission.outOrderNo),
      }),
  });
}

export interface OperationRequest {
  operation: WriteOperation;
  target: OrderTarget;
  outOrderNo: string;
  idempotencyKey: string;
  basedOn: TServiceOrder;
  /** The exact API body, checked once by its schema. */
  body: CheckedWriteBody;
  reasonCategory: string;
  reasonText: string;
  internalNote: string | null;
  /** Rules against an order: null when it may proceed, else the refusal. */
  check(order: TServiceOrder): AppErrorInfo | null;
  /**
   * The four-eyes policy: why this change needs a second person against the order as re-read (none:
   * it goes straight to WeChat), and what to keep to run it when approved. Null: no policy, or the
   * change is an approved request being carried out.
   */
  approval: { reasons(order: TServiceOrder): ApprovalReason[]; input: unknown; expiresHours: number } | null;
  /** Checks and signs the write without sending it (may throw, e.g. request_invalid). */
  prepare(): PreparedServiceOrderWrite;
  /** A bulk batch's row: the trail row links to its batch and names the batch's approver (if any). */
  bulk?: { batchId: string; approvedBy: { id: string; name: string } | null };
}

/** How long a second identical submission waits for the first one's answer. */
const REPLAY_WAIT_MS = 60_000;
/** How long a write refused because another holds the order waits to show what that one did. */
const BUSY_WAIT_MS = 10_000;
/** Errors after which the request may still be running upstream (no answer came back). */
const MAY_STILL_RUN = new Set(["timeout", "network"]);

export async function runOperation(db: Db, actor: Actor, request: OperationRequest): Promise<OperationResult> {
  // 1. Rules against the order the agent saw: nothing is written or sent for input that cannot pass.
  const refusal = request.check(request.basedOn);
  if (refusal) return fail(refusal);

  // 2. The intent, the idempotency key and the order's slot, in one statement.
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
    orderBefore: null,
    totalBefore: null,
    ...(request.bulk ? { bulkBatchId: request.bulk.batchId, decidedById: request.bulk.approvedBy?.id ?? null, decidedByName: request.bulk.approvedBy?.name ?? null } : {}),
  };
  const claim = await claimIntent(db, intent);
  if (!claim.claimed) return claim.kind === "replay" ? replay(db, claim.row) : busy(db, request, claim.holder);
  return execute(db, { id: claim.id, createdAt: claim.createdAt, ...intent }, request, { basedOn: request.basedOn, approved: false });
}

/** A claimed row (new, or an approved request) and what reconciliation needs of it. */
export type ClaimedRow = Omit<ReconcilableRow, "errorKind" | "sentAt">;

/**
 * Steps 3–5 for a row that holds the order: the re-read, the checks, the four-eyes policy, the arm,
 * the call. `basedOn` is the order the change was decided on (the form's, or the request's when it
 * was made); an approved request whose order changed since is stale and is not sent.
 */
export async function execute(db: Db, row: ClaimedRow, request: OperationRequest, options: { basedOn: TServiceOrder; approved: boolean }): Promise<OperationResult> {
  const rowId = row.id;
  // 3. The order just before the call, read while this write holds the order, and the ledger beside
  // it (drift detection). While the query is on its way the write is signed (its RSA work overlaps
  // WeChat's answering); it is sent only after the checks below, once armed, and otherwise dropped.
  const queried = queryOrder(request.target, request.outOrderNo).then(
    (answer): { before: TServiceOrder; queryError: null } => ({ before: answer.order, queryError: null }),
    (error: unknown) => ({ before: null, queryError: error }),
  );
  const ledger = readLedger(db, refOf(request.target, request.outOrderNo));
  await afterPendingWrites();
  const write = prepareWrite(request);
  const { before, queryError } = await queried;

  if (!before) {
    const resolved = await resolveTrail(db, rowId, { status: "failed", ...errorFields(queryError), reconcileNote: TRAIL_NOTES.queryBeforeFailed });
    return fail({ code: "UPSTREAM_ERROR", upstream: toUpstreamInfo(queryError), trailId: resolved.id });
  }
  await observeOrder(db, await ledger, before, { ownRowId: rowId }).catch((error: unknown) => {
    console.error(`[operation] drift check of ${request.outOrderNo} failed: ${error instanceof Error ? error.name : "unknown"}`);
  });
  const totalBefore = currentOrderTotal(before) ?? null;
  if (orderVersion(before) !== orderVersion(options.basedOn)) {
    // An approved request that went stale keeps the order it was made on (stored when it was
    // parked) as its "before", and the order found now as its "after": the trail can say what
    // changed long after the approver's answer is gone. Nothing was sent, so no total after.
    await resolveTrail(
      db,
      rowId,
      options.approved
        ? { status: "failed", errorKind: "stale", reconcileNote: TRAIL_NOTES.approvalStale, orderAfter: before }
        : { status: "failed", errorKind: "order_changed", reconcileNote: TRAIL_NOTES.orderChanged, orderBefore: before, totalBefore },
    );
    return fail({ code: "ORDER_CHANGED", currentOrder: before, trailId: rowId, ...(options.approved ? { reason: "stale" } : {}) });
  }
  const lateRefusal = request.check(before);
  if (lateRefusal) {
    await resolveTrail(db, rowId, {
      status: "failed",
      errorKind: lateRefusal.code === "STATE_NOT_ALLOWED" ? "state" : "rules",
      reconcileNote: TRAIL_NOTES.refusedBeforeSending,
      orderBefore: before,
      totalBefore,
    });
    return fail({ ...lateRefusal, trailId: rowId });
  }

  // Four-eyes: a change the policy names waits for a second person — nothing is sent, the order stays held.
  const reasons = request.approval?.reasons(before) ?? [];
  if (request.approval && reasons.length > 0) {
    const expiresAt = new Date(Date.now() + request.approval.expiresHours * 3_600_000);
    const parked = await parkForApproval(db, rowId, {
      orderBefore: before,
      totalBefore,
      totalAfter: bodyTotal(request.body),
      reasons,
      requestInput: request.approval.input,
      expiresAt,
    });
    if (!parked) return fail({ code: "INTERNAL_ERROR" });
    return ok({ ...successOf({ ...parked, orderAfter: null }, false), status: "awaiting_approval", order: before, approvalReasons: reasons, expiresAt: expiresAt.toISOString() });
  }

  // 4. Durable before the call: the order as re-read, and that the call is leaving now.
  if (!(await armTrail(db, rowId, { orderBefore: before, totalBefore }))) {
    // Settled meanwhile as an orphan (its claim outlived the grace period): it must not be sent.
    const settled = await findTrailById(db, rowId);
    return settled ? replay(db, settled) : fail({ code: "INTERNAL_ERROR" });
  }

  // 5. The signed call; the row is resolved with its answer.
  try {
    const result = await write.send();
    const order = result.order;
    const totalAfter = order ? (currentOrderTotal(order) ?? null) : bodyTotal(request.body);
    const resolved = await resolveTrail(db, rowId, {
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
      await resolveTrail(db, rowId, { status: "unknown", ...errorFields(error) });
      // No answer came back (timeout, dropped connection): the request may still be running upstream
      // and be applied after this query, so only proof that it was applied settles it now.
      const stillRunning = MAY_STILL_RUN.has(error.kind);
      const settled = await reconcileRow(db, { ...row, errorKind: error.kind, sentAt: new Date() }, { onlyIfApplied: stillRunning }).catch(() => null);
      if (settled?.row.status === "succeeded") return ok(successOf(settled.row, false));
      if (settled?.row.status === "failed") return fail({ code: "UPSTREAM_ERROR", upstream: toUpstreamInfo(error), trailId: rowId });
      return fail({ code: "OUTCOME_UNKNOWN", upstream: toUpstreamInfo(error), trailId: rowId });
    }
    const resolved = await resolveTrail(db, rowId, { status: "failed", ...errorFields(error) });
    return fail({ code: "UPSTREAM_ERROR", upstream: toUpstreamInfo(error), trailId: resolved.id });
  }
}

/**
 * Another write holds the order: nothing is sent. Waits (bounded) for that write to settle, so the
 * agent is shown what it did rather than a bare refusal.
 */
async function busy(db: Db, request: OperationRequest, holder: TrailRow): Promise<OperationResult> {
  const settled = holder.status === "awaiting_approval" ? holder : ((await waitForSettled(db, holder.id, BUSY_WAIT_MS)) ?? holder);
  const heldBy: HeldBy = {
    name: settled.userName,
    operation: settled.operation,
    status: settled.status,
    since: settled.createdAt.toISOString(),
  };
  // Still in flight, of unknown outcome, or a request waiting for a supervisor: the order stays held.
  if (settled.status === "pending" || settled.status === "unknown" || settled.status === "awaiting_approval") return fail({ code: "ORDER_BUSY", heldBy });
  const current = await queryOrder(request.target, request.outOrderNo).then(
    (answer) => answer.order,
    () => null,
  );
  return fail({ code: "ORDER_BUSY", heldBy, ...(current ? { currentOrder: current } : {}) });
}

async function waitForSettled(db: Db, id: string, timeoutMs: number): Promise<TrailRow | undefined> {
  const deadline = Date.now() + timeoutMs;
  let delay = 25;
  for (;;) {
    const row = await findTrailById(db, id);
    if (!row || (row.status !== "pending" && row.status !== "unknown") || Date.now() >= deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 250);
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
    trailRow: toTrailRowView(row),
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
    case "awaiting_approval":
      return ok({ ...successOf(settled, true), status: "awaiting_approval", order: (settled.orderBefore as TServiceOrder | null) ?? null });
    case "rejected":
    case "withdrawn":
    case "expired":
      return fail({ code: "ALREADY_DECIDED", reason: settled.status, trailId: settled.id });
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
