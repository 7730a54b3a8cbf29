// The order page's reads and writes through TanStack Query.
//
// Read: the snapshot (order + trail + modify count) starts as the server-rendered one and is read
// again on the refresh button, when the tab becomes visible or the network comes back (if older than
// STALE_MS), and every POLL_INTERVAL_MS (30 s, a fallback: notifications bring a payment at once, ./order-events.ts)
// while the order waits for the user to pay — never while the
// tab is hidden (TanStack's focusManager). Failed reads are retried by components/query/retry-policy.
// Each read is stamped with a monotonic number when it is asked for; an answer older than what is
// on screen (a read that was under way when a write's answer came in) never replaces it.
//
// Write: modify and complete (and every later write kind) are mutations calling the server action.
// The action answers with the verified order and the settled trail row: both go into the cache at
// once, with no GET after the write; then what else reads the trail (review counts, review detail,
// recent orders) is invalidated. Nothing is shown before the server confirmed it.
import { queryOptions, replaceEqualDeep, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { isAwaitingPayment, orderApiPath, type OrderSnapshot } from "@/lib/orders/snapshot";
import { queryKeys, type LiveOrderSnapshot, type OrderRef } from "@/lib/query-keys";
import { fetchJson } from "@/components/query/fetch-json";

/**
 * While the order waits for the user's payment: a slow fallback, 2 WeChat queries a minute per
 * visible page. The payment itself arrives as a notification at once (./order-events.ts).
 */
export const POLL_INTERVAL_MS = 30_000;

let lastStamp = 0;
/** A number larger than every one handed out before (in this browser tab). */
export function nextStamp(): number {
  lastStamp += 1;
  return lastStamp;
}

/**
 * The cache's structural sharing for snapshots: an answer asked for before the one on screen was
 * (a late read that raced a write) is dropped; otherwise unchanged parts keep their identity.
 */
export function keepNewerSnapshot(previous: unknown, next: unknown): unknown {
  if (isLive(previous) && isLive(next) && next.askedAt < previous.askedAt) return previous;
  return replaceEqualDeep(previous, next);
}

function isLive(value: unknown): value is LiveOrderSnapshot {
  return typeof value === "object" && value !== null && "askedAt" in value && typeof value.askedAt === "number";
}

export function orderSnapshotQuery(ref: OrderRef, initial: OrderSnapshot) {
  return queryOptions({
    queryKey: queryKeys.order(ref),
    queryFn: async ({ signal }): Promise<LiveOrderSnapshot> => {
      const askedAt = nextStamp();
      const body = await fetchJson<{ ok: true; snapshot: OrderSnapshot }>(orderApiPath(ref.profileId, ref.outOrderNo, ref.subMchid), signal);
      return { ...body.snapshot, askedAt };
    },
    initialData: (): LiveOrderSnapshot => ({ ...initial, askedAt: 0 }),
    // The server stamped when it read the order: a page restored from the router's cache is stale
    // at once and read again; a fresh one is not read twice. (Clamped: a server clock ahead of the
    // browser's must not make the data look fresher than it is.)
    initialDataUpdatedAt: () => Math.min(Date.parse(initial.fetchedAt), Date.now()),
    // Only the order page reads it: when the page goes, so does the entry, and the next visit starts
    // from its own server-rendered snapshot.
    gcTime: 0,
    refetchInterval: (query) => (query.state.data && isAwaitingPayment(query.state.data.order) ? POLL_INTERVAL_MS : false),
    refetchIntervalInBackground: false,
    structuralSharing: keepNewerSnapshot,
  });
}

export function useOrderSnapshot(ref: OrderRef, initial: OrderSnapshot) {
  return useQuery(orderSnapshotQuery(ref, initial));
}

/** The snapshot after a write that went through: its order, its trail row, the modify count. */
export function withOperation(current: LiveOrderSnapshot, success: OperationSuccess, askedAt: number, now: Date): LiveOrderSnapshot {
  const row = success.trailRow;
  const known = current.trail.find((entry) => entry.id === row.id);
  const trail = known ? current.trail.map((entry) => (entry.id === row.id ? row : entry)) : [row, ...current.trail];
  const isNewModify = row.operation === "modify" && row.status === "succeeded" && known?.status !== "succeeded" && !success.replayed;
  return {
    ...current,
    order: success.order ?? current.order,
    trail,
    modifyCount: current.modifyCount + (isNewModify ? 1 : 0),
    fetchedAt: now.toISOString(),
    askedAt,
  };
}

/** Everything that reads the trail elsewhere: the review counts and details, the recent orders. */
export function invalidateTrailReaders(client: QueryClient): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.review() }),
    client.invalidateQueries({ queryKey: queryKeys.recentOrders() }),
  ]).then(() => undefined);
}

/** What a write's answer does to the cache (the mutation's onSuccess). */
export async function settleOrderWrite(client: QueryClient, ref: OrderRef, result: ActionResult<OperationSuccess>): Promise<void> {
  const key = queryKeys.order(ref);
  if (result.ok && result.data.order !== null && !result.data.replayed) {
    // A read under way may predate the change: drop it (its answer would be older anyway).
    await client.cancelQueries({ queryKey: key });
    const askedAt = nextStamp();
    client.setQueryData(key, (current) => (current ? withOperation(current, result.data, askedAt, new Date()) : current));
  } else if (result.ok || result.error.trailId !== undefined || result.error.code === "ORDER_CHANGED" || result.error.code === "ORDER_BUSY") {
    // The order could not be read back after a 204, or the answer is a replay (the trail may have
    // moved on), or a failed attempt left a row, or the order changed under the form (ORDER_CHANGED /
    // ORDER_BUSY): read the page again, so the card and the trail show the order as it now is. The
    // form keeps what the agent typed and the order it was based on (its own state), and says what
    // changed; its "reload" is what rebases it.
    void client.invalidateQueries({ queryKey: key });
  }
  // Not awaited: the agent sees the answer now; the other readers catch up in the background.
  void invalidateTrailReaders(client);
}

/** A write on one order: the server action, through a mutation that settles the cache. */
export function useOrderWrite<TInput>(ref: OrderRef, action: (input: TInput) => Promise<ActionResult<OperationSuccess>>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: (result) => settleOrderWrite(client, ref, result),
  });
}
