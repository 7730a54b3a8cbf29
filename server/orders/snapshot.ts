// Loads what the order page shows: the order (queried now), its trail rows and its modify count.
// The trail is read before the query and the two are compared (drift detection, ./ledger.ts): what
// that records (an external change, a change applied late) is part of the rows shown.
import "server-only";
import type { OrderSnapshotResult, TrailRowView } from "@/lib/orders/snapshot";
import type { TrailEventRow, TrailRow } from "@/server/db/schema";
import { getDb } from "@/server/db";
import { toUpstreamInfo } from "@/server/wechatpay/errors";
import { observeOrder, readLedger, refOf, type Ledger } from "./ledger";
import { queryOrder, type OrderTarget } from "./target";

/** How many of an order's rows the page shows (newest first). */
const SHOWN_ROWS = 50;

/** The columns a row's view needs (a settled row's resolution has them, without its jsonb). */
export type TrailViewSource = Pick<
  TrailRow,
  | "id"
  | "createdAt"
  | "userId"
  | "userName"
  | "userRole"
  | "operation"
  | "status"
  | "totalBefore"
  | "totalAfter"
  | "delta"
  | "reasonCategory"
  | "reasonText"
  | "wechatCode"
  | "wechatMessage"
  | "errorKind"
  | "requestId"
  | "reconcileNote"
  | "approvalReasons"
  | "decidedByName"
  | "decidedAt"
  | "decisionComment"
  | "expiresAt"
>;

export function toTrailRowView(row: TrailViewSource, events: readonly TrailEventRow[] = []): TrailRowView {
  const late = events.find((event) => event.trailId === row.id && event.kind === "applied_late");
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    userId: row.userId,
    userName: row.userName,
    userRole: row.userRole,
    operation: row.operation,
    status: row.status,
    totalBefore: row.totalBefore,
    totalAfter: row.totalAfter,
    delta: row.delta,
    reasonCategory: row.reasonCategory,
    reasonText: row.reasonText,
    wechatCode: row.wechatCode,
    wechatMessage: row.wechatMessage,
    errorKind: row.errorKind,
    requestId: row.requestId,
    reconcileNote: row.reconcileNote,
    approval:
      row.approvalReasons || row.decidedByName
        ? {
            reasons: row.approvalReasons ?? null,
            decidedBy: row.decidedByName,
            decidedAt: row.decidedAt?.toISOString() ?? null,
            comment: row.decisionComment,
            expiresAt: row.expiresAt?.toISOString() ?? null,
          }
        : null,
    appliedLate: late ? { detectedAt: late.detectedAt.toISOString(), totalSeen: late.totalSeen, delta: late.delta } : null,
  };
}

function trailView(ledger: Ledger): TrailRowView[] {
  return ledger.rows.slice(0, SHOWN_ROWS).map((row) => toTrailRowView(row, ledger.events));
}

export async function loadOrderSnapshot(target: OrderTarget, outOrderNo: string): Promise<OrderSnapshotResult> {
  const db = await getDb();
  const ref = refOf(target, outOrderNo);
  let ledger = await readLedger(db, ref);
  const queried = await queryOrder(target, outOrderNo).then(
    (result) => ({ ok: true as const, order: result.order }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (!queried.ok) {
    const upstream = toUpstreamInfo(queried.error);
    return { ok: false, error: { code: upstream.code === "ORDER_NOT_EXIST" ? "NOT_FOUND" : "UPSTREAM_ERROR", upstream } };
  }
  const observation = await observeOrder(db, ledger, queried.order).catch((error: unknown) => {
    console.error(`[snapshot] drift check of ${outOrderNo} failed: ${error instanceof Error ? error.name : "unknown"}`);
    return null;
  });
  // Something was recorded: show it with the rest.
  if ((observation?.kind === "external" || observation?.kind === "applied_late") && observation.recorded) ledger = await readLedger(db, ref);
  return {
    ok: true,
    snapshot: {
      order: queried.order,
      trail: trailView(ledger),
      modifyCount: ledger.rows.filter((row) => row.operation === "modify" && row.status === "succeeded").length,
      fetchedAt: new Date().toISOString(),
    },
  };
}
