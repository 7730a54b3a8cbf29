// What a WeChat Pay notification does to an open order page's cache: the order it brought replaces
// the one shown only when it is the same order and further along its life (a late or repeated
// notification never puts an order back), and a malformed event is ignored.
import { describe, expect, it } from "vitest";
import { makeQueryClient } from "@/components/query/query-client";
import { notifiedOrder, orderProgress } from "@/lib/orders/snapshot";
import type { TServiceOrder } from "@/lib/payscore/order";
import { queryKeys, type LiveOrderSnapshot, type OrderRef } from "@/lib/query-keys";
import { applyOrderEvent, eventOrder } from "./order-events";
import { nextStamp } from "./order-queries";

const REF: OrderRef = { profileId: "demo-partner", subMchid: "1900001201", outOrderNo: "DEMO-1" };

function order(overrides: Partial<TServiceOrder> = {}): TServiceOrder {
  return {
    out_order_no: "DEMO-1",
    service_id: "svc",
    mchid: "1230000109",
    service_introduction: "酒店",
    state: "DOING",
    state_description: "MCH_COMPLETE",
    total_amount: 10_000,
    order_id: "1000000000201912021513",
    collection: { state: "USER_PAYING", paying_amount: 10_000 },
    ...overrides,
  };
}
const PAID = order({ state: "DONE", collection: { state: "USER_PAID", paid_amount: 10_000 } });
const CONFIRMED = order({ state: "DOING", state_description: "USER_CONFIRM", total_amount: undefined, collection: undefined });

function seeded(shown: TServiceOrder) {
  const client = makeQueryClient();
  const snapshot: LiveOrderSnapshot = { order: shown, trail: [], modifyCount: 0, fetchedAt: "2026-12-07T08:00:00.000Z", askedAt: nextStamp() };
  client.setQueryData(queryKeys.order(REF), snapshot);
  return client;
}

describe("orderProgress / notifiedOrder", () => {
  it("orders an order's life: created < confirmed < completed < paid < done", () => {
    expect([order({ state: "CREATED" }), CONFIRMED, order(), order({ collection: { state: "USER_PAID" } }), PAID].map(orderProgress)).toEqual([0, 1, 2, 3, 4]);
  });

  it("takes a payment for an order awaiting it, and never a late confirmation for a paid one", () => {
    expect(notifiedOrder(order(), PAID)).toBe(PAID);
    expect(notifiedOrder(PAID, CONFIRMED)).toBeNull();
    expect(notifiedOrder(PAID, PAID)).toBeNull();
  });

  it("ignores another order's notification (number or WeChat order id)", () => {
    expect(notifiedOrder(order(), { ...PAID, out_order_no: "DEMO-2" })).toBeNull();
    expect(notifiedOrder(order(), { ...PAID, order_id: "other" })).toBeNull();
  });
});

describe("applyOrderEvent", () => {
  it("puts the paid order into the snapshot, newer than any read asked for before", () => {
    const client = seeded(order());
    const before = client.getQueryData(queryKeys.order(REF))?.askedAt ?? Infinity;
    expect(applyOrderEvent(client, REF, PAID, new Date("2026-12-07T08:00:05.000Z"))).toBe(true);
    const after = client.getQueryData(queryKeys.order(REF));
    expect(after?.order.state).toBe("DONE");
    expect(after?.order.collection?.state).toBe("USER_PAID");
    expect(after?.fetchedAt).toBe("2026-12-07T08:00:05.000Z");
    expect(after?.askedAt).toBeGreaterThan(before);
  });

  it("leaves a paid order alone when a late confirmation arrives", () => {
    const client = seeded(PAID);
    expect(applyOrderEvent(client, REF, CONFIRMED)).toBe(false);
    expect(client.getQueryData(queryKeys.order(REF))?.order).toEqual(PAID);
  });
});

describe("eventOrder", () => {
  it("reads the order of a well-formed event", () => {
    expect(eventOrder(JSON.stringify({ eventType: "PAYSCORE.USER_PAID", order: PAID }))).toEqual(PAID);
  });

  it.each([["not json"], ["null"], ['{"order":null}'], ['{"order":{"state":"DONE"}}'], ['{"order":{"out_order_no":"DEMO-1"}}'], ['"text"']])("ignores %s", (data) => {
    expect(eventOrder(data)).toBeNull();
  });
});
