// What the order page shows and refreshes: the order as queried, this order's trail rows (a safe
// subset: no request bodies), and how many modifies WeChat accepted (partner mode allows one).
import type { TServiceOrder } from "../payscore/order";
import type { AppErrorCode, UpstreamErrorInfo } from "../actions/result";

export interface TrailRowView {
  id: string;
  createdAt: string;
  /** Who made it (to tell the viewer their own request). */
  userId: string;
  userName: string;
  userRole: string;
  operation: "modify" | "complete" | "cancel" | "sync" | "external";
  status: "pending" | "succeeded" | "failed" | "unknown" | "awaiting_approval" | "rejected" | "withdrawn" | "expired";
  totalBefore: number | null;
  totalAfter: number | null;
  delta: number | null;
  reasonCategory: string;
  reasonText: string;
  wechatCode: string | null;
  wechatMessage: string | null;
  errorKind: string | null;
  requestId: string | null;
  reconcileNote: string | null;
  /** Four-eyes: who decided a request, when, and the rejection's comment. */
  approval: { reasons: unknown; decidedBy: string | null; decidedAt: string | null; comment: string | null; expiresAt: string | null } | null;
  /** Found applied after it was settled "not applied": when, and the total the order then showed. */
  appliedLate: { detectedAt: string; totalSeen: number | null; delta: number | null } | null;
}

export interface OrderSnapshot {
  order: TServiceOrder;
  trail: TrailRowView[];
  modifyCount: number;
  fetchedAt: string;
}

export type OrderSnapshotResult = { ok: true; snapshot: OrderSnapshot } | { ok: false; error: { code: AppErrorCode; upstream?: UpstreamErrorInfo } };

/** The order waits for the user's payment: the page polls until it is paid. */
export function isAwaitingPayment(order: TServiceOrder): boolean {
  return order.state === "DOING" && order.state_description === "MCH_COMPLETE" && order.collection?.state !== "USER_PAID";
}

export function orderPagePath(profileId: string, outOrderNo: string, subMchid: string | null): string {
  const base = `/orders/${encodeURIComponent(profileId)}/${encodeURIComponent(outOrderNo)}`;
  return subMchid ? `${base}?sub=${encodeURIComponent(subMchid)}` : base;
}

export function orderApiPath(profileId: string, outOrderNo: string, subMchid: string | null, tail: "" | "/events" = ""): string {
  const base = `/api/orders/${encodeURIComponent(profileId)}/${encodeURIComponent(outOrderNo)}${tail}`;
  return subMchid ? `${base}?sub=${encodeURIComponent(subMchid)}` : base;
}

/**
 * How far along its life an order is: CREATED < DOING (confirmed) < DOING (merchant completed) <
 * DOING (user paid) < DONE / REVOKED / EXPIRED. An order only moves forward, so a notification that
 * arrives late (WeChat retries, or two arrive out of order) must never put an order back.
 */
export function orderProgress(order: Pick<TServiceOrder, "state" | "state_description" | "collection">): number {
  switch (order.state) {
    case "CREATED":
      return 0;
    case "DOING":
      if (order.collection?.state === "USER_PAID") return 3;
      return order.state_description === "MCH_COMPLETE" ? 2 : 1;
    default:
      return 4;
  }
}

/**
 * The order a notification brought, if it should replace the one on screen: the same order (number
 * and, when both name it, WeChat's order id) and further along its life. One no further along adds
 * nothing the page does not show already (WeChat notifies state changes only).
 */
export function notifiedOrder(current: TServiceOrder, incoming: TServiceOrder): TServiceOrder | null {
  if (incoming.out_order_no !== current.out_order_no) return null;
  if (incoming.order_id && current.order_id && incoming.order_id !== current.order_id) return null;
  return orderProgress(incoming) > orderProgress(current) ? incoming : null;
}
