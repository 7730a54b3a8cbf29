"use client";
// The order page's live snapshot: starts from the server-rendered one, refetches on demand (after a
// modify/complete, the refresh button), every few seconds while the order waits for the user's
// payment, and when the tab regains focus with data older than STALE_MS. One request at a time: a
// refresh asked for during a fetch waits for it and then fetches again, so the answer is never older
// than the ask. (This replaced TanStack Query, whose ~12 kB gzip served this one hook.)
import { useCallback, useEffect, useRef, useState } from "react";
import type { TServiceOrder } from "@/lib/payscore/order";
import { isAwaitingPayment, type OrderSnapshot, type OrderSnapshotResult } from "@/lib/orders/snapshot";

export const POLL_INTERVAL_MS = 3_000;
export const STALE_MS = 10_000;

export interface OrderSnapshotState {
  snapshot: OrderSnapshot;
  isFetching: boolean;
  /** The code of the last failed refresh (the snapshot shown is then the last good one). */
  error: string | null;
  refresh: () => Promise<void>;
  /**
   * Shows an order WeChat Pay just answered with (a verified modify/complete result) at once,
   * dropping a fetch already under way (it may predate the change); refresh() brings the rest.
   */
  show: (order: TServiceOrder) => void;
}

async function fetchSnapshot(url: string, signal: AbortSignal): Promise<OrderSnapshot> {
  const response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" }, signal });
  const result = (await response.json()) as OrderSnapshotResult;
  if (!result.ok) throw new Error(result.error.upstream?.code ?? result.error.code);
  return result.snapshot;
}

export function useOrderSnapshot(url: string, initial: OrderSnapshot): OrderSnapshotState {
  const [snapshot, setSnapshot] = useState(initial);
  const [isFetching, setFetching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  // When the snapshot shown was fetched (the server stamps it), for the focus check.
  const fetchedAt = useRef(Date.parse(initial.fetchedAt));
  const controller = useRef<AbortController | null>(null);

  const fetchOnce = useCallback(async () => {
    const abort = new AbortController();
    controller.current = abort;
    setFetching(true);
    try {
      const next = await fetchSnapshot(url, abort.signal);
      fetchedAt.current = Date.now();
      setSnapshot(next);
      setError(null);
    } catch (cause) {
      if (abort.signal.aborted) return;
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      if (!abort.signal.aborted) setFetching(false);
    }
  }, [url]);

  const refresh = useCallback(async () => {
    // Wait for a fetch already running, then fetch again: its answer may predate the change just made.
    while (inFlight.current) await inFlight.current;
    const run = fetchOnce().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = run;
    await run;
  }, [fetchOnce]);

  const awaitingPayment = isAwaitingPayment(snapshot.order);
  useEffect(() => {
    if (!awaitingPayment) return;
    const timer = window.setInterval(() => {
      if (!inFlight.current) void refresh();
    }, POLL_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [awaitingPayment, refresh]);

  useEffect(() => {
    const onFocus = () => {
      if (document.visibilityState === "visible" && !inFlight.current && Date.now() - fetchedAt.current > STALE_MS) void refresh();
    };
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onFocus);
    return () => {
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onFocus);
    };
  }, [refresh]);

  useEffect(() => () => controller.current?.abort(), []);

  const show = useCallback((order: TServiceOrder) => {
    controller.current?.abort();
    setFetching(false);
    setSnapshot((current) => ({ ...current, order }));
  }, []);

  return { snapshot, isFetching, error, refresh, show };
}
