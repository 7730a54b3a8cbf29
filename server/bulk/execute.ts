// Carrying out a batch, row by row, through the one operation runner (server/orders/operation.ts):
//   claim    a lane takes the next row in one statement (FOR UPDATE SKIP LOCKED): several lanes, in
//            this process and in other instances on the same PostgreSQL, never take the same row;
//   key      each attempt has its own idempotency key, bulk:<row id>:<attempt>, fixed before anything
//            is sent: a lane that finds a trail row under the current key (its process died after the
//            claim) settles the row from that trail row — reconciling it by a query when its outcome
//            is unknown — and never sends it again;
//   send     the maker is the trail row's actor and the batch's approver its approver; the order is
//            re-read by the runner after its claim and compared with the order the dry run saw: if it
//            changed (the user paid, another change, another total) nothing is sent and the row is
//            `skipped` with the reason. Per-order exclusivity is the runner's (ORDER_BUSY: the row
//            waits and is tried again, it does not fail);
//   pace     one slot of the merchant identity's modify rate (./rate.ts) per row; a 429 slows the
//            identity down and the row is tried again (a new attempt) instead of failing;
//   faults   an answered 5xx, or a re-read that failed (nothing left), is retried a bounded number
//            of times, then the row is `failed` with its cause; a timeout or dropped connection leaves
//            the trail row `unknown`: the row is `unknown` until a query settles it (here, or by the
//            reconciler), never resent blindly;
//   control  pause, resume and cancel take effect between rows (a row already claimed finishes).
// The batch is `completed` when every row is settled.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { ModifySubmission } from "@/lib/orders/modify-form";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { Db } from "@/server/db";
import { bulkBatch, bulkRow, type BulkBatchRow, type BulkRowRow, type TrailRow } from "@/server/db/schema";
import { findTrailById, findTrailByKey } from "@/server/audit/trail";
import { buildRequest, runOperation, type Actor } from "@/server/orders/operation";
import { MODIFY } from "@/server/orders/modify-order";
import { reconcileGraceMs, reconcileRow } from "@/server/orders/reconcile";
import { resolveTarget } from "@/server/orders/target";
import { rateKey, takeSlot, throttle } from "./rate";

/** This process, as it names its claims. */
export const INSTANCE_ID = randomUUID();

export interface ExecuteOptions {
  /** How long a lane works before it hands over to a fresh job (s). */
  laneSeconds?: number;
  /** Attempts of a row that meets other faults than 429 (5xx, a failed re-read). */
  maxAttempts?: number;
  /** 429s a row may meet before it fails. */
  maxThrottled?: number;
  /** Base back-off before a retried row is claimed again (ms). */
  retryDelayMs?: number;
  /** This lane's claims are named so (tests: two "instances" in one process). */
  instanceId?: string;
  /** The modify rate per merchant identity (default BULK_RATE_PER_SECOND; the bench sets its own). */
  ratePerSecond?: number;
}

export function attemptKey(rowId: string, attempt: number): string {
  return `bulk:${rowId}:${attempt}`;
}

async function readBatch(db: Db, batchId: string): Promise<BulkBatchRow | undefined> {
  const [batch] = await db.select().from(bulkBatch).where(eq(bulkBatch.id, batchId));
  return batch;
}

/**
 * Takes the next row that may be sent now (claimed_at null = free; claimed_by names who worked on it
 * last); null when none. `fresh`: nobody claimed it before, so no trail row can exist for it yet.
 */
export async function claimRow(db: Db, batchId: string, instanceId: string): Promise<{ row: BulkRowRow; fresh: boolean } | null> {
  const result = await db.execute<{ id: string; previous: string | null }>(sql`
    with next as (
      select id, claimed_by as previous from bulk_row
      where batch_id = ${batchId} and status = 'pending' and claimed_at is null and (not_before is null or not_before <= now())
      order by line limit 1 for update skip locked)
    update bulk_row b set claimed_by = ${instanceId}, claimed_at = now()
    from next where b.id = next.id
    returning b.id, next.previous`);
  const claimed = result.rows[0];
  if (!claimed) return null;
  const [row] = await db.select().from(bulkRow).where(eq(bulkRow.id, claimed.id));
  return row ? { row, fresh: claimed.previous === null && row.attempts === 0 } : null;
}

/**
 * Frees the claims of processes that died: every claim (`all`: at start on the embedded database,
 * which admits one process) or those older than the grace period (PostgreSQL, several instances).
 */
export async function releaseOrphans(db: Db, options: { all?: boolean; batchId?: string } = {}): Promise<number> {
  const released = await db
    .update(bulkRow)
    .set({ claimedAt: null })
    .where(
      and(
        eq(bulkRow.status, "pending"),
        isNotNull(bulkRow.claimedAt),
        options.batchId ? eq(bulkRow.batchId, options.batchId) : undefined,
        options.all ? undefined : lt(bulkRow.claimedAt, new Date(Date.now() - reconcileGraceMs() * 2)),
      ),
    )
    .returning({ id: bulkRow.id });
  return released.length;
}

type Settle =
  | { status: "succeeded" | "failed" | "skipped" | "unknown"; outcomeCode: string | null; outcomeMessage: string | null; trail: Pick<TrailRow, "id" | "requestId"> | null }
  | { retry: true; throttled: boolean; delayMs: number };

const RATE_LIMITED = new Set(["FREQUENCY_LIMITED", "RATE_LIMITED"]);

/** What a row's trail row says about it: settled, or tried again (a new attempt). */
function judgeTrail(row: BulkRowRow, trail: TrailRow, options: Required<Pick<ExecuteOptions, "maxAttempts" | "maxThrottled" | "retryDelayMs">>): Settle {
  const settled = (status: "succeeded" | "failed" | "skipped" | "unknown", outcomeCode: string | null, outcomeMessage: string | null): Settle => ({ status, outcomeCode, outcomeMessage, trail });
  switch (trail.status) {
    case "succeeded":
      return settled("succeeded", null, trail.reconcileNote);
    case "pending":
    case "unknown":
      return settled("unknown", trail.wechatCode ?? trail.errorKind ?? "OUTCOME_UNKNOWN", trail.wechatMessage);
    case "failed":
      break;
    default:
      return settled("failed", "INTERNAL_ERROR", `trail row ${trail.status}`);
  }
  // Nothing was sent because the order is not what the dry run saw, or no longer passes the rules.
  if (trail.errorKind === "order_changed") return settled("skipped", "ORDER_CHANGED", trail.reconcileNote);
  if (trail.errorKind === "state") return settled("skipped", "STATE_NOT_ALLOWED", trail.reconcileNote);
  if (trail.errorKind === "rules") return settled("skipped", "RULE_VIOLATION", trail.reconcileNote);
  const cause = trail.wechatCode ?? trail.errorKind ?? "UPSTREAM_ERROR";
  const message = trail.wechatMessage ?? trail.reconcileNote;
  // No answer came back (timeout, dropped connection): settled by a query, never tried again — the
  // request may still be applied late. An answered error (a 5xx, a 429) was reconciled at once by the
  // runner and is known not applied: it may be tried again.
  if (trail.errorKind !== "api" && trail.sentAt !== null) return settled("failed", cause, message);
  const limited = trail.httpStatus === 429 || RATE_LIMITED.has(trail.wechatCode ?? "");
  if (limited) {
    return row.throttled + 1 < options.maxThrottled ? { retry: true, throttled: true, delayMs: 1_000 * Math.min(8, 2 ** row.throttled) } : settled("failed", cause, message);
  }
  // An answered 5xx, or a failed re-read (the call never left): tried again, boundedly.
  const mayPass = trail.sentAt === null ? trail.errorKind !== "internal" : (trail.httpStatus ?? 0) >= 500;
  const faults = row.attempts - row.throttled + 1;
  if (mayPass && faults < options.maxAttempts) return { retry: true, throttled: false, delayMs: options.retryDelayMs * 2 ** (faults - 1) };
  return settled("failed", cause, message);
}

async function settleRow(db: Db, row: BulkRowRow, settle: Settle, onlyIf: "claimed" | "unknown"): Promise<void> {
  const guard = onlyIf === "claimed" ? and(eq(bulkRow.id, row.id), eq(bulkRow.status, "pending")) : and(eq(bulkRow.id, row.id), eq(bulkRow.status, "unknown"));
  if ("retry" in settle) {
    await db
      .update(bulkRow)
      .set({
        attempts: sql`${bulkRow.attempts} + 1`,
        throttled: settle.throttled ? sql`${bulkRow.throttled} + 1` : bulkRow.throttled,
        notBefore: new Date(Date.now() + settle.delayMs),
        claimedAt: null,
        status: "pending",
      })
      .where(guard);
    return;
  }
  await db
    .update(bulkRow)
    .set({
      status: settle.status,
      outcomeCode: settle.outcomeCode,
      outcomeMessage: settle.outcomeMessage,
      requestId: settle.trail?.requestId ?? null,
      trailId: settle.trail?.id ?? null,
      // A settled row keeps who worked on it last (which instance: the multi-instance test reads it).
      claimedAt: null,
      settledAt: settle.status === "unknown" ? null : new Date(),
    })
    .where(guard);
}

function actorsOf(batch: BulkBatchRow): { maker: Actor; approvedBy: { id: string; name: string } | null } {
  return {
    maker: { id: batch.createdById, name: batch.createdByName, role: batch.createdByRole },
    approvedBy: batch.decidedById && batch.decidedByName ? { id: batch.decidedById, name: batch.decidedByName } : null,
  };
}

const DEFAULTS = { maxAttempts: 3, maxThrottled: 20, retryDelayMs: 1_000 } as const;

/** One claimed row, from its trail row if the current attempt has one, else sent now. */
export async function processRow(db: Db, batch: BulkBatchRow, row: BulkRowRow, options: ExecuteOptions & { fresh?: boolean } = {}): Promise<void> {
  const limits = { ...DEFAULTS, ...options };
  const key = attemptKey(row.id, row.attempts);
  // A row nobody claimed before has no trail row yet; any other may (its process died after sending).
  let trail = options.fresh ? undefined : await findTrailByKey(db, key);
  if (!trail) {
    const target = resolveTarget(row.profileId, row.subMchid);
    const snapshot = row.orderSnapshot as TServiceOrder | null;
    if (!target || !snapshot || !row.submission) {
      await settleRow(db, row, { status: "skipped", outcomeCode: "NOT_FOUND", outcomeMessage: "the profile or the dry run's order is gone", trail: null }, "claimed");
      return;
    }
    const submission = { ...(row.submission as Omit<ModifySubmission, "basedOn" | "idempotencyKey">), basedOn: snapshot, idempotencyKey: key };
    const built = await buildRequest(db, MODIFY, submission);
    if (!built.ok) {
      await settleRow(db, row, { status: "skipped", outcomeCode: built.error.code, outcomeMessage: built.error.reason ?? null, trail: null }, "claimed");
      return;
    }
    await takeSlot(db, rateKey(target.profile.mchid, "modify"), options.ratePerSecond);
    const { maker, approvedBy } = actorsOf(batch);
    // Approved as a batch (or needing no approval): the policy is not asked again per row.
    const result = await runOperation(db, maker, { ...built.data, approval: null, bulk: { batchId: batch.id, approvedBy } });
    if (result.ok && result.data.status === "succeeded" && !result.data.replayed) {
      await settleRow(db, row, { status: "succeeded", outcomeCode: null, outcomeMessage: result.data.trailRow.reconcileNote, trail: { id: result.data.trailId, requestId: result.data.requestId } }, "claimed");
      return;
    }
    trail = await findTrailByKey(db, key);
    if (!trail) {
      if (!result.ok && result.error.code === "ORDER_BUSY") {
        // Another change holds the order: this row waits and is tried again, under the same key.
        await db
          .update(bulkRow)
          .set({ claimedAt: null, notBefore: new Date(Date.now() + limits.retryDelayMs) })
          .where(and(eq(bulkRow.id, row.id), eq(bulkRow.status, "pending")));
        return;
      }
      // Refused before anything was written (the rules against the dry run's order).
      const code = result.ok ? "INTERNAL_ERROR" : result.error.code;
      await settleRow(db, row, { status: "skipped", outcomeCode: code, outcomeMessage: result.ok ? null : (result.error.reason ?? null), trail: null }, "claimed");
      return;
    }
  } else if (trail.status === "pending" || trail.status === "unknown") {
    // Claimed by a process that died after sending: a query settles it (or it stays unknown).
    trail = (await reconcileRow(db, trail).catch(() => null))?.row ?? trail;
  }
  const settle = judgeTrail(row, trail, limits);
  if ("retry" in settle && settle.throttled) await throttle(db, rateKey(resolveTarget(row.profileId, row.subMchid)?.profile.mchid ?? row.profileId, "modify"), options.ratePerSecond);
  await settleRow(db, row, settle, "claimed");
}

/** Rows of unknown outcome: their trail rows are reconciled (a query, once the grace period allows) and the rows settled. */
export async function settleUnknownRows(db: Db, batchId: string): Promise<number> {
  const rows = await db.select().from(bulkRow).where(and(eq(bulkRow.batchId, batchId), eq(bulkRow.status, "unknown")));
  let settled = 0;
  for (const row of rows) {
    let trail = row.trailId ? await findTrailById(db, row.trailId) : undefined;
    if (!trail) continue;
    if (trail.status === "pending" || trail.status === "unknown") trail = (await reconcileRow(db, trail).catch(() => null))?.row ?? trail;
    if (trail.status === "pending" || trail.status === "unknown") continue;
    // Settled by evidence: never retried.
    const settle = judgeTrail(row, trail, { ...DEFAULTS, maxAttempts: 0, maxThrottled: 0 });
    await settleRow(db, row, settle, "unknown");
    settled += 1;
  }
  return settled;
}

/** A cancelled batch: rows left claimed by a process that died are settled from their trail rows, or skipped. */
async function finishCancelled(db: Db, batch: BulkBatchRow): Promise<void> {
  const rows = await db
    .select()
    .from(bulkRow)
    .where(and(eq(bulkRow.batchId, batch.id), eq(bulkRow.status, "pending"), or(isNull(bulkRow.claimedAt), lt(bulkRow.claimedAt, new Date(Date.now() - reconcileGraceMs() * 2)))));
  for (const row of rows) {
    const trail = await findTrailByKey(db, attemptKey(row.id, row.attempts));
    if (trail) {
      const settle = judgeTrail(row, trail, { ...DEFAULTS, maxAttempts: 0, maxThrottled: 0 });
      await settleRow(db, row, "retry" in settle ? { status: "skipped", outcomeCode: "cancelled", outcomeMessage: null, trail } : settle, "claimed");
    } else {
      await settleRow(db, row, { status: "skipped", outcomeCode: "cancelled", outcomeMessage: null, trail: null }, "claimed");
    }
  }
}

/** The batch is completed once no row is pending or of unknown outcome. */
export async function completeIfSettled(db: Db, batchId: string): Promise<boolean> {
  const done = await db.execute<{ id: string }>(sql`
    update bulk_batch set status = 'completed', finished_at = now()
    where id = ${batchId} and status in ('queued', 'running')
      and not exists (select 1 from bulk_row where batch_id = ${batchId} and status in ('pending', 'unknown'))
    returning id`);
  return done.rows.length > 0;
}

export interface LaneResult {
  /** Queue a fresh lane after this many seconds; null: this lane is not needed any more. */
  continueAfterSeconds: number | null;
  processed: number;
}

/** One lane: claims and carries out rows until none is left, the batch is paused / cancelled, or its time is up. */
export async function executeLane(db: Db, batchId: string, options: ExecuteOptions = {}): Promise<LaneResult> {
  const instanceId = options.instanceId ?? INSTANCE_ID;
  const deadline = Date.now() + (options.laneSeconds ?? 120) * 1000;
  let processed = 0;
  // The batch (its status: pause / cancel) is read again at most every 250 ms, between rows.
  let batch: BulkBatchRow | undefined;
  let readAt = 0;
  for (;;) {
    if (!batch || Date.now() - readAt >= 250) {
      batch = await readBatch(db, batchId);
      readAt = Date.now();
    }
    if (!batch) return { continueAfterSeconds: null, processed };
    if (batch.status === "cancelled") {
      // What a dead process left claimed is settled or skipped; rows of unknown outcome wait for their query.
      await finishCancelled(db, batch);
      await settleUnknownRows(db, batchId);
      const open = await openRows(db, batchId);
      return { continueAfterSeconds: open.unknown > 0 || open.claimed > 0 ? Math.ceil(reconcileGraceMs() / 2000) : null, processed };
    }
    if (batch.status !== "queued" && batch.status !== "running") return { continueAfterSeconds: null, processed };
    if (batch.status === "queued") {
      await db.update(bulkBatch).set({ status: "running", startedAt: new Date() }).where(and(eq(bulkBatch.id, batchId), eq(bulkBatch.status, "queued")));
      batch = { ...batch, status: "running" };
    }
    if (Date.now() >= deadline) return { continueAfterSeconds: 0, processed };
    const claimed = await claimRow(db, batchId, instanceId);
    if (!claimed) {
      await releaseOrphans(db, { batchId });
      await settleUnknownRows(db, batchId);
      if (await completeIfSettled(db, batchId)) return { continueAfterSeconds: null, processed };
      const open = await openRows(db, batchId);
      // Rows wait for a retry, for a reconciliation, or are on their way in another lane.
      if (open.waiting > 0 || open.unknown > 0) return { continueAfterSeconds: open.waiting > 0 ? 1 : Math.ceil(reconcileGraceMs() / 2000), processed };
      return { continueAfterSeconds: open.claimed > 0 ? 5 : null, processed };
    }
    await processRow(db, batch, claimed.row, { ...options, fresh: claimed.fresh });
    processed += 1;
  }
}

async function openRows(db: Db, batchId: string): Promise<{ waiting: number; unknown: number; claimed: number }> {
  const result = await db.execute<{ waiting: number; unknown: number; claimed: number }>(sql`
    select (count(*) filter (where status = 'pending' and claimed_at is null))::int as waiting,
      (count(*) filter (where status = 'unknown'))::int as unknown,
      (count(*) filter (where status = 'pending' and claimed_at is not null))::int as claimed
    from bulk_row where batch_id = ${batchId} and status in ('pending', 'unknown')`);
  const row = result.rows[0];
  return { waiting: Number(row?.waiting ?? 0), unknown: Number(row?.unknown ?? 0), claimed: Number(row?.claimed ?? 0) };
}

