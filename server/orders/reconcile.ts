// Reconciliation: a trail row left `pending` (its process died) or `unknown` (the call's outcome could
// not be known) is settled by querying the order and comparing it with what was sent
// (lib/orders/order-money.ts showsWrite). The rules:
// - a row whose call never left (no sent_at) is settled "not sent" without a query;
// - a row whose call left less than the grace period ago may still be running upstream, whatever
//   stopped its process: only proof that it was applied settles it; "not applied yet" proves nothing;
// - "not applied" found by a query is not final proof either: the row is settled `failed` but watched,
//   and a later read of the order that shows its change records "applied late" (./ledger.ts);
// - a row is settled once: with several instances reconciling, the first settlement stands.
// Rows whose order cannot be queried now stay as they are and are tried again on the next round.
import "server-only";
import type { TServiceOrder } from "@/lib/payscore/order";
import { orderTotal, showsWrite } from "@/lib/orders/order-money";
import { TRAIL_NOTES } from "@/lib/orders/trail-notes";
import type { Db } from "@/server/db";
import { getEnv } from "@/server/env";
import type { TrailRow, WriteOperation } from "@/server/db/schema";
import { findTrailById, findUnsettled, findWatched, settleUnknown } from "@/server/audit/trail";
import { observeOrder, readAndObserve, readLedger, type OrderRef } from "./ledger";
import { queryOrder, resolveTarget } from "./target";

/** Calls younger than this may still be running somewhere (on another instance, or upstream). */
export function reconcileGraceMs(): number {
  return getEnv().WECHATPAY_TIMEOUT_MS * 2 + 5_000;
}

/** How long a row settled "not applied" keeps being checked against later reads of its order. */
export const WATCH_MS = 24 * 60 * 60 * 1000;

export interface ReconcileOptions {
  /**
   * Settle only on proof that the change was applied; an order that does not show it leaves the row
   * as it is. Default: true while the call may still be running (sent less than the grace period ago).
   */
  onlyIfApplied?: boolean;
  now?: Date;
}

/** What settling a row needs to know of it. */
export type ReconcilableRow = Pick<
  TrailRow,
  "id" | "profileId" | "subMchid" | "outOrderNo" | "operation" | "requestBody" | "errorKind" | "createdAt" | "sentAt"
>;

export function mayStillBeRunning(row: Pick<TrailRow, "sentAt">, now: Date): boolean {
  return row.sentAt !== null && now.getTime() - row.sentAt.getTime() < reconcileGraceMs();
}

/** The row as stored afterwards; `settledNow` false when it was left as it was or settled by someone else. */
export interface ReconcileResult {
  row: TrailRow;
  settledNow: boolean;
}

/**
 * Settles one row by querying its order. Null when the order could not be queried (the row stays;
 * the next round tries again).
 */
export async function reconcileRow(db: Db, row: ReconcilableRow, options: ReconcileOptions = {}): Promise<ReconcileResult | null> {
  const now = options.now ?? new Date();
  const target = resolveTarget(row.profileId, row.subMchid);
  if (!target) {
    return settleUnknown(db, row.id, { status: "failed", orderAfter: null, totalAfter: null, note: TRAIL_NOTES.profileGone(row.profileId) });
  }
  if (row.sentAt === null) {
    // The call never left: nothing to find upstream.
    return settleUnknown(db, row.id, { status: "failed", orderAfter: null, totalAfter: null, note: TRAIL_NOTES.notSent });
  }
  const ref: OrderRef = { profileId: row.profileId, subMchid: row.subMchid, outOrderNo: row.outOrderNo };
  // The ledger before the query (see ledger.ts: a query is compared only with what was known before it).
  const ledger = await readLedger(db, ref);
  let order: TServiceOrder;
  try {
    order = (await queryOrder(target, row.outOrderNo)).order;
  } catch {
    return null;
  }
  const applied = showsWrite(row.operation, row.requestBody, order);
  const onlyIfApplied = options.onlyIfApplied ?? mayStillBeRunning(row, now);
  if (!applied && onlyIfApplied) {
    const current = await findTrailById(db, row.id);
    return current ? { row: current, settledNow: false } : null;
  }
  const operation = row.operation as WriteOperation;
  const settled = await settleUnknown(db, row.id, {
    status: applied ? "succeeded" : "failed",
    orderAfter: order,
    totalAfter: orderTotal(order),
    note: applied ? TRAIL_NOTES.reconciledApplied(operation) : TRAIL_NOTES.reconciledNotApplied(operation),
    watchUntil: applied ? null : new Date(now.getTime() + WATCH_MS),
  });
  // The same query, checked against the rest of the ledger (with this row as now settled).
  const rows = ledger.rows.map((entry) => (entry.id === settled.row.id ? settled.row : entry));
  await observeOrder(db, { ...ledger, rows }, order, { now }).catch((error: unknown) => {
    console.error(`[reconcile] drift check of ${row.outOrderNo} failed: ${error instanceof Error ? error.name : "unknown"}`);
  });
  return settled;
}

export interface ReconcileSummary {
  examined: number;
  succeeded: number;
  failed: number;
  stillUnknown: number;
}

/** Settles every unsettled row created before `before`; each settlement this process made is logged. */
export async function reconcileUnsettled(db: Db, before: Date, options: { now?: Date; log?: (line: string) => void } = {}): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { examined: 0, succeeded: 0, failed: 0, stillUnknown: 0 };
  for (const row of await findUnsettled(db, before, 500)) {
    summary.examined += 1;
    const result = await reconcileRow(db, row, { now: options.now });
    const status = result?.row.status;
    if (!result || status === "pending" || status === "unknown") summary.stillUnknown += 1;
    else if (status === "succeeded") summary.succeeded += 1;
    else summary.failed += 1;
    if (result?.settledNow) options.log?.(`[reconcile] settled ${row.id} (${row.outOrderNo}) as ${result.row.status}`);
  }
  return summary;
}

/**
 * Reads the orders of rows settled "not applied" that are still watched, so that a late application
 * is found even if nobody opens the order. Returns how many were found applied late.
 */
export async function checkWatched(db: Db, now: Date = new Date()): Promise<number> {
  const seen = new Set<string>();
  let late = 0;
  for (const row of await findWatched(db, now)) {
    const key = `${row.profileId}|${row.subMchid ?? ""}|${row.outOrderNo}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const target = resolveTarget(row.profileId, row.subMchid);
    if (!target) continue;
    try {
      const { observation } = await readAndObserve(db, { profileId: row.profileId, subMchid: row.subMchid, outOrderNo: row.outOrderNo }, async () =>
        (await queryOrder(target, row.outOrderNo)).order,
      );
      if (observation.kind === "applied_late" && observation.recorded) late += 1;
    } catch {
      // The order could not be read now; the next round tries again.
    }
  }
  return late;
}
