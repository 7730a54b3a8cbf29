// Money-moving operations end to end on the server: the lib/ form schema → trail intent → signed
// call to the real sandbox over HTTP → verified answer → trail result, on a fresh in-memory PGlite.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeTempDir, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import type { TServiceOrder } from "@/lib/payscore/order";
import { ZModifyForm, type TModifyFormInput } from "@/lib/orders/modify-form";
import { ZCompleteForm, type TCompleteFormInput } from "@/lib/orders/complete-form";
import { fenToInput } from "@/lib/orders/amount-form";
import type { DbHandle } from "@/server/db";
import { trail } from "@/server/db/schema";

let t: TestSandbox;
let handle: DbHandle;
let modules: {
  createDb: typeof import("@/server/db").createDb;
  modifyOrder: typeof import("@/server/orders/modify-order").modifyOrder;
  completeOrder: typeof import("@/server/orders/complete-order").completeOrder;
  queryOrder: typeof import("@/server/orders/target").queryOrder;
  resolveTarget: typeof import("@/server/orders/target").resolveTarget;
  reconcileUnsettled: typeof import("@/server/orders/reconcile").reconcileUnsettled;
  claimIntent: typeof import("@/server/audit/trail").claimIntent;
};

const agent = { id: "user-agent-1", name: "演示客服", role: "agent" };

beforeAll(async () => {
  const dir = makeTempDir("payscore-ops-");
  t = await startTestSandbox({ dir, keysDir: path.join(dir, "sandbox", "keys") });
  // The console's sandbox profiles read DATA_DIR (keys) and SANDBOX_URL once, on first use.
  process.env.DATA_DIR = dir;
  process.env.SANDBOX_URL = t.sandbox.url;
  process.env.WECHATPAY_TIMEOUT_MS = "1500";
  delete process.env.PAYSCORE_PROFILES_FILE;
  const db = await import("@/server/db");
  modules = {
    createDb: db.createDb,
    modifyOrder: (await import("@/server/orders/modify-order")).modifyOrder,
    completeOrder: (await import("@/server/orders/complete-order")).completeOrder,
    queryOrder: (await import("@/server/orders/target")).queryOrder,
    resolveTarget: (await import("@/server/orders/target")).resolveTarget,
    reconcileUnsettled: (await import("@/server/orders/reconcile")).reconcileUnsettled,
    claimIntent: (await import("@/server/audit/trail")).claimIntent,
  };
  handle = await modules.createDb("memory://");
});

afterAll(async () => {
  await handle?.close();
  await t?.stop();
});

beforeEach(async () => {
  t.sandbox.state.reset();
  await handle.db.delete(trail);
});

function profileIdOf(mode: string): string {
  return `demo-${mode}`;
}

async function currentOrder(outOrderNo: string): Promise<TServiceOrder> {
  const info = findSeedOrder(outOrderNo);
  const target = modules.resolveTarget(profileIdOf(info.mode), info.sub_mchid);
  if (!target) throw new Error("no target");
  return (await modules.queryOrder(target, outOrderNo)).order;
}

function lines(order: TServiceOrder) {
  return (order.post_payments ?? []).map((line) => ({
    name: line.name,
    amount: fenToInput(line.amount),
    description: line.description ?? "",
    count: line.count === undefined ? "" : String(line.count),
  }));
}

async function hotelModifyInput(outOrderNo: string, newRoomFen: number, key = randomUUID()): Promise<TModifyFormInput> {
  const order = await currentOrder(outOrderNo);
  const payments = lines(order);
  const room = payments.find((line) => line.name === "酒店房费");
  if (!room) throw new Error("no room line");
  room.amount = fenToInput(newRoomFen);
  return {
    profileId: "demo-merchant",
    subMchid: "",
    outOrderNo,
    idempotencyKey: key,
    basedOn: order,
    industry: "hotel",
    payments,
    discounts: [],
    total: "",
    reasonCategory: "user_complaint",
    reasonText: "房间空调故障，减免部分房费",
    internalNote: "工单 #4411",
    device: { start_device_id: "", end_device_id: "", materiel_no: "" },
  };
}

function modifyLog(outOrderNo: string) {
  return t.sandbox.state.log.list().filter((entry) => entry.op === "modify" && entry.out_order_no === outOrderNo);
}

async function trailRows(outOrderNo: string) {
  return handle.db.select().from(trail).where(eq(trail.outOrderNo, outOrderNo));
}

describe("modify", () => {
  it("merchant: sends once, records before/after/delta and succeeds with the answered order", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const input = await hotelModifyInput(no!, 100);
    const before = input.basedOn.total_amount!;
    const result = await modules.modifyOrder(handle.db, agent, ZModifyForm.parse(input));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expectedTotal = before - ((input.basedOn.post_payments ?? []).find((l) => l.name === "酒店房费")!.amount! - 100);
    expect(result.data.totalAfter).toBe(expectedTotal);
    expect(result.data.delta).toBe(expectedTotal - before);
    expect(result.data.order?.total_amount).toBe(expectedTotal);
    expect(modifyLog(no!)).toHaveLength(1);
    const [row] = await trailRows(no!);
    expect(row).toMatchObject({
      status: "succeeded",
      operation: "modify",
      mode: "merchant",
      userId: agent.id,
      userName: "演示客服",
      reasonCategory: "user_complaint",
      reasonText: "房间空调故障，减免部分房费",
      internalNote: "工单 #4411",
      totalBefore: before,
      totalAfter: expectedTotal,
      delta: expectedTotal - before,
      httpStatus: 200,
    });
    expect((row!.requestBody as { reason: string }).reason).toBe("用户投诉：房间空调故障，减免部分房费");
    expect((row!.requestBody as Record<string, unknown>).internalNote).toBeUndefined();
    expect((row!.orderBefore as TServiceOrder).total_amount).toBe(before);
  });

  it("the same submission sent twice concurrently reaches the sandbox once and both see one result", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const submission = ZModifyForm.parse(await hotelModifyInput(no!, 200));
    const [a, b] = await Promise.all([
      modules.modifyOrder(handle.db, agent, submission),
      modules.modifyOrder(handle.db, agent, submission),
    ]);
    expect(modifyLog(no!)).toHaveLength(1);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.data.trailId).toBe(b.data.trailId);
    expect(a.data.totalAfter).toBe(b.data.totalAfter);
    expect([a.data.replayed, b.data.replayed].sort()).toEqual([false, true]);
    expect(await trailRows(no!)).toHaveLength(1);
  });

  it("refuses, sending nothing, when the order changed after the form was opened", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const stale = await hotelModifyInput(no!, 500);
    const first = await modules.modifyOrder(handle.db, agent, ZModifyForm.parse(await hotelModifyInput(no!, 300)));
    expect(first.ok).toBe(true);
    const second = await modules.modifyOrder(handle.db, agent, ZModifyForm.parse(stale));
    expect(second).toMatchObject({ ok: false, error: { code: "ORDER_CHANGED" } });
    if (second.ok) return;
    expect((second.error.currentOrder as TServiceOrder).total_amount).toBe(first.ok ? first.data.totalAfter : -1);
    expect(modifyLog(no!)).toHaveLength(1);
    const rows = await trailRows(no!);
    expect(rows.map((row) => row.status).sort()).toEqual(["failed", "succeeded"]);
    expect(rows.find((row) => row.status === "failed")?.errorKind).toBe("order_changed");
  });

  it("refuses a total that is not lower with a field error, writing and sending nothing", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const input = await hotelModifyInput(no!, 10_000_000);
    const result = await modules.modifyOrder(handle.db, agent, ZModifyForm.parse(input));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("RULE_VIOLATION");
    expect(result.error.issues?.map((issue) => issue.code)).toContain("total_not_lower");
    expect(t.sandbox.state.log.list()).toHaveLength(1); // the test's own query only
    expect(await trailRows(no!)).toHaveLength(0);
  });

  it("partner: 204 then a query; a second modify is refused before sending (one per order)", async () => {
    const [no] = seedOrderNumbers({ mode: "partner", industry: "express", kind: "PAYING" });
    const order = await currentOrder(no!);
    const info = findSeedOrder(no!);
    const payments = lines(order).map((line) => (line.name === "首重费" ? { ...line, amount: "1.00" } : line));
    const input: TModifyFormInput = {
      profileId: "demo-partner",
      subMchid: info.sub_mchid!,
      outOrderNo: no!,
      idempotencyKey: randomUUID(),
      basedOn: order,
      industry: "express",
      payments,
      discounts: [],
      total: "",
      reasonCategory: "billing_error",
      reasonText: "首重计费错误",
      internalNote: "",
      device: { start_device_id: "", end_device_id: "", materiel_no: "" },
    };
    const first = await modules.modifyOrder(handle.db, agent, ZModifyForm.parse(input));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const [row] = await trailRows(no!);
    expect(row?.httpStatus).toBe(204);
    expect(first.data.order?.post_payments?.find((l) => l.name === "首重费")?.amount).toBe(100);
    const again = await modules.modifyOrder(
      handle.db,
      agent,
      ZModifyForm.parse({ ...input, idempotencyKey: randomUUID(), basedOn: first.data.order!, payments: payments.map((l) => (l.name === "首重费" ? { ...l, amount: "0.50" } : l)) }),
    );
    expect(again).toMatchObject({ ok: false, error: { code: "STATE_NOT_ALLOWED", reason: "partner_limit" } });
    expect(modifyLog(no!)).toHaveLength(1);
  });

  it("a 500 from the sandbox: the agent gets SYSTEM_ERROR with the Request-ID, the row is failed, the order unchanged", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const input = await hotelModifyInput(no!, 100);
    t.sandbox.state.faults.add({ kind: "system_error", out_order_no: no!, ops: ["modify"] });
    const result = await modules.modifyOrder(handle.db, agent, ZModifyForm.parse(input));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("UPSTREAM_ERROR");
    expect(result.error.upstream?.code).toBe("SYSTEM_ERROR");
    expect(result.error.upstream?.httpStatus).toBe(500);
    expect(result.error.upstream?.requestId).toMatch(/.+/);
    const [row] = await trailRows(no!);
    expect(row).toMatchObject({ status: "failed", wechatCode: "SYSTEM_ERROR", httpStatus: 500 });
    expect(row?.requestId).toBe(result.error.upstream?.requestId);
    expect((await currentOrder(no!)).total_amount).toBe(input.basedOn.total_amount);
  });

  it("a dropped connection after the sandbox applied the change: unknown, then reconciled to succeeded at once", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const input = await hotelModifyInput(no!, 100);
    t.sandbox.state.faults.add({ kind: "drop_connection", out_order_no: no!, ops: ["modify"], commit: true, times: 1 });
    const result = await modules.modifyOrder(handle.db, agent, ZModifyForm.parse(input));
    expect(result.ok).toBe(true);
    const [row] = await trailRows(no!);
    expect(row).toMatchObject({ status: "succeeded", errorKind: "network" });
    expect(row?.reconcileNote).toMatch(/^reconciled: the order shows the modify as applied/);
  });
});

describe("complete", () => {
  it("institution: completes a confirmed order (204 + query) and the trail row holds the new state", async () => {
    const [no] = seedOrderNumbers({ mode: "institution", industry: "hotel", kind: "READY" });
    const order = await currentOrder(no!);
    const info = findSeedOrder(no!);
    const input: TCompleteFormInput = {
      profileId: "demo-institution",
      subMchid: info.sub_mchid!,
      outOrderNo: no!,
      idempotencyKey: randomUUID(),
      basedOn: order,
      industry: "hotel",
      payments: [{ name: "酒店房费", amount: "300.00", description: "标准间一晚", count: "" }],
      discounts: [],
      total: "",
      startTime: "2026-11-24T14:00",
      startTimeRemark: "",
      endTime: "2026-11-25T08:00",
      endTimeRemark: "",
      startLocation: "",
      endLocation: "",
      profitSharing: false,
      completeTime: "",
      goodsTag: "",
      device: { start_device_id: "", end_device_id: "", materiel_no: "" },
      reasonCategory: "other",
      reasonText: "",
      internalNote: "",
    };
    const result = await modules.completeOrder(handle.db, agent, ZCompleteForm.parse(input), () => new Date("2026-11-25T01:00:00Z"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.order).toMatchObject({ state: "DOING", state_description: "MCH_COMPLETE", total_amount: 30000 });
    expect(result.data.order?.collection).toMatchObject({ state: "USER_PAYING", paying_amount: 30000, paid_amount: 0 });
    const [row] = await trailRows(no!);
    expect(row).toMatchObject({ status: "succeeded", operation: "complete", httpStatus: 204, totalAfter: 30000 });
    expect((row!.requestBody as Record<string, unknown>).time_range).toEqual({ start_time: "20261124140000", end_time: "20261125080000" });
  });
});

describe("reconciliation of rows left pending by a crash", () => {
  it("settles each row by the order's real state: applied → succeeded, not applied → failed (after the grace period), never sent → failed without a query", async () => {
    const [applied, notApplied, neverSent] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const { MODIFY } = await import("@/server/orders/modify-order");
    const { adapterOf } = await import("@/server/orders/modes");
    const { armTrail } = await import("@/server/audit/trail");
    const { prepareModifyServiceOrder } = await import("@/server/wechatpay/payscore");
    const { clientFor } = await import("@/server/orders/target");
    const { reconcileGraceMs } = await import("@/server/orders/reconcile");
    const target = modules.resolveTarget("demo-merchant", null)!;
    const ids = new Map<string, string>();
    for (const no of [applied!, notApplied!, neverSent!]) {
      const submission = ZModifyForm.parse(await hotelModifyInput(no, 100));
      const body = MODIFY.body(target, adapterOf(target), submission);
      const claim = await modules.claimIntent(handle.db, {
        idempotencyKey: submission.idempotencyKey,
        userId: agent.id,
        userName: agent.name,
        userRole: agent.role,
        profileId: "demo-merchant",
        mode: "merchant",
        subMchid: null,
        outOrderNo: no,
        operation: "modify",
        requestBody: body,
        reasonCategory: submission.reasonCategory,
        reasonText: submission.reasonText,
        internalNote: null,
      });
      if (!claim.claimed) throw new Error("expected a new claim");
      ids.set(no, claim.id);
      if (no === neverSent) continue;
      // Armed: the call was on its way when the process died.
      await armTrail(handle.db, claim.id, { orderBefore: submission.basedOn, totalBefore: submission.basedOn.total_amount ?? null });
      // Only the first reached WeChat and was applied.
      if (no === applied) await prepareModifyServiceOrder(clientFor(target.profile), { mode: "merchant", outOrderNo: no, body: body as never }).send();
    }
    const queriesBefore = t.sandbox.state.log.list({ op: "query" }).length;

    // Within the grace period a call may still be running: only the applied one settles (and the unsent one).
    expect(await modules.reconcileUnsettled(handle.db, new Date(Date.now() + 1000))).toEqual({ examined: 3, succeeded: 1, failed: 1, stillUnknown: 1 });
    const rowOf = async (no: string) => (await handle.db.select().from(trail).where(eq(trail.id, ids.get(no)!)))[0]!;
    expect(await rowOf(applied!)).toMatchObject({ status: "succeeded", reconcileNote: "reconciled: the order shows the modify as applied" });
    expect(await rowOf(notApplied!)).toMatchObject({ status: "pending" });
    expect(await rowOf(neverSent!)).toMatchObject({ status: "failed", reconcileNote: "the process stopped before the call was sent; nothing was sent" });
    // The unsent row was settled without asking WeChat: two queries (applied, not applied), not three.
    expect(t.sandbox.state.log.list({ op: "query" }).length - queriesBefore).toBe(2);

    const afterGrace = new Date(Date.now() + reconcileGraceMs() + 1_000);
    expect(await modules.reconcileUnsettled(handle.db, afterGrace, { now: afterGrace })).toEqual({ examined: 1, succeeded: 0, failed: 1, stillUnknown: 0 });
    expect(await rowOf(notApplied!)).toMatchObject({
      status: "failed",
      reconcileNote: "reconciled: the order does not show the modify; it was not applied",
      watchUntil: expect.any(Date),
    });
  });
});
