// Every key of the browser's data layer (TanStack Query), in one module: the order page, the
// "recent orders" list, the review detail and the navigation's review counts. Each key carries the
// type of what is cached under it (a DataTag), so getQueryData / setQueryData are typed without
// casts, and invalidation by prefix (["review"]) reaches every review read at once.
import type { DataTag } from "@tanstack/react-query";
import type { NavCounts, ReviewDetail } from "./review/view";
import type { OrderSnapshot } from "./orders/snapshot";
import type { RecentOrder } from "./orders/recent";
import type { BulkBatchRowView, BulkBatchView } from "./bulk/types";

/** Which order: the merchant profile, the sub-merchant (partner / institution modes) and the number. */
export interface OrderRef {
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
}

/**
 * The order page's snapshot as the browser holds it. `askedAt` is a monotonic stamp taken when the
 * read was asked for (or when a write's answer was put in): an answer whose stamp is older than the
 * one on screen never replaces it (components/orders/order-queries.ts).
 */
export interface LiveOrderSnapshot extends OrderSnapshot {
  askedAt: number;
}

/** What a failed read carries (components/query/fetch-json.ts). */
export interface QueryErrorInfo {
  status: number;
  code: string;
  upstreamCode: string | null;
}

type Tagged<TKey extends readonly unknown[], TData> = DataTag<TKey, TData, Error & QueryErrorInfo>;

function tag<TData>() {
  return <const TKey extends readonly unknown[]>(key: TKey) => key as Tagged<TKey, TData>;
}

export const queryKeys = {
  /** Everything about orders: invalidating it refreshes every open order and the recent list. */
  orders: () => ["orders"] as const,
  order: (ref: OrderRef) => tag<LiveOrderSnapshot>()(["orders", "snapshot", ref.profileId, ref.subMchid ?? "", ref.outOrderNo]),
  recentOrders: () => tag<RecentOrder[]>()(["orders", "recent"]),
  /** Everything that reads the trail for review: the counts in the navigation and each detail. */
  review: () => ["review"] as const,
  reviewCounts: () => tag<NavCounts | null>()(["review", "counts"]),
  reviewDetail: (trailId: string) => tag<ReviewDetail>()(["review", "detail", trailId]),
  /** Bulk adjustments: the list of batches, one batch, its rows. */
  bulk: () => ["bulk"] as const,
  bulkBatches: () => tag<BulkBatchView[]>()(["bulk", "batches"]),
  bulkBatch: (batchId: string) => tag<BulkBatchView>()(["bulk", "batch", batchId]),
  bulkRows: (batchId: string) => tag<BulkBatchRowView[]>()(["bulk", "rows", batchId]),
};
