// The audit trail's data operations. The life of a row:
//   claimIntent  writes it `pending` in one statement that also takes the idempotency key (unique: a
//                double click or a second tab finds the first row instead of writing another) and the
//                order's in-flight slot (unique: a second write on the same order, from any app
//                instance, is refused while this one is in flight);
//   armTrail     records the order as re-read and the moment the call leaves — only while the row is
//                still `pending` (a row settled meanwhile by a reconciler is never sent);
//   resolveTrail settles it once (an `unknown` outcome keeps the slot until a query settles it).
// Resolution only ever moves a row out of `pending`/`unknown`; what was sent and received is never
// rewritten afterwards.
import "server-only";
import { and, desc, eq, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/server/db";
import { trail, type NewTrailRow, type TrailOperation, type TrailRow, type TrailStatus } from "@/server/db/schema";

export type TrailIntent = Omit<
  NewTrailRow,
  | "id"
  | "createdAt"
  | "resolvedAt"
  | "status"
  | "orderAfter"
  | "totalAfter"
  | "delta"
  | "reconciledAt"
  | "reconcileNote"
  | "inflightKey"
  | "sentAt"
  | "watchUntil"
>;

/** The order an operation is on, as the in-flight slot names it (profile ids and sub_mchids hold no "|"). */
export function orderKeyOf(ref: { profileId: string; subMchid?: string | null; outOrderNo: string }): string {
  return `${ref.profileId}|${ref.subMchid ?? ""}|${ref.outOrderNo}`;
}

/**
 * A new claim gives back only what the database made (id, created_at): the caller has the rest.
 * Reading back the whole row (three jsonb documents) cost more than the insert itself on PGlite.
 * Not claimed: the key was used before (`replay`: that row), or another write holds the order
 * (`busy`: the holder's row).
 */
export type ClaimResult =
  | { claimed: true; id: string; createdAt: Date }
  | { claimed: false; kind: "replay"; row: TrailRow }
  | { claimed: false; kind: "busy"; holder: TrailRow };

/**
 * What a settled row says about the call's result: the fields an operation answers with, and what
 * the order page shows of the row (no jsonb but the caller's own orderAfter).
 */
export type TrailResolution = Pick<
  TrailRow,
  | "id"
  | "status"
  | "orderAfter"
  | "totalBefore"
  | "totalAfter"
  | "delta"
  | "requestId"
  | "createdAt"
  | "userId"
  | "userName"
  | "userRole"
  | "operation"
  | "reasonCategory"
  | "reasonText"
  | "wechatCode"
  | "wechatMessage"
  | "errorKind"
  | "reconcileNote"
  | "approvalReasons"
  | "decidedByName"
  | "decidedAt"
  | "decisionComment"
  | "expiresAt"
>;

/**
 * A statement parameter by name. Bound as plain SQL, not through the column's encoder: drizzle's
 * prepared-statement path would encode a null jsonb as the JSON text "null" and fail on a null date,
 * so jsonb values are encoded here (jsonText) and cast, and dates are passed as ISO text.
 */
function bind(name: string, cast?: "jsonb" | "integer" | "timestamptz"): SQL {
  return cast ? sql`${sql.placeholder(name)}::${sql.raw(cast)}` : sql`${sql.placeholder(name)}`;
}

function jsonText(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/**
 * The two statements of every modify and complete, prepared once per database: drizzle builds their
 * SQL once instead of on each call, and PostgreSQL parses them once per connection.
 */
function prepareStatements(db: Db) {
  return {
    claim: db
      .insert(trail)
      .values({
        idempotencyKey: bind("idempotencyKey"),
        userId: bind("userId"),
        userName: bind("userName"),
        userRole: bind("userRole"),
        profileId: bind("profileId"),
        mode: bind("mode"),
        subMchid: bind("subMchid"),
        outOrderNo: bind("outOrderNo"),
        operation: bind("operation"),
        requestBody: bind("requestBody", "jsonb"),
        reasonCategory: bind("reasonCategory"),
        reasonText: bind("reasonText"),
        internalNote: bind("internalNote"),
        orderBefore: bind("orderBefore", "jsonb"),
        totalBefore: bind("totalBefore", "integer"),
        inflightKey: bind("inflightKey"),
        bulkBatchId: bind("bulkBatchId"),
        decidedById: bind("decidedById"),
        decidedByName: bind("decidedByName"),
        status: "pending",
      })
      // Either unique index refuses the row: the idempotency key or the order's in-flight slot.
      .onConflictDoNothing()
      .returning({ id: trail.id, createdAt: trail.createdAt })
      .prepare("trail_claim"),
    resolve: db
      .update(trail)
      .set({
        status: bind("status"),
        resolvedAt: bind("resolvedAt", "timestamptz"),
        // Given only when the call never left (the order as found then; see armTrail).
        orderBefore: sql`coalesce(${bind("orderBefore", "jsonb")}, ${trail.orderBefore})`,
        totalBefore: sql`coalesce(${bind("totalBefore", "integer")}, ${trail.totalBefore})`,
        orderAfter: bind("orderAfter", "jsonb"),
        totalAfter: bind("totalAfter", "integer"),
        delta: sql`${bind("totalAfter", "integer")} - coalesce(${bind("totalBefore", "integer")}, ${trail.totalBefore})`,
        errorKind: bind("errorKind"),
        wechatCode: bind("wechatCode"),
        wechatMessage: bind("wechatMessage"),
        httpStatus: bind("httpStatus", "integer"),
        requestId: bind("requestId"),
        latencyMs: bind("latencyMs", "integer"),
        reconciledAt: bind("reconciledAt", "timestamptz"),
        reconcileNote: bind("reconcileNote"),
        // A settled row frees the order; one of unknown outcome holds it until a query settles it.
        inflightKey: sql`case when ${bind("status")} = 'unknown' then ${trail.inflightKey} else null end`,
        watchUntil: bind("watchUntil", "timestamptz"),
      })
      .where(and(eq(trail.id, bind("id")), inArray(trail.status, ["pending", "unknown"])))
      // orderAfter is the caller's own value: not read back (see ClaimResult).
      .returning({
        id: trail.id,
        status: trail.status,
        totalBefore: trail.totalBefore,
        totalAfter: trail.totalAfter,
        delta: trail.delta,
        requestId: trail.requestId,
        createdAt: trail.createdAt,
        userId: trail.userId,
        userName: trail.userName,
        userRole: trail.userRole,
        operation: trail.operation,
        reasonCategory: trail.reasonCategory,
        reasonText: trail.reasonText,
        wechatCode: trail.wechatCode,
        wechatMessage: trail.wechatMessage,
        errorKind: trail.errorKind,
        reconcileNote: trail.reconcileNote,
        approvalReasons: trail.approvalReasons,
        decidedByName: trail.decidedByName,
        decidedAt: trail.decidedAt,
        decisionComment: trail.decisionComment,
        expiresAt: trail.expiresAt,
      })
      .prepare("trail_resolve"),
    arm: db
      .update(trail)
      .set({
        orderBefore: bind("orderBefore", "jsonb"),
        totalBefore: bind("totalBefore", "integer"),
        sentAt: sql`now()`,
      })
      .where(and(eq(trail.id, bind("id")), eq(trail.status, "pending")))
      .returning({ id: trail.id })
      .prepare("trail_arm"),
  };
}

const statements = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function statementsOf(db: Db): ReturnType<typeof prepareStatements> {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = prepareStatements(db);
    statements.set(db, prepared);
  }
  return prepared;
}

export async function claimIntent(db: Db, intent: TrailIntent): Promise<ClaimResult> {
  const inflightKey = orderKeyOf(intent);
  // A refusal names the key's row or the slot's holder; if both vanished in between (the holder
  // settled), the claim is tried again.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const inserted = await insertIntent(db, intent, inflightKey);
    const row = inserted[0];
    if (row) return { claimed: true, id: row.id, createdAt: row.createdAt };
    const existing = await findTrailByKey(db, intent.idempotencyKey);
    if (existing) return { claimed: false, kind: "replay", row: existing };
    const holder = await findInflight(db, inflightKey);
    if (holder) return { claimed: false, kind: "busy", holder };
  }
  throw new Error("trail: the claim kept conflicting without a row to show for it");
}

function insertIntent(db: Db, intent: TrailIntent, inflightKey: string) {
  return statementsOf(db).claim.execute({
    idempotencyKey: intent.idempotencyKey,
    userId: intent.userId,
    userName: intent.userName,
    userRole: intent.userRole,
    profileId: intent.profileId,
    mode: intent.mode,
    subMchid: intent.subMchid ?? null,
    outOrderNo: intent.outOrderNo,
    operation: intent.operation,
    requestBody: jsonText(intent.requestBody),
    reasonCategory: intent.reasonCategory,
    reasonText: intent.reasonText,
    internalNote: intent.internalNote ?? null,
    orderBefore: jsonText(intent.orderBefore),
    totalBefore: intent.totalBefore ?? null,
    inflightKey,
    // A bulk batch's row: its batch, and the supervisor who approved the batch (if it needed one).
    bulkBatchId: intent.bulkBatchId ?? null,
    decidedById: intent.decidedById ?? null,
    decidedByName: intent.decidedByName ?? null,
  });
}

/** The row holding an order's in-flight slot (pending, or of unknown outcome), if any. */
export async function findInflight(db: Db, inflightKey: string): Promise<TrailRow | undefined> {
  const rows = await db.select().from(trail).where(eq(trail.inflightKey, inflightKey)).limit(1);
  return rows[0];
}

/**
 * Records the order as re-read just before the call and the moment the call leaves. False when the
 * row is no longer `pending` (a reconciler took it for an orphan): then the call must not be sent.
 */
export async function armTrail(db: Db, id: string, before: { orderBefore: unknown; totalBefore: number | null }): Promise<boolean> {
  const armed = await statementsOf(db).arm.execute({ id, orderBefore: jsonText(before.orderBefore), totalBefore: before.totalBefore });
  return armed.length === 1;
}

export async function findTrailByKey(db: Db, idempotencyKey: string): Promise<TrailRow | undefined> {
  const rows = await db.select().from(trail).where(eq(trail.idempotencyKey, idempotencyKey)).limit(1);
  return rows[0];
}

export async function findTrailById(db: Db, id: string): Promise<TrailRow | undefined> {
  const rows = await db.select().from(trail).where(eq(trail.id, id)).limit(1);
  return rows[0];
}

/**
 * Four-eyes: a claimed row whose change needs a second person waits as `awaiting_approval` — nothing
 * sent, the order's slot kept — with the order it is based on, the totals it asks for, why, what the
 * maker submitted and until when it may be approved. Null when the row is no longer pending.
 */
export async function parkForApproval(
  db: Db,
  id: string,
  request: { orderBefore: unknown; totalBefore: number | null; totalAfter: number | null; reasons: unknown; requestInput: unknown; expiresAt: Date },
): Promise<TrailResolution | null> {
  const [row] = await db
    .update(trail)
    .set({
      status: "awaiting_approval",
      orderBefore: request.orderBefore,
      totalBefore: request.totalBefore,
      totalAfter: request.totalAfter,
      delta: request.totalAfter !== null && request.totalBefore !== null ? request.totalAfter - request.totalBefore : null,
      approvalReasons: request.reasons,
      requestInput: request.requestInput,
      expiresAt: request.expiresAt,
    })
    .where(and(eq(trail.id, id), eq(trail.status, "pending")))
    .returning();
  return row ?? null;
}

export interface TrailOutcome {
  status: Exclude<TrailStatus, "pending">;
  /** Only for a call that never left: the order as found instead (e.g. changed since the form opened). */
  orderBefore?: unknown;
  totalBefore?: number | null;
  orderAfter?: unknown;
  totalAfter?: number | null;
  errorKind?: string | null;
  wechatCode?: string | null;
  wechatMessage?: string | null;
  httpStatus?: number | null;
  requestId?: string | null;
  latencyMs?: number | null;
  reconcileNote?: string | null;
  reconciled?: boolean;
  /** Keep checking later reads of the order until then (a "not applied" that may yet turn out applied). */
  watchUntil?: Date | null;
}

/**
 * Settles a pending (or unknown) row. Returns its resolution as stored afterwards; when another
 * process settled it first, that resolution stands and is returned unchanged.
 */
export async function resolveTrail(db: Db, id: string, outcome: TrailOutcome): Promise<TrailResolution> {
  const now = new Date();
  const updated = await statementsOf(db).resolve.execute({
    id,
    status: outcome.status,
    resolvedAt: now.toISOString(),
    orderBefore: jsonText(outcome.orderBefore),
    totalBefore: outcome.totalBefore ?? null,
    orderAfter: jsonText(outcome.orderAfter),
    totalAfter: outcome.totalAfter ?? null,
    errorKind: outcome.errorKind ?? null,
    wechatCode: outcome.wechatCode ?? null,
    wechatMessage: outcome.wechatMessage ?? null,
    httpStatus: outcome.httpStatus ?? null,
    requestId: outcome.requestId ?? null,
    latencyMs: outcome.latencyMs ?? null,
    reconciledAt: outcome.reconciled ? now.toISOString() : null,
    reconcileNote: outcome.reconcileNote ?? null,
    watchUntil: outcome.watchUntil ? outcome.watchUntil.toISOString() : null,
  });
  const written = updated[0];
  if (written) return { ...written, orderAfter: outcome.orderAfter ?? null };
  const row = await findTrailById(db, id);
  if (!row) throw new Error(`trail: row ${id} vanished`);
  return row;
}

/**
 * Settles an `unknown` row by evidence found later (a query of the order). Keeps the original call's
 * error fields (what was received is never rewritten) and adds the order seen and a note.
 */
export interface Settlement {
  status: "succeeded" | "failed";
  orderAfter: unknown;
  totalAfter: number | null;
  note: string;
  /** A "not applied" found by a query: later reads of the order keep checking until then. */
  watchUntil?: Date | null;
}

/**
 * Settles an unsettled row by evidence found later (a query of the order). Keeps the original call's
 * error fields (what was received is never rewritten), adds the order seen and a note, and frees the
 * order's slot. `settledNow` is false when another caller (another instance's reconciler) settled it
 * first: that settlement stands, and `row` is it.
 */
export async function settleUnknown(db: Db, id: string, settlement: Settlement): Promise<{ row: TrailRow; settledNow: boolean }> {
  const now = new Date();
  const updated = await db
    .update(trail)
    .set({
      status: settlement.status,
      resolvedAt: sql`coalesce(${trail.resolvedAt}, ${now.toISOString()}::timestamptz)`,
      orderAfter: settlement.orderAfter,
      totalAfter: settlement.totalAfter,
      delta: settlement.totalAfter === null ? null : sql`${settlement.totalAfter}::integer - ${trail.totalBefore}`,
      reconciledAt: now,
      reconcileNote: settlement.note,
      inflightKey: null,
      watchUntil: settlement.watchUntil ?? null,
    })
    .where(and(eq(trail.id, id), inArray(trail.status, ["pending", "unknown"])))
    .returning();
  if (updated[0]) return { row: updated[0], settledNow: true };
  const row = await findTrailById(db, id);
  if (!row) throw new Error(`trail: row ${id} vanished`);
  return { row, settledNow: false };
}

/** Rows left `pending` or `unknown` that were created before `before` (candidates for reconciliation). */
export async function findUnsettled(db: Db, before: Date, limit = 100): Promise<TrailRow[]> {
  return db
    .select()
    .from(trail)
    .where(and(inArray(trail.status, ["pending", "unknown"]), lt(trail.createdAt, before)))
    .orderBy(trail.createdAt)
    .limit(limit);
}

/** Rows settled "not applied" that are still watched (see Settlement.watchUntil), oldest first. */
export async function findWatched(db: Db, now: Date, limit = 100): Promise<TrailRow[]> {
  return db
    .select()
    .from(trail)
    .where(and(isNotNull(trail.watchUntil), sql`${trail.watchUntil} > ${now.toISOString()}::timestamptz`))
    .orderBy(trail.createdAt)
    .limit(limit);
}

export async function findTrailForOrder(db: Db, profileId: string, outOrderNo: string, limit = 50): Promise<TrailRow[]> {
  return db
    .select()
    .from(trail)
    .where(and(eq(trail.profileId, profileId), eq(trail.outOrderNo, outOrderNo)))
    .orderBy(desc(trail.createdAt))
    .limit(limit);
}

export async function findRecentTrail(db: Db, limit = 20): Promise<TrailRow[]> {
  return db.select().from(trail).orderBy(desc(trail.createdAt), desc(trail.id)).limit(limit);
}

/** Modifies that WeChat accepted for one order (partner mode allows one). */
export async function countSucceeded(
  db: Db,
  profileId: string,
  subMchid: string | null,
  outOrderNo: string,
  operation: TrailOperation,
): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(trail)
    .where(
      and(
        eq(trail.profileId, profileId),
        subMchid === null ? sql`${trail.subMchid} is null` : eq(trail.subMchid, subMchid),
        eq(trail.outOrderNo, outOrderNo),
        eq(trail.operation, operation),
        eq(trail.status, "succeeded"),
      ),
    );
  return rows[0]?.n ?? 0;
}

/** Waits until another caller's row with this key leaves `pending` (bounded), then returns it. */
export async function waitForResolution(db: Db, idempotencyKey: string, timeoutMs: number): Promise<TrailRow | undefined> {
  const deadline = Date.now() + timeoutMs;
  let delay = 25;
  for (;;) {
    const row = await findTrailByKey(db, idempotencyKey);
    if (!row || row.status !== "pending" || Date.now() >= deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 250);
  }
}
