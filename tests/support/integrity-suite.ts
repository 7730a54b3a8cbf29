// The money path's integrity through the server actions themselves, with real sessions, on one
// database kind (the PGlite and PostgreSQL test files each run it in a process of their own, since the
// app's database is a singleton): per-order exclusivity under simultaneous writes, resubmission of an
// idempotency key, the pending row during the call, and every write action refusing the wrong caller.
// The sandbox's request log is the arbiter of what reached "WeChat".
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import type { TServiceOrder } from "@/lib/payscore/order";
import { orderVersion } from "@/lib/orders/order-version";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import { trail, user } from "@/server/db/schema";
import { completeHotel, lowerFirstLine, type OrderRef } from "./order-inputs";
import { startActionHarness, type ActionHarness, type HarnessRole } from "./action-harness";

export function defineIntegritySuite(database: "pglite" | "postgres"): void {
  let h: ActionHarness;
  let actions: typeof import("@/server/actions/orders");
  let reconcile: typeof import("@/server/actions/reconcile");
  let review: typeof import("@/server/actions/review");
  let admin: typeof import("@/server/actions/admin-users");
  let target: typeof import("@/server/orders/target");
  let orderRoute: typeof import("@/app/api/orders/[profileId]/[outOrderNo]/route");
  let snapshots: typeof import("@/server/orders/snapshot");
  let reconciler: typeof import("@/server/orders/reconcile");

  beforeAll(async () => {
    h = await startActionHarness({ database });
    actions = await import("@/server/actions/orders");
    reconcile = await import("@/server/actions/reconcile");
    review = await import("@/server/actions/review");
    admin = await import("@/server/actions/admin-users");
    target = await import("@/server/orders/target");
    orderRoute = await import("@/app/api/orders/[profileId]/[outOrderNo]/route");
    snapshots = await import("@/server/orders/snapshot");
    reconciler = await import("@/server/orders/reconcile");
  });

  afterAll(async () => {
    await h?.stop();
  });

  beforeEach(async () => {
    h.t.sandbox.state.reset();
    await h.db.execute(sql`delete from trail_event`);
    await h.db.execute(sql`delete from review_event`);
    await h.db.execute(sql`delete from trail_review`);
    await h.db.delete(trail);
  });

  function refOf(outOrderNo: string): OrderRef {
    const info = findSeedOrder(outOrderNo);
    return { mode: info.mode, subMchid: info.sub_mchid, industry: info.industry };
  }

  async function sandboxOrder(outOrderNo: string): Promise<TServiceOrder> {
    const ref = refOf(outOrderNo);
    const resolved = target.resolveTarget(`demo-${ref.mode}`, ref.subMchid);
    if (!resolved) throw new Error(`no target for ${outOrderNo}`);
    return (await target.queryOrder(resolved, outOrderNo)).order;
  }

  function writes(outOrderNo: string) {
    return h.t.sandbox.state.log.list({ out_order_no: outOrderNo }).filter((entry) => entry.op === "modify" || entry.op === "complete");
  }

  function modifyAs(role: HarnessRole | null, outOrderNo: string, order: TServiceOrder, lowerByFen: number, key = randomUUID()) {
    return h.as(role, () => actions.modifyOrderAction(lowerFirstLine(refOf(outOrderNo), outOrderNo, order, { lowerByFen, key })));
  }

  const NAMES: Record<HarnessRole, string> = { agent: "演示客服", supervisor: "演示主管", admin: "演示管理员" };

  describe(`[INTEGRITY][${database}] two writes on one order at the same moment`, () => {
    it("20 rounds, agent and supervisor, same basedOn, different amounts: exactly one upstream write per round, the other refused with its own code", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      if (!no) throw new Error("no order");
      const initial = await sandboxOrder(no);
      const codes = new Map<string, number>();
      for (let round = 0; round < 20; round += 1) {
        // Half the rounds hold the winner's call upstream for 300 ms: the loser arrives mid-call.
        if (round % 2 === 1) h.t.sandbox.state.faults.add({ kind: "latency", latencyMs: 300, out_order_no: no, ops: ["modify"], times: 1 });
        const basedOn = await sandboxOrder(no);
        const writesBefore = writes(no).length;
        const [a, s] = await Promise.all([modifyAs("agent", no, basedOn, 100), modifyAs("supervisor", no, basedOn, 200)]);
        expect(writes(no).length - writesBefore, `round ${round}: upstream writes`).toBe(1);
        const results: [HarnessRole, ActionResult<OperationSuccess>][] = [
          ["agent", a],
          ["supervisor", s],
        ];
        const winners = results.filter(([, result]) => result.ok);
        const losers = results.filter(([, result]) => !result.ok);
        expect(winners, `round ${round}: one succeeds`).toHaveLength(1);
        expect(losers).toHaveLength(1);
        const [winnerRole] = winners[0] as [HarnessRole, ActionResult<OperationSuccess>];
        const loser = (losers[0] as [HarnessRole, ActionResult<OperationSuccess>])[1];
        if (loser.ok) throw new Error("unreachable");
        codes.set(loser.error.code, (codes.get(loser.error.code) ?? 0) + 1);
        expect(["ORDER_BUSY", "ORDER_CHANGED"]).toContain(loser.error.code);
        const now = await sandboxOrder(no);
        if (loser.error.code === "ORDER_BUSY") {
          // Told who holds the order, and — having waited for it to settle — what the order is now.
          expect(loser.error.heldBy).toMatchObject({ name: NAMES[winnerRole], operation: "modify", status: "succeeded" });
          expect(orderVersion(loser.error.currentOrder as TServiceOrder)).toBe(orderVersion(now));
        } else {
          expect(orderVersion(loser.error.currentOrder as TServiceOrder)).toBe(orderVersion(now));
        }
        if (round % 2 === 1) expect(loser.error.code, `round ${round}: the loser arrived mid-call`).toBe("ORDER_BUSY");
      }
      // The trail adds up to what the order became: Σ delta of succeeded rows = final − initial.
      const rows = await h.db.select().from(trail).where(eq(trail.outOrderNo, no));
      const succeeded = rows.filter((row) => row.status === "succeeded");
      expect(succeeded).toHaveLength(20);
      expect(rows.filter((row) => row.status === "pending" || row.status === "unknown")).toHaveLength(0);
      const final = await sandboxOrder(no);
      expect(succeeded.reduce((sum, row) => sum + (row.delta ?? 0), 0)).toBe((final.total_amount ?? 0) - (initial.total_amount ?? 0));
      expect(writes(no)).toHaveLength(20);
      expect(codes.get("ORDER_BUSY") ?? 0).toBeGreaterThanOrEqual(10);
    });

    it("a modify and a complete on different orders at the same moment both go through (the slot is per order)", async () => {
      const [m1, m2] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const [r1] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "READY" });
      if (!m1 || !m2 || !r1) throw new Error("no orders");
      const [o1, o2, o3] = await Promise.all([sandboxOrder(m1), sandboxOrder(m2), sandboxOrder(r1)]);
      const results = await Promise.all([
        modifyAs("agent", m1, o1, 100),
        modifyAs("supervisor", m2, o2, 100),
        h.as("agent", () => actions.completeOrderAction(completeHotel(refOf(r1), r1, o3))),
      ]);
      expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    });
  });

  describe(`[INTEGRITY][${database}] resubmitting an idempotency key`, () => {
    it("after succeeded: no second call, the first result replayed", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const order = await sandboxOrder(no!);
      const key = randomUUID();
      const first = await modifyAs("agent", no!, order, 100, key);
      expect(first).toMatchObject({ ok: true, data: { status: "succeeded", replayed: false } });
      const again = await modifyAs("agent", no!, order, 100, key);
      if (!first.ok) throw new Error("unreachable");
      expect(again).toEqual({ ok: true, data: { ...first.data, replayed: true } });
      expect(writes(no!)).toHaveLength(1);
    });

    it("after failed (WeChat refused it): no second call, the same refusal", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const order = await sandboxOrder(no!);
      h.t.sandbox.state.faults.add({ kind: "rate_limited", out_order_no: no!, ops: ["modify"], times: 1 });
      const key = randomUUID();
      const first = await modifyAs("agent", no!, order, 100, key);
      expect(first).toMatchObject({ ok: false, error: { code: "UPSTREAM_ERROR", upstream: { code: "FREQUENCY_LIMITED", httpStatus: 429 } } });
      const again = await modifyAs("agent", no!, order, 100, key);
      expect(again).toMatchObject({ ok: false, error: { code: "UPSTREAM_ERROR", upstream: { code: "FREQUENCY_LIMITED", httpStatus: 429 } } });
      expect(writes(no!)).toHaveLength(1);
      // A new submission (new key) is a new attempt and goes through.
      expect(await modifyAs("agent", no!, order, 100)).toMatchObject({ ok: true });
      expect(writes(no!)).toHaveLength(2);
    });

    it("after unknown: no second call, still unknown; and no other write may start on the order meanwhile", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const order = await sandboxOrder(no!);
      // Held past the client's timeout before it is handled, then dropped: no answer, not applied.
      h.t.sandbox.state.faults.add({ kind: "latency", latencyMs: 2_500, latencyPhase: "before", out_order_no: no!, ops: ["modify"], times: 1 });
      h.t.sandbox.state.faults.add({ kind: "drop_connection", out_order_no: no!, ops: ["modify"], times: 1 });
      const key = randomUUID();
      const first = await modifyAs("agent", no!, order, 100, key);
      expect(first).toMatchObject({ ok: false, error: { code: "OUTCOME_UNKNOWN", upstream: { kind: "timeout" } } });
      const again = await modifyAs("agent", no!, order, 100, key);
      expect(again).toMatchObject({ ok: false, error: { code: "OUTCOME_UNKNOWN" } });
      const other = await modifyAs("supervisor", no!, order, 200);
      expect(other).toMatchObject({ ok: false, error: { code: "ORDER_BUSY", heldBy: { name: "演示客服", status: "unknown" } } });
      expect(other.ok ? null : other.error.currentOrder).toBeUndefined();
      expect(writes(no!)).toHaveLength(1);
      const rows = await h.db.select().from(trail).where(eq(trail.outOrderNo, no!));
      expect(rows.map((row) => row.status)).toEqual(["unknown"]);
    });
  });

  describe(`[INTEGRITY][${database}] the intent is durable before the call`, () => {
    it("while the sandbox holds the answer, the row is pending, armed, with the order before", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const order = await sandboxOrder(no!);
      h.t.sandbox.state.faults.add({ kind: "latency", latencyMs: 800, out_order_no: no!, ops: ["modify"], times: 1 });
      const call = modifyAs("agent", no!, order, 100);
      const deadline = Date.now() + 5_000;
      while (writes(no!).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(writes(no!)).toHaveLength(1);
      const [pending] = await h.db.select().from(trail).where(eq(trail.outOrderNo, no!));
      expect(pending).toMatchObject({ status: "pending", userName: "演示客服", totalBefore: order.total_amount, sentAt: expect.any(Date) });
      expect(pending?.inflightKey).toBe(`demo-merchant||${no}`);
      expect(orderVersion(pending?.orderBefore as TServiceOrder)).toBe(orderVersion(order));
      expect(await call).toMatchObject({ ok: true });
      const [settled] = await h.db.select().from(trail).where(eq(trail.outOrderNo, no!));
      expect(settled).toMatchObject({ status: "succeeded", inflightKey: null });
    });
  });

  describe(`[INTEGRITY][${database}] drift detection and changes applied late`, () => {
    function loadSnapshot(outOrderNo: string) {
      const ref = refOf(outOrderNo);
      const resolved = target.resolveTarget(`demo-${ref.mode}`, ref.subMchid);
      if (!resolved) throw new Error("no target");
      return snapshots.loadOrderSnapshot(resolved, outOrderNo);
    }

    async function amend(outOrderNo: string, totalAmount: number, lineAmount: number): Promise<void> {
      const record = h.t.sandbox.state.store.findByOutOrderNo(outOrderNo)[0];
      if (!record) throw new Error("no record");
      const lines = (record.order.post_payments ?? []).map((line, index) => (index === 0 ? { ...line, amount: lineAmount } : line));
      const { amendOrder } = await import("@/server/sandbox/operations");
      const amended = amendOrder(record, { total_amount: totalAmount, post_payments: lines }, new Date());
      if (!amended.ok) throw new Error(amended.message);
      h.t.sandbox.state.store.put(amended.record);
    }

    it("a change made behind the console's back is recorded once as an external change, with before, after and delta", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const order = await sandboxOrder(no!);
      expect(await modifyAs("agent", no!, order, 100)).toMatchObject({ ok: true });
      const expected = await sandboxOrder(no!);
      // Nothing to report while WeChat agrees with the trail.
      const calm = await loadSnapshot(no!);
      expect(calm.ok && calm.snapshot.trail.map((row) => row.operation)).toEqual(["modify"]);

      const firstLine = expected.post_payments?.[0]?.amount ?? 0;
      await amend(no!, (expected.total_amount ?? 0) - 5_000, firstLine - 5_000);
      // Two readers at once (two open tabs): one record.
      const [a, b] = await Promise.all([loadSnapshot(no!), loadSnapshot(no!)]);
      for (const result of [a, b]) expect(result.ok).toBe(true);
      const rows = await h.db.select().from(trail).where(eq(trail.outOrderNo, no!));
      const external = rows.filter((row) => row.operation === "external");
      expect(external).toHaveLength(1);
      expect(external[0]).toMatchObject({
        status: "succeeded",
        userId: "system:external",
        userName: "WeChat Pay",
        userRole: "system",
        reasonCategory: "external",
        totalBefore: expected.total_amount,
        totalAfter: (expected.total_amount ?? 0) - 5_000,
        delta: -5_000,
        reconcileNote: "the order changed outside the console; no trail row explains it",
      });
      // Shown with the order's rows, and not recorded again by later reads.
      const again = await loadSnapshot(no!);
      expect(again.ok && again.snapshot.trail.map((row) => row.operation)).toEqual(["external", "modify"]);
      expect((await h.db.select().from(trail).where(eq(trail.outOrderNo, no!))).filter((row) => row.operation === "external")).toHaveLength(1);
      // The trail adds up again: Σ delta = final − initial.
      const succeeded = (await h.db.select().from(trail).where(eq(trail.outOrderNo, no!))).filter((row) => row.status === "succeeded");
      expect(succeeded.reduce((sum, row) => sum + (row.delta ?? 0), 0)).toBe((await sandboxOrder(no!)).total_amount! - order.total_amount!);
    });

    it("a read that raced a console write is never taken for drift", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      expect(await modifyAs("agent", no!, await sandboxOrder(no!), 100)).toMatchObject({ ok: true });
      const basedOn = await sandboxOrder(no!);
      // The page's query is held before it is handled; a modify lands meanwhile; then the query is
      // answered with the modified order — newer than the ledger the page read before querying.
      const seq = h.t.sandbox.state.log.lastSeq;
      h.t.sandbox.state.faults.add({ kind: "latency", latencyMs: 800, latencyPhase: "before", out_order_no: no!, ops: ["query"], times: 1 });
      const page = loadSnapshot(no!);
      const deadline = Date.now() + 5_000;
      while (h.t.sandbox.state.log.list({ out_order_no: no!, op: "query", sinceSeq: seq }).length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(await modifyAs("supervisor", no!, basedOn, 300)).toMatchObject({ ok: true });
      const shown = await page;
      expect(shown.ok && shown.snapshot.order.total_amount).toBe((await sandboxOrder(no!)).total_amount);
      const rows = await h.db.select().from(trail).where(eq(trail.outOrderNo, no!));
      expect(rows.map((row) => row.operation).sort()).toEqual(["modify", "modify"]);
    });

    it("a call still running upstream when its process gave up: never 'not applied' inside the grace period; applied after it was settled 'not applied' → an 'applied late' event, the row untouched", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const order = await sandboxOrder(no!);
      // WeChat holds the request 3 s before applying it; the client gives up at 1.5 s.
      h.t.sandbox.state.faults.add({ kind: "latency", latencyMs: 3_000, latencyPhase: "before", out_order_no: no!, ops: ["modify"], times: 1 });
      const first = await modifyAs("agent", no!, order, 100);
      expect(first).toMatchObject({ ok: false, error: { code: "OUTCOME_UNKNOWN", upstream: { kind: "timeout" } } });
      const [row] = await h.db.select().from(trail).where(eq(trail.outOrderNo, no!));
      if (!row?.sentAt) throw new Error("the call left");
      expect(row.status).toBe("unknown");
      // Inside the grace period, whoever asks (a scheduled round, the button): still unknown.
      expect(await reconciler.reconcileUnsettled(h.db, new Date(Date.now() + 1_000))).toEqual({ examined: 1, succeeded: 0, failed: 0, stillUnknown: 1 });
      // A clock past the grace period, before WeChat applied it: settled "not applied", and watched.
      const past = new Date(row.sentAt.getTime() + reconciler.reconcileGraceMs() + 1);
      const settled = await reconciler.reconcileRow(h.db, row, { now: past });
      expect(settled?.row).toMatchObject({ status: "failed", watchUntil: expect.any(Date), inflightKey: null });
      const settledRow = settled?.row;
      // WeChat applies it.
      const deadline = Date.now() + 10_000;
      while ((await sandboxOrder(no!)).total_amount === order.total_amount && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const applied = await sandboxOrder(no!);
      expect(applied.total_amount).toBe(order.total_amount! - 100);

      // The next read of the order (here: the reconciler's round over watched rows) records it.
      expect(await reconciler.checkWatched(h.db)).toBe(1);
      const events = await h.db.execute<{ trail_id: string; kind: string; total_seen: number; delta: number; note: string }>(
        sql`select trail_id, kind, total_seen, delta, note from trail_event`,
      );
      expect(events.rows).toEqual([
        { trail_id: row.id, kind: "applied_late", total_seen: applied.total_amount, delta: -100, note: "applied late: a later query of the order showed this change" },
      ]);
      // The original record is never rewritten (only its watch ends).
      const [after] = await h.db.select().from(trail).where(eq(trail.id, row.id));
      expect({ ...after, watchUntil: null }).toEqual({ ...settledRow, watchUntil: null });
      expect(after?.watchUntil).toBeNull();
      // The page shows it, and takes no external change for it.
      const shown = await loadSnapshot(no!);
      expect(shown.ok && shown.snapshot.trail).toMatchObject([{ id: row.id, status: "failed", appliedLate: { totalSeen: applied.total_amount, delta: -100 } }]);
      expect((await h.db.select().from(trail).where(eq(trail.outOrderNo, no!))).map((entry) => entry.operation)).toEqual(["modify"]);
      expect(await reconciler.checkWatched(h.db)).toBe(0);
    });
  });

  describe(`[INTEGRITY][${database}] every write action refuses the wrong caller`, () => {
    type Call = () => Promise<ActionResult<unknown>>;
    const UUID = "00000000-0000-4000-8000-000000000000";

    async function cases(): Promise<{ name: string; allowed: HarnessRole[]; call: Call }[]> {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const [ready] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "READY" });
      const order = await sandboxOrder(no!);
      const readyOrder = await sandboxOrder(ready!);
      return [
        { name: "modifyOrderAction", allowed: ["agent", "supervisor"], call: () => actions.modifyOrderAction(lowerFirstLine(refOf(no!), no!, order)) },
        { name: "completeOrderAction", allowed: ["agent", "supervisor"], call: () => actions.completeOrderAction(completeHotel(refOf(ready!), ready!, readyOrder)) },
        { name: "reconcileAction", allowed: ["agent", "supervisor"], call: () => reconcile.reconcileAction({ trailId: UUID }) },
        { name: "markReviewedAction", allowed: ["supervisor"], call: () => review.markReviewedAction({ trailIds: [UUID] }) },
        { name: "flagChangeAction", allowed: ["supervisor"], call: () => review.flagChangeAction({ trailId: UUID, comment: "看一下" }) },
        { name: "clearFlagAction", allowed: ["supervisor"], call: () => review.clearFlagAction({ trailId: UUID, comment: "已处理" }) },
        {
          name: "createUserAction",
          allowed: ["admin"],
          call: () => admin.createUserAction({ email: `x-${randomUUID().slice(0, 8)}@demo.local`, name: "新人", role: "agent", password: "Long-enough-pw-1" }),
        },
        { name: "changeRoleAction", allowed: ["admin"], call: () => admin.changeRoleAction({ userId: UUID, role: "supervisor" }) },
        { name: "resetPasswordAction", allowed: ["admin"], call: () => admin.resetPasswordAction({ userId: UUID, password: "Long-enough-pw-2" }) },
        { name: "setActiveAction", allowed: ["admin"], call: () => admin.setActiveAction({ userId: UUID, active: false }) },
      ];
    }

    it("no session → UNAUTHENTICATED, a role without the capability → FORBIDDEN; nothing reaches WeChat or the trail", async () => {
      const usersBefore = (await h.db.select({ id: user.id }).from(user)).length;
      for (const { name, allowed, call } of await cases()) {
        const seq = h.t.sandbox.state.log.lastSeq;
        expect(await h.as(null, call), `${name} without a session`).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
        for (const role of (["agent", "supervisor", "admin"] as const).filter((candidate) => !allowed.includes(candidate))) {
          expect(await h.as(role, call), `${name} as ${role}`).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
        }
        expect(h.t.sandbox.state.log.list({ sinceSeq: seq }), `${name}: nothing sent`).toEqual([]);
      }
      expect(await h.db.select().from(trail)).toEqual([]);
      expect((await h.db.select({ id: user.id }).from(user)).length).toBe(usersBefore);
    });

    it("the order data route: 401 without a session, 403 for a role the console does not know, 200 for each role", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const get = () =>
        orderRoute.GET(new NextRequest(`http://localhost:3000/api/orders/demo-merchant/${no}`), {
          params: Promise.resolve({ profileId: "demo-merchant", outOrderNo: no! }),
        });
      const seq = h.t.sandbox.state.log.lastSeq;
      const anonymous = await h.as(null, get);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
      // An account whose stored role is none of the console's.
      const email = `guest-${randomUUID().slice(0, 8)}@demo.local`;
      await h.as("admin", () => admin.createUserAction({ email, name: "访客", role: "agent", password: "Long-enough-pw-3" }));
      await h.db.update(user).set({ role: "guest" }).where(eq(user.email, email));
      const guestCookie = await h.signIn(email, "Long-enough-pw-3");
      const guest = await h.asCookie(guestCookie, get);
      expect(guest.status).toBe(403);
      expect(await guest.json()).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
      expect(h.t.sandbox.state.log.list({ sinceSeq: seq })).toEqual([]);
      for (const role of ["agent", "supervisor", "admin"] as const) expect((await h.as(role, get)).status).toBe(200);
    });
  });
}
