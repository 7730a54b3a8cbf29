// The trail's two write statements on a fresh in-memory PGlite: what a claim and a resolution give
// back (only what the database made, plus the caller's own values), and that a row settled once
// stays as it was settled.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/server/db";
import type { TrailIntent } from "@/server/audit/trail";

let handle: DbHandle;
let trail: typeof import("@/server/audit/trail");

beforeAll(async () => {
  handle = await (await import("@/server/db")).createDb("memory://");
  trail = await import("@/server/audit/trail");
});

afterAll(async () => {
  await handle?.close();
});

function intent(idempotencyKey: string): TrailIntent {
  return {
    idempotencyKey,
    userId: "user-agent-1",
    userName: "演示客服",
    userRole: "agent",
    profileId: "demo-merchant",
    mode: "merchant",
    subMchid: null,
    outOrderNo: "TRAIL-TEST-1",
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
    if (second.claimed) return;
    expect(second.row).toMatchObject({ id: first.id, reasonText: "房间空调故障", status: "pending" });
  });
});

describe("resolveTrail", () => {
  it("answers with the stored totals and delta, and the order the caller wrote", async () => {
    const claim = await trail.claimIntent(handle.db, intent(randomUUID()));
    if (!claim.claimed) throw new Error("expected a new claim");
    const orderAfter = { out_order_no: "TRAIL-TEST-1", total_amount: 9_900 };
    const resolution = await trail.resolveTrail(handle.db, claim.id, { status: "succeeded", orderAfter, totalAfter: 9_900, httpStatus: 200, requestId: "REQ-1" });
    expect(resolution).toEqual({ id: claim.id, status: "succeeded", orderAfter, totalBefore: 10_000, totalAfter: 9_900, delta: -100, requestId: "REQ-1" });
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
