// Four-eyes approval through the server actions with real sessions, on one database kind: a change
// the policy names waits (nothing sent, the order held), a second person approves (one call, both
// named) or rejects (with a comment), the maker may withdraw, a stale request is not sent, nobody
// approves their own, two approvals at once make one call. The sandbox's request log is the arbiter.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { TServiceOrder } from "@/lib/payscore/order";
import { DEMO_POLICY } from "@/lib/approvals/policy";
import { seedOrderNumbers } from "@/server/sandbox/seed";
import { trail } from "@/server/db/schema";
import { lowerFirstLine, type OrderRef } from "./order-inputs";
import { startActionHarness, type ActionHarness } from "./action-harness";

export function defineApprovalsSuite(database: "pglite" | "postgres"): void {
  let h: ActionHarness;
  let orders: typeof import("@/server/actions/orders");
  let approvals: typeof import("@/server/actions/approvals");
  let admin: typeof import("@/server/actions/admin-users");
  let policies: typeof import("@/server/approvals/policies");
  let requests: typeof import("@/server/approvals/requests");
  let target: typeof import("@/server/orders/target");
  /** A second supervisor, to approve each other's requests. */
  let supervisor2: string;

  beforeAll(async () => {
    h = await startActionHarness({ database });
    orders = await import("@/server/actions/orders");
    approvals = await import("@/server/actions/approvals");
    admin = await import("@/server/actions/admin-users");
    policies = await import("@/server/approvals/policies");
    requests = await import("@/server/approvals/requests");
    target = await import("@/server/orders/target");
    const email = `supervisor2-${randomUUID().slice(0, 6)}@demo.local`;
    expect(await h.as("admin", () => admin.createUserAction({ email, name: "第二主管", role: "supervisor", password: "Second-Supervisor-1" }))).toMatchObject({ ok: true });
    supervisor2 = await h.signIn(email, "Second-Supervisor-1");
    await policies.savePolicy(h.db, { id: "test", name: "test" }, { profileId: "demo-merchant", subMchid: "" }, DEMO_POLICY);
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

  const hotel: OrderRef = { mode: "merchant", subMchid: null, industry: "hotel" };

  async function current(no: string): Promise<TServiceOrder> {
    return (await target.queryOrder(target.resolveTarget("demo-merchant", null)!, no)).order;
  }

  function writes(no: string) {
    return h.t.sandbox.state.log.list({ out_order_no: no }).filter((entry) => entry.op === "modify");
  }

  /** A modify lowering the order by `fen` (¥300 is over the demo policy's ¥200). */
  async function request(role: "agent" | "supervisor", no: string, fen = 30_000) {
    const basedOn = await current(no);
    return h.as(role, () => orders.modifyOrderAction(lowerFirstLine(hotel, no, basedOn, { lowerByFen: fen, reasonText: "大额减免" })));
  }

  describe(`[APPROVAL][${database}] a change above the policy waits for a second person`, () => {
    it("waits with nothing sent and the order held; approved by a supervisor, the call is made once and the row names maker and checker", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const before = await current(no!);
      const result = await request("agent", no!);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      expect(result.data).toMatchObject({
        status: "awaiting_approval",
        totalBefore: before.total_amount,
        totalAfter: (before.total_amount ?? 0) - 30_000,
        approvalReasons: [
          { rule: "reduction_amount", limit: 20_000, actual: 30_000 },
          { rule: "reduction_percent", limit: 50, actual: Math.ceil((30_000 * 1000) / (before.total_amount ?? 1)) / 10 },
        ],
      });
      expect(writes(no!)).toEqual([]);
      // The order is held: a small change by someone else is refused, naming the waiting request.
      expect(await request("supervisor", no!, 100)).toMatchObject({ ok: false, error: { code: "ORDER_BUSY", heldBy: { name: "演示客服", status: "awaiting_approval" } } });
      expect(writes(no!)).toEqual([]);

      const approved = await h.as("supervisor", () => approvals.approveRequestAction({ trailId: result.data.trailId }));
      expect(approved).toMatchObject({ ok: true, data: { status: "succeeded", totalAfter: (before.total_amount ?? 0) - 30_000 } });
      expect(writes(no!)).toHaveLength(1);
      const [row] = await h.db.select().from(trail).where(eq(trail.id, result.data.trailId));
      expect(row).toMatchObject({ status: "succeeded", userName: "演示客服", decidedByName: "演示主管", inflightKey: null });
      expect((await current(no!)).total_amount).toBe((before.total_amount ?? 0) - 30_000);
      // Decided: a second approval is told so and sends nothing.
      expect(await h.asCookie(supervisor2, () => approvals.approveRequestAction({ trailId: result.data.trailId }))).toMatchObject({
        ok: false,
        error: { code: "ALREADY_DECIDED", reason: "succeeded" },
      });
      expect(writes(no!)).toHaveLength(1);
    });

    it("a change under the policy goes straight through", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      expect(await request("agent", no!, 100)).toMatchObject({ ok: true, data: { status: "succeeded" } });
      expect(writes(no!)).toHaveLength(1);
    });

    it("reject needs a comment, frees the order, sends nothing; the maker sees the comment", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const result = await request("agent", no!);
      if (!result.ok) throw new Error("expected a request");
      expect(await h.as("supervisor", () => approvals.rejectRequestAction({ trailId: result.data.trailId, comment: "  " }))).toMatchObject({
        ok: false,
        error: { code: "INVALID_INPUT", issues: [{ path: ["comment"], code: "required" }] },
      });
      expect(await h.as("supervisor", () => approvals.rejectRequestAction({ trailId: result.data.trailId, comment: "减免依据不足" }))).toEqual({ ok: true, data: { trailId: result.data.trailId } });
      const [row] = await h.db.select().from(trail).where(eq(trail.id, result.data.trailId));
      expect(row).toMatchObject({ status: "rejected", decidedByName: "演示主管", decisionComment: "减免依据不足", inflightKey: null });
      expect(writes(no!)).toEqual([]);
      expect(await request("agent", no!, 100)).toMatchObject({ ok: true, data: { status: "succeeded" } });
    });

    it("nobody approves their own request: a supervisor's large change goes to another supervisor", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const result = await request("supervisor", no!);
      if (!result.ok) throw new Error("expected a request");
      expect(await h.as("supervisor", () => approvals.approveRequestAction({ trailId: result.data.trailId }))).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", reason: "own_request" },
      });
      expect(await h.as("supervisor", () => approvals.rejectRequestAction({ trailId: result.data.trailId, comment: "自己驳回" }))).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", reason: "own_request" },
      });
      expect(writes(no!)).toEqual([]);
      expect(await h.asCookie(supervisor2, () => approvals.approveRequestAction({ trailId: result.data.trailId }))).toMatchObject({ ok: true, data: { status: "succeeded" } });
      expect(writes(no!)).toHaveLength(1);
    });

    it("the order changed while the request waited (the user paid): approving finds it stale and sends nothing", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const result = await request("agent", no!);
      if (!result.ok) throw new Error("expected a request");
      const record = h.t.sandbox.state.store.findByOutOrderNo(no!)[0]!;
      const { payOrder } = await import("@/server/sandbox/operations");
      const paid = payOrder(record, new Date());
      if (!paid.ok) throw new Error(paid.message);
      h.t.sandbox.state.store.put(paid.record);
      const approved = await h.as("supervisor", () => approvals.approveRequestAction({ trailId: result.data.trailId }));
      expect(approved).toMatchObject({ ok: false, error: { code: "ORDER_CHANGED", reason: "stale", currentOrder: { state: "DONE" } } });
      expect(writes(no!)).toEqual([]);
      const [row] = await h.db.select().from(trail).where(eq(trail.id, result.data.trailId));
      expect(row).toMatchObject({ status: "failed", errorKind: "stale", decidedByName: "演示主管", reconcileNote: "approved, but the order changed while the request waited; nothing was sent" });
      // The request-time order stays its "before" (awaiting payment, its total); the order found at
      // approval is its "after"; nothing was applied, so no total after.
      expect(row?.totalBefore).toBe(record.order.total_amount);
      expect(row?.orderBefore).toMatchObject({ state: "DOING", collection: { state: "USER_PAYING" } });
      expect(row?.orderAfter).toMatchObject({ state: "DONE", collection: { state: "USER_PAID" } });
      expect(row?.totalAfter).toBeNull();
    });

    it("the maker may withdraw while it waits, nobody else; an expired request cannot be approved", async () => {
      const [a, b] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const first = await request("agent", a!);
      if (!first.ok) throw new Error("expected a request");
      expect(await h.as("supervisor", () => approvals.withdrawRequestAction({ trailId: first.data.trailId }))).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", reason: "not_maker" },
      });
      expect(await h.as("agent", () => approvals.withdrawRequestAction({ trailId: first.data.trailId }))).toEqual({ ok: true, data: { trailId: first.data.trailId } });
      expect(await h.as("supervisor", () => approvals.approveRequestAction({ trailId: first.data.trailId }))).toMatchObject({ ok: false, error: { code: "ALREADY_DECIDED", reason: "withdrawn" } });

      const second = await request("agent", b!);
      if (!second.ok) throw new Error("expected a request");
      await h.db.update(trail).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(trail.id, second.data.trailId));
      expect(await h.as("supervisor", () => approvals.approveRequestAction({ trailId: second.data.trailId }))).toMatchObject({ ok: false, error: { code: "ALREADY_DECIDED", reason: "expired" } });
      expect(await requests.expireRequests(h.db)).toBe(1);
      expect((await h.db.select().from(trail).where(eq(trail.id, second.data.trailId)))[0]).toMatchObject({ status: "expired", inflightKey: null });
      expect(writes(a!)).toEqual([]);
      expect(writes(b!)).toEqual([]);
    });

    it("two supervisors approve the same request at the same moment, 20 rounds: one upstream write per request", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      for (let round = 0; round < 20; round += 1) {
        // Each round on the demo order as seeded.
        h.t.sandbox.state.reset();
        await h.db.delete(trail);
        const result = await request("agent", no!);
        if (!result.ok || result.data.status !== "awaiting_approval") throw new Error(`round ${round}: ${JSON.stringify(result)}`);
        const [x, y] = await Promise.all([
          h.as("supervisor", () => approvals.approveRequestAction({ trailId: result.data.trailId })),
          h.asCookie(supervisor2, () => approvals.approveRequestAction({ trailId: result.data.trailId })),
        ]);
        expect(writes(no!), `round ${round}`).toHaveLength(1);
        expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
        expect(x.ok ? y : x).toMatchObject({ ok: false, error: { code: "ALREADY_DECIDED" } });
      }
    });
  });

  describe(`[APPROVAL][${database}] the approval actions refuse the wrong caller`, () => {
    it("agent and admin cannot approve or reject; admin cannot request; no session is refused", async () => {
      const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
      const result = await request("agent", no!);
      if (!result.ok) throw new Error("expected a request");
      const trailId = result.data.trailId;
      for (const role of ["agent", "admin"] as const) {
        expect(await h.as(role, () => approvals.approveRequestAction({ trailId }))).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
        expect(await h.as(role, () => approvals.rejectRequestAction({ trailId, comment: "x" }))).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
      }
      expect(await h.as(null, () => approvals.approveRequestAction({ trailId }))).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
      expect(await h.as(null, () => approvals.withdrawRequestAction({ trailId }))).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
      expect(await h.as("admin", () => approvals.withdrawRequestAction({ trailId }))).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
      const [other] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" }).slice(1);
      expect(await request("admin" as "agent", other!)).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
      expect(writes(no!)).toEqual([]);
      expect((await h.db.select().from(trail).where(eq(trail.id, trailId)))[0]?.status).toBe("awaiting_approval");
    });
  });
}
