// Reconciliation: a trail row left `pending` (the process died mid-call) or `unknown` (the call's
// outcome could not be known) is settled by querying the order and comparing it with what was sent.
// Modify applied ⇔ the order's total and payment lines are the ones sent; complete applied ⇔ the
// order is merchant-completed (or paid) with the total sent. Never left pending: rows whose order
// cannot be queried now stay as they are and are tried again on the next round.
import "server-only";
import type { TServiceOrder } from "@/lib/payscore/order";
import { currentOrderTotal } from "@/lib/payscore/rules";
import type { Db } from "@/server/db";
import { getEnv } from "@/server/env";
import type { TrailRow } from "@/server/db/schema";
import { findTrailById, findUnsettled, settleUnknown } from "@/server/audit/trail";
import { queryOrder, resolveTarget } from "./target";
import { TRAIL_NOTES } from "@/lib/orders/trail-notes";

type Line = { name?: unknown; amount?: unknown; description?: unknown; count?: unknown };

function sameLines(a: readonly Line[] | undefined, b: readonly Line[] | undefined): boolean {
  const canon = (lines: readonly Line[] | undefined) =>
    JSON.stringify((lines ?? []).map((l) => [l.name ?? null, l.amount ?? null, l.description ?? null, l.count ?? null]));
  return canon(a) === canon(b);
}

export function isApplied(row: Pick<TrailRow, "operation" | "requestBody">, order: TServiceOrder): boolean {
  const body = row.requestBody as { total_amount?: number; post_payments?: Line[] };
  if (row.operation === "modify") {
    return currentOrderTotal(order) === body.total_amount && sameLines(order.post_payments, body.post_payments);
  }
  const completed = (order.state === "DOING" && order.state_description === "MCH_COMPLETE") || order.state === "DONE";
  return completed && currentOrderTotal(order) === body.total_amount;
}

/** Rows younger than this may still be in flight somewhere (on another instance, or upstream). */
export function reconcileGraceMs(): number {
  return getEnv().WECHATPAY_TIMEOUT_MS * 2 + 5_000;
}

export interface ReconcileOptions {
  /**
   * Settle only on proof that the change was applied; an order that does not show it leaves the row
   * as it is. Default: true for a call that timed out less than the grace period ago — the request
   * may still be running upstream and be applied after the query, so "not applied yet" proves nothing.
   */
  onlyIfApplied?: boolean;
  now?: Date;
}

/** What settling a row needs to know of it. */
export type ReconcilableRow = Pick<TrailRow, "id" | "profileId" | "subMchid" | "outOrderNo" | "operation" | "requestBody" | "errorKind" | "createdAt">;

function mayStillBeRunning(row: ReconcilableRow, now: Date): boolean {
  return row.errorKind === "timeout" && now.getTime() - row.createdAt.getTime() < reconcileGraceMs();
}

/**
 * Settles one row by querying its order. Returns the row as stored afterwards (still unsettled when
 * `onlyIfApplied` and the order does not show the change), or null if the query failed.
 */
export async function reconcileRow(db: Db, row: ReconcilableRow, options: ReconcileOptions = {}): Promise<TrailRow | null> {
  const target = resolveTarget(row.profileId, row.subMchid);
  if (!target) {
    return settleUnknown(db, row.id, {
      status: "failed",
      orderAfter: null,
      totalAfter: null,
      note: TRAIL_NOTES.profileGone(row.profileId),
    });
  }
  let order: TServiceOrder;
  try {
    order = (await queryOrder(target, row.outOrderNo)).order;
  } catch {
    return null;
  }
  const applied = isApplied(row, order);
  const onlyIfApplied = options.onlyIfApplied ?? mayStillBeRunning(row, options.now ?? new Date());
  if (!applied && onlyIfApplied) return (await findTrailById(db, row.id)) ?? null;
  return settleUnknown(db, row.id, {
    status: applied ? "succeeded" : "failed",
    orderAfter: order,
    totalAfter: currentOrderTotal(order) ?? null,
    note: applied ? TRAIL_NOTES.reconciledApplied(row.operation) : TRAIL_NOTES.reconciledNotApplied(row.operation),
  });
}

export interface ReconcileSummary {
  examined: number;
  succeeded: number;
  failed: number;
  stillUnknown: number;
}

/** Settles every unsettled row created before `before`. */
export async function reconcileUnsettled(db: Db, before: Date): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { examined: 0, succeeded: 0, failed: 0, stillUnknown: 0 };
  for (const row of await findUnsettled(db, before, 500)) {
    summary.examined += 1;
    const settled = await reconcileRow(db, row);
    if (!settled || settled.status === "pending" || settled.status === "unknown") summary.stillUnknown += 1;
    else if (settled.status === "succeeded") summary.succeeded += 1;
    else summary.failed += 1;
  }
  return summary;
}
