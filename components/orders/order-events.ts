// The order page listens for WeChat Pay's notifications about its order (Server-Sent Events from
// /api/orders/<profile>/<order>/events, fed by /api/wechatpay/notify): when the user confirms or
// pays, the order WeChat sent goes straight into the page's cache, with no query to WeChat. The
// browser's EventSource reconnects by itself (the stream asks for 5 s); the snapshot's slow poll
// (./order-queries.ts) stays as the fallback for a notification that never came.
"use client";
import { useEffect } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { notifiedOrder, orderApiPath } from "@/lib/orders/snapshot";
import type { TServiceOrder } from "@/lib/payscore/order";
import { queryKeys, type OrderRef } from "@/lib/query-keys";
import { nextStamp } from "./order-queries";

/** The event's order when it is one (the stream is our own server's, but a page trusts no shape blindly). */
export function eventOrder(data: string): TServiceOrder | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== "object" || parsed === null || !("order" in parsed)) return null;
    const order: unknown = parsed.order;
    if (typeof order !== "object" || order === null) return null;
    if (!("out_order_no" in order) || typeof order.out_order_no !== "string") return null;
    if (!("state" in order) || typeof order.state !== "string") return null;
    return order as TServiceOrder;
  } catch {
    return null;
  }
}

/** Puts a notified order into the page's snapshot when it is further along than the one shown. */
export function applyOrderEvent(client: QueryClient, ref: OrderRef, order: TServiceOrder, now = new Date()): boolean {
  let applied = false;
  client.setQueryData(queryKeys.order(ref), (current) => {
    if (!current) return current;
    const next = notifiedOrder(current.order, order);
    if (next === null) return current;
    applied = true;
    return { ...current, order: next, fetchedAt: now.toISOString(), askedAt: nextStamp() };
  });
  return applied;
}

export function useOrderEvents(ref: OrderRef): void {
  const client = useQueryClient();
  const { profileId, subMchid, outOrderNo } = ref;
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const key = { profileId, subMchid, outOrderNo };
    const source = new EventSource(orderApiPath(profileId, outOrderNo, subMchid, "/events"));
    const onOrder = (event: MessageEvent<string>) => {
      const order = eventOrder(event.data);
      if (order === null) return;
      // A read under way may predate the notification: drop it first.
      void client.cancelQueries({ queryKey: queryKeys.order(key) }).then(() => applyOrderEvent(client, key, order));
    };
    source.addEventListener("order", onOrder);
    return () => {
      source.removeEventListener("order", onOrder);
      source.close();
    };
  }, [client, profileId, subMchid, outOrderNo]);
}
