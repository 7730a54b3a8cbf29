// The trail's two write statements on a fresh in-memory PGlite: what a claim and a resolution give
// back (only what the database made, plus the caller's own values), and that a row settled once
// stays as it was settled.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db";
import type { TrailIntent } from "@/server/audit/trail";
import { sql } from "drizzle-orm";

const sqlText = (text: string) => sql.raw(text);

let handle: DbHandle;
let trail: typeof import("@/server/audit/trail");

beforeAll(async () => {
  handle = await (await import("@/server/db")).createDb("memory://");
  trail = await import("@/server/audit/trail");
});

afterAll(async () => {
  await handle?.close();
});

/** Each test's claims are on an order of their own (one write in flight per order). */
function intent(idempotencyKey: string, outOrderNo = `TRAIL-${idempotencyKey.slice(0, 8)}`): TrailIntent {
  return {
    idempotencyKey,
    userId: "user-agent-1",
    userName: "演示客服",
    userRole: "agent",
    profileId: "demo-merchant",
    mode: "merchant",
    subMchid: null,
    outOrderNo,
    operation: "modify",
    requestBody: { total_amount: 9_900, post_payments: [{ name: "酒店房费", amount: 9_900 }] },
    reasonCategory: "user_complaint",
    reasonText: "房间空调故障",
    internalNote: null,
    orderBefore: { out_order_no: "TRAIL-TEST-1", total_amount: 10_000 },
    totalBefore: 10_000,
  };
}

describe("claimIntent", () => {
  it("a new key: the id and created_at of a pending row holding the intent", async () => {
    const key = randomUUID();
    const claim = await trail.claimIntent(handle.db, intent(key));
    if (!claim.claimed) throw new Error("expected a new claim");
    expect(claim.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(claim.createdAt).toBeInstanceOf(Date);
    const stored = await trail.findTrailById(handle.db, claim.id);
    expect(stored).toMatchObject({
      idempotencyKey: key,
      status: "pending",
      totalBefore: 10_000,
      orderBefore: { out_order_no: "TRAIL-TEST-1", total_amount: 10_000 },
      createdAt: claim.createdAt,
    });
  });

  it("the same key again: not claimed, and the first row comes back whole", async () => {
    const key = randomUUID();
    const first = await trail.claimIntent(handle.db, intent(key));
    if (!first.claimed) throw new Error("expected a new claim");
    const second = await trail.claimIntent(handle.db, { ...intent(key), reasonText: "另一次提交" });
    expect(second.claimed).toBe(false);
    if (second.claimed || second.kind !== "replay") throw new Error("expected a replay");
    expect(second.row).toMatchObject({ id: first.id, reasonText: "房间空调故障", status: "pending" });
  });
});

describe("resolveTrail", () => {
  it("answers with the stored totals and delta, and the order the caller wrote", async () => {
    const claim = await trail.claimIntent(handle.db, intent(randomUUID()));
    if (!claim.claimed) throw new Error("expected a new claim");
    const orderAfter = { out_order_no: "TRAIL-TEST-1", total_amount: 9_900 };
    const resolution = await trail.resolveTrail(handle.db, claim.id, { status: "succeeded", orderAfter, totalAfter: 9_900, httpStatus: 200, requestId: "REQ-1" });
    expect(resolution).toMatchObject({ id: claim.id, status: "succeeded", orderAfter, totalBefore: 10_000, totalAfter: 9_900, delta: -100, requestId: "REQ-1", userName: "演示客服", operation: "modify" });
    expect(await trail.findTrailById(handle.db, claim.id)).toMatchObject({ status: "succeeded", orderAfter, delta: -100, httpStatus: 200 });
  });

  it("a row settled once keeps that resolution: a second one changes nothing and gets the first back", async () => {
    const claim = await trail.claimIntent(handle.db, intent(randomUUID()));
    if (!claim.claimed) throw new Error("expected a new claim");
    const orderAfter = { out_order_no: "TRAIL-TEST-1", total_amount: 9_900 };
    await trail.resolveTrail(handle.db, claim.id, { status: "succeeded", orderAfter, totalAfter: 9_900, requestId: "REQ-2" });
    const late = await trail.resolveTrail(handle.db, claim.id, { status: "failed", orderAfter: null, totalAfter: null, errorKind: "timeout", requestId: null });
    expect(late).toMatchObject({ id: claim.id, status: "succeeded", orderAfter, totalAfter: 9_900, delta: -100, requestId: "REQ-2" });
    expect(await trail.findTrailById(handle.db, claim.id)).toMatchObject({ status: "succeeded", errorKind: null });
  });
});

describe("the order's in-flight slot", () => {
  it("a second write on the same order is refused while the first is pending, and names its holder", async () => {
    const order = `SLOT-${randomUUID().slice(0, 8)}`;
    const first = await trail.claimIntent(handle.db, intent(randomUUID(), order));
    if (!first.claimed) throw new Error("expected a new claim");
    const second = await trail.claimIntent(handle.db, { ...intent(randomUUID(), order), userId: "user-supervisor-1", userName: "演示主管" });
    if (second.claimed || second.kind !== "busy") throw new Error(`expected busy, got ${JSON.stringify(second)}`);
    expect(second.holder).toMatchObject({ id: first.id, userName: "演示客服", status: "pending" });
    // Nothing of the second was written.
    expect((await handle.db.execute(sqlText(`select count(*)::int as n from trail where out_order_no = '${order}'`))).rows[0]).toEqual({ n: 1 });
  });

  it("an unknown outcome keeps the slot; a settled row frees it", async () => {
    const order = `SLOT-${randomUUID().slice(0, 8)}`;
    const first = await trail.claimIntent(handle.db, intent(randomUUID(), order));
    if (!first.claimed) throw new Error("expected a new claim");
    await trail.resolveTrail(handle.db, first.id, { status: "unknown", errorKind: "timeout" });
    const whileUnknown = await trail.claimIntent(handle.db, intent(randomUUID(), order));
    expect(whileUnknown).toMatchObject({ claimed: false, kind: "busy", holder: { id: first.id, status: "unknown" } });
    const { settledNow } = await trail.settleUnknown(handle.db, first.id, { status: "failed", orderAfter: null, totalAfter: null, note: "test" });
    expect(settledNow).toBe(true);
    const afterSettled = await trail.claimIntent(handle.db, intent(randomUUID(), order));
    expect(afterSettled.claimed).toBe(true);
    // The same order under another sub-merchant or profile is another order.
    const otherSub = await trail.claimIntent(handle.db, { ...intent(randomUUID(), order), subMchid: "1900000110" });
    expect(otherSub.claimed).toBe(true);
  });

  it("a row settled before it was armed is never armed (its call must not leave)", async () => {
    const claim = await trail.claimIntent(handle.db, intent(randomUUID()));
    if (!claim.claimed) throw new Error("expected a new claim");
    await trail.settleUnknown(handle.db, claim.id, { status: "failed", orderAfter: null, totalAfter: null, note: "orphan" });
    expect(await trail.armTrail(handle.db, claim.id, { orderBefore: { total_amount: 1 }, totalBefore: 1 })).toBe(false);
    const fresh = await trail.claimIntent(handle.db, intent(randomUUID()));
    if (!fresh.claimed) throw new Error("expected a new claim");
    expect(await trail.armTrail(handle.db, fresh.id, { orderBefore: { total_amount: 1 }, totalBefore: 1 })).toBe(true);
    expect(await trail.findTrailById(handle.db, fresh.id)).toMatchObject({ totalBefore: 1, sentAt: expect.any(Date) });
  });

  it("a second settlement loses: settledNow is false and the first stands", async () => {
    const claim = await trail.claimIntent(handle.db, intent(randomUUID()));
    if (!claim.claimed) throw new Error("expected a new claim");
    const [a, b] = await Promise.all([
      trail.settleUnknown(handle.db, claim.id, { status: "succeeded", orderAfter: { total_amount: 9_900 }, totalAfter: 9_900, note: "a" }),
      trail.settleUnknown(handle.db, claim.id, { status: "failed", orderAfter: null, totalAfter: null, note: "b" }),
    ]);
    expect([a.settledNow, b.settledNow].sort()).toEqual([false, true]);
    expect(a.row.status).toBe(b.row.status);
  });
});
