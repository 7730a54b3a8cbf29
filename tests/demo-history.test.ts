// The sandbox-mode demo history (issue #13 §4): enough of a month to look lived in, consistent with
// what the sandbox holds (opening a historic order records no drift), written once, and its open
// approval requests can really be decided.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, like, sql } from "drizzle-orm";
import { INDUSTRY_IDS } from "@/lib/industries";
import { REASON_CATEGORIES } from "@/lib/orders/reasons";
import { trail, trailReview, user } from "@/server/db/schema";
import { startActionHarness, type ActionHarness } from "./support/action-harness";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let h: ActionHarness;
let written = 0;

beforeAll(async () => {
  h = await startActionHarness({ database: "pglite", sandboxHistory: true });
  const { seedDemoHistory } = await import("@/server/demo/history");
  const { getAuth } = await import("@/server/auth");
  const [reviewer] = await h.db.select({ id: user.id, name: user.name }).from(user).where(eq(user.email, "supervisor@demo.local"));
  const { queryOrder, resolveTarget } = await import("@/server/orders/target");
  written = await seedDemoHistory(h.db, await getAuth(), reviewer!, async (order) => (await queryOrder(resolveTarget(order.identity.id, order.sub_mchid)!, order.out_order_no)).order);
});

afterAll(async () => {
  await h?.stop();
});

describe("[DEMO] history", () => {
  it("≥ 300 trail rows over the last 30 days: three modes, every industry, several people, every reason, flagged, external, open requests", async () => {
    expect(written).toBeGreaterThanOrEqual(300);
    const rows = await h.db.select().from(trail).where(like(trail.idempotencyKey, "demo-history:%"));
    expect(rows).toHaveLength(written);
    const ages = rows.map((row) => Date.now() - row.createdAt.getTime());
    expect(Math.max(...ages)).toBeLessThanOrEqual(30 * 86_400_000);
    expect(Math.max(...ages)).toBeGreaterThan(25 * 86_400_000);
    expect(new Set(rows.map((row) => row.mode))).toEqual(new Set(["merchant", "partner", "institution"]));
    const industries = new Set(rows.map((row) => row.outOrderNo.split("-")[2]));
    expect(industries.size).toBe(INDUSTRY_IDS.length);
    expect(new Set(rows.filter((row) => row.userRole !== "system").map((row) => row.userName)).size).toBeGreaterThanOrEqual(4);
    for (const category of REASON_CATEGORIES) expect(rows.some((row) => row.reasonCategory === category), category).toBe(true);
    expect(rows.filter((row) => row.operation === "external").length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((row) => row.status === "awaiting_approval").length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((row) => row.status === "failed").length).toBeGreaterThanOrEqual(3);
    const reviews = await h.db.select().from(trailReview);
    expect(reviews.filter((review) => review.state === "flagged").length).toBeGreaterThanOrEqual(3);
    expect(reviews.filter((review) => review.state === "reviewed").length).toBeGreaterThanOrEqual(50);
  });

  it("is written once", async () => {
    const { seedDemoHistory } = await import("@/server/demo/history");
    const { getAuth } = await import("@/server/auth");
    expect(await seedDemoHistory(h.db, await getAuth(), { id: "x", name: "x" }, async () => ({}))).toBe(0);
  });

  it("WeChat (the sandbox) agrees with the trail: opening historic orders records no external change", async () => {
    const { loadOrderSnapshot } = await import("@/server/orders/snapshot");
    const { resolveTarget } = await import("@/server/orders/target");
    const orders = await h.db.selectDistinct({ profileId: trail.profileId, subMchid: trail.subMchid, outOrderNo: trail.outOrderNo }).from(trail).where(like(trail.idempotencyKey, "demo-history:%"));
    const before = await h.db.select({ n: sql<number>`count(*)::int` }).from(trail);
    for (const order of orders.slice(0, 60)) {
      const result = await loadOrderSnapshot(resolveTarget(order.profileId, order.subMchid)!, order.outOrderNo);
      expect(result.ok, order.outOrderNo).toBe(true);
    }
    expect((await h.db.select({ n: sql<number>`count(*)::int` }).from(trail))[0]?.n).toBe(before[0]?.n);
  });

  it("an open demo request can be approved by a supervisor who is not its maker: the call is made", async () => {
    const approvals = await import("@/server/actions/approvals");
    const [request] = await h.db.select().from(trail).where(eq(trail.status, "awaiting_approval")).limit(1);
    if (!request) throw new Error("no open request");
    const checker = request.userName === "演示主管" ? null : "supervisor";
    if (!checker) return;
    const result = await h.as("supervisor", () => approvals.approveRequestAction({ trailId: request.id }));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { status: "succeeded", totalAfter: request.totalAfter } });
    expect(h.t.sandbox.state.log.list({ out_order_no: request.outOrderNo }).filter((entry) => entry.op === "modify")).toHaveLength(1);
  });
});
