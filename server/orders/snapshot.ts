// Loads what the order page shows: the order (queried now), its trail rows and its modify count.
import "server-only";
import type { OrderSnapshotResult, TrailRowView } from "@/lib/orders/snapshot";
import type { TrailRow } from "@/server/db/schema";
import { getDb } from "@/server/db";
import { countSucceeded, findTrailForOrder } from "@/server/audit/trail";
import { toSafeError } from "@/server/wechatpay/errors";
import { queryOrder, type OrderTarget } from "./target";

export function toTrailRowView(row: TrailRow): TrailRowView {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
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
  };
}

export async function loadOrderSnapshot(target: OrderTarget, outOrderNo: string): Promise<OrderSnapshotResult> {
  const db = await getDb();
  const subMchid = target.subMerchant?.sub_mchid ?? null;
  const [queried, rows, modifyCount] = await Promise.all([
    queryOrder(target, outOrderNo).then(
      (result) => ({ ok: true as const, order: result.order }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    findTrailForOrder(db, target.profile.id, outOrderNo),
    countSucceeded(db, target.profile.id, subMchid, outOrderNo, "modify"),
  ]);
  if (!queried.ok) {
    const safe = toSafeError(queried.error);
    return {
      ok: false,
      error: {
        code: safe.code === "ORDER_NOT_EXIST" ? "NOT_FOUND" : "UPSTREAM_ERROR",
        upstream: { kind: safe.kind, code: safe.code, message: safe.message, httpStatus: safe.httpStatus, requestId: safe.requestId, retryable: safe.retryable },
      },
    };
  }
  return {
    ok: true,
    snapshot: {
      order: queried.order,
      trail: rows.filter((row) => row.subMchid === subMchid).map(toTrailRowView),
      modifyCount,
      fetchedAt: new Date().toISOString(),
    },
  };
}
