// The audit trail's data operations. The life of a row: `claimIntent` writes it `pending` (the
// idempotency key is unique, so a double click or a second tab finds the first row instead of
// writing another), `recordOrderBefore` adds the order as queried just before the call, and
// `resolveTrail` settles it once. Resolution only ever moves a row out of `pending`/`unknown`; what
// was sent and received is never rewritten afterwards.
import "server-only";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { trail, type NewTrailRow, type TrailOperation, type TrailRow, type TrailStatus } from "@/server/db/schema";

export type TrailIntent = Omit<
  NewTrailRow,
  "id" | "createdAt" | "resolvedAt" | "status" | "orderAfter" | "totalAfter" | "delta" | "reconciledAt" | "reconcileNote"
>;

export type ClaimResult = { claimed: true; row: TrailRow } | { claimed: false; row: TrailRow };

export async function claimIntent(db: Db, intent: TrailIntent): Promise<ClaimResult> {
  const inserted = await db
    .insert(trail)
    .values({ ...intent, status: "pending" })
    .onConflictDoNothing({ target: trail.idempotencyKey })
    .returning();
  const row = inserted[0];
  if (row) return { claimed: true, row };
  const existing = await findTrailByKey(db, intent.idempotencyKey);
  if (!existing) throw new Error("trail: idempotency key conflict without a row");
  return { claimed: false, row: existing };
}

export async function findTrailByKey(db: Db, idempotencyKey: string): Promise<TrailRow | undefined> {
  const rows = await db.select().from(trail).where(eq(trail.idempotencyKey, idempotencyKey)).limit(1);
  return rows[0];
}

export async function findTrailById(db: Db, id: string): Promise<TrailRow | undefined> {
  const rows = await db.select().from(trail).where(eq(trail.id, id)).limit(1);
  return rows[0];
}

export async function recordOrderBefore(db: Db, id: string, orderBefore: unknown, totalBefore: number | null): Promise<void> {
  await db
    .update(trail)
    .set({ orderBefore, totalBefore })
    .where(and(eq(trail.id, id), eq(trail.status, "pending")));
}

export interface TrailOutcome {
  status: Exclude<TrailStatus, "pending">;
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
}

/**
 * Settles a pending (or unknown) row. Returns the row as stored afterwards; when another process
 * settled it first, that resolution stands and is returned unchanged.
 */
export async function resolveTrail(db: Db, id: string, outcome: TrailOutcome): Promise<TrailRow> {
  const now = new Date();
  const updated = await db
    .update(trail)
    .set({
      status: outcome.status,
      resolvedAt: now,
      orderAfter: outcome.orderAfter ?? null,
      totalAfter: outcome.totalAfter ?? null,
      delta:
        outcome.totalAfter === undefined || outcome.totalAfter === null
          ? null
          : sql`${outcome.totalAfter}::integer - ${trail.totalBefore}`,
      errorKind: outcome.errorKind ?? null,
      wechatCode: outcome.wechatCode ?? null,
      wechatMessage: outcome.wechatMessage ?? null,
      httpStatus: outcome.httpStatus ?? null,
      requestId: outcome.requestId ?? null,
      latencyMs: outcome.latencyMs ?? null,
      reconciledAt: outcome.reconciled ? now : null,
      reconcileNote: outcome.reconcileNote ?? null,
    })
    .where(and(eq(trail.id, id), inArray(trail.status, ["pending", "unknown"])))
    .returning();
  const row = updated[0] ?? (await findTrailById(db, id));
  if (!row) throw new Error(`trail: row ${id} vanished`);
  return row;
}

/**
 * Settles an `unknown` row by evidence found later (a query of the order). Keeps the original call's
 * error fields (what was received is never rewritten) and adds the order seen and a note.
 */
export async function settleUnknown(
  db: Db,
  id: string,
  settlement: { status: "succeeded" | "failed"; orderAfter: unknown; totalAfter: number | null; note: string },
): Promise<TrailRow> {
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
    })
    .where(and(eq(trail.id, id), inArray(trail.status, ["pending", "unknown"])))
    .returning();
  const row = updated[0] ?? (await findTrailById(db, id));
  if (!row) throw new Error(`trail: row ${id} vanished`);
  return row;
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
