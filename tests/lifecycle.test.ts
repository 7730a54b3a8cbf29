// Cancel and sync through the server actions, in the three modes: the trail row, the order WeChat
// then shows, the refusals before anything is sent, and an answer whose signature fails (applied all
// the same) settled by querying the order.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import { trail } from "@/server/db/schema";
import type { TServiceOrder } from "@/lib/payscore/order";
import { formatBeijingTime } from "@/lib/payscore/fields";
import { startActionHarness, type ActionHarness } from "./support/action-harness";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let h: ActionHarness;
let actions: typeof import("@/server/actions/orders");
let target: typeof import("@/server/orders/target");

beforeAll(async () => {
  h = await startActionHarness({ database: "pglite" });
  actions = await import("@/server/actions/orders");
  target = await import("@/server/orders/target");
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  h.t.sandbox.state.reset();
  await h.db.execute(sql`delete from trail_event`);
  await h.db.delete(trail);
});

const MODES = ["merchant", "partner", "institution"] as const;

function refOf(no: string) {
  const info = findSeedOrder(no);
  return { profileId: `demo-${info.mode}`, subMchid: info.sub_mchid ?? "", info };
}

async function current(no: string): Promise<TServiceOrder> {
  const { profileId, info } = refOf(no);
  return (await target.queryOrder(target.resolveTarget(profileId, info.sub_mchid)!, no)).order;
}

function lifecycleInput(no: string, basedOn: TServiceOrder, reasonText = "用户不再使用服务") {
  const { profileId, subMchid } = refOf(no);
  return { profileId, subMchid, outOrderNo: no, idempotencyKey: randomUUID(), basedOn, reasonCategory: "other" as const, reasonText, internalNote: "" };
}

function writes(no: string) {
  return h.t.sandbox.state.log.list({ out_order_no: no }).filter((entry) => entry.op === "cancel" || entry.op === "sync");
}

describe("[LIFECYCLE] cancel", () => {
  it.each(MODES)("%s: the order is REVOKED, the trail row succeeded with the order WeChat shows", async (mode) => {
    const [no] = seedOrderNumbers({ mode, industry: "hotel", kind: "READY" });
    const basedOn = await current(no!);
    const result = await h.as("agent", () => actions.cancelOrderAction(lifecycleInput(no!, basedOn)));
    expect(result).toMatchObject({ ok: true, data: { status: "succeeded", order: { state: "REVOKED" }, trailRow: { operation: "cancel", status: "succeeded" } } });
    expect(writes(no!)).toHaveLength(1);
    expect((writes(no!)[0]?.body as { reason: string }).reason).toBe("其他：用户不再使用服务");
    const [row] = await h.db.select().from(trail).where(eq(trail.outOrderNo, no!));
    expect(row).toMatchObject({ operation: "cancel", status: "succeeded", httpStatus: mode === "merchant" ? 200 : 204, inflightKey: null });
    expect((row?.orderAfter as TServiceOrder).state).toBe("REVOKED");
  });

  it("a paid order is refused before anything is sent; an empty reason is a field error", async () => {
    const [paid] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAID" });
    const basedOn = await current(paid!);
    expect(await h.as("agent", () => actions.cancelOrderAction(lifecycleInput(paid!, basedOn)))).toEqual({ ok: false, error: { code: "STATE_NOT_ALLOWED", reason: "paid" } });
    expect(await h.as("agent", () => actions.cancelOrderAction(lifecycleInput(paid!, basedOn, " ")))).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["reasonText"], code: "required" }] },
    });
    expect(writes(paid!)).toHaveLength(0);
    expect(await h.db.select().from(trail)).toEqual([]);
  });

  it("an answer with a bad signature on a cancel WeChat applied: settled succeeded by querying the order", async () => {
    const [no] = seedOrderNumbers({ mode: "partner", industry: "hotel", kind: "CREATED" });
    h.t.sandbox.state.faults.add({ kind: "bad_signature", commit: true, out_order_no: no!, ops: ["cancel"], times: 1 });
    const basedOn = await current(no!);
    const result = await h.as("supervisor", () => actions.cancelOrderAction(lifecycleInput(no!, basedOn)));
    expect(result).toMatchObject({ ok: true, data: { order: { state: "REVOKED" } } });
    const [row] = await h.db.select().from(trail).where(eq(trail.outOrderNo, no!));
    expect(row).toMatchObject({ status: "succeeded", errorKind: "signature_invalid", reconcileNote: "reconciled: the order shows the cancel as applied" });
  });
});

describe("[LIFECYCLE] sync", () => {
  it.each(MODES)("%s: the order becomes DONE / USER_PAID with a merchant-channel payment at the time given", async (mode) => {
    const [no] = seedOrderNumbers({ mode, industry: "hotel", kind: "PAYING" });
    const basedOn = await current(no!);
    const paidAt = formatBeijingTime(new Date(Date.now() - 3_600_000)).replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, "$1-$2-$3T$4:$5");
    const result = await h.as("agent", () => actions.syncOrderAction({ ...lifecycleInput(no!, basedOn, "用户线下转账"), paidAt }));
    expect(result).toMatchObject({ ok: true, data: { order: { state: "DONE", collection: { state: "USER_PAID" } }, trailRow: { operation: "sync" } } });
    const body = writes(no!)[0]?.body as { type: string; detail: { paid_time: string } };
    expect(body.type).toBe("Order_Paid");
    expect(body.detail.paid_time).toBe(`${paidAt.replace(/[-T:]/g, "")}00`);
  });

  it("refused before sending: a time in the future, no time, an order not completed", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const basedOn = await current(no!);
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(await h.as("agent", () => actions.syncOrderAction({ ...lifecycleInput(no!, basedOn), paidAt: future }))).toMatchObject({
      ok: false,
      error: { code: "RULE_VIOLATION", issues: [{ path: ["paidAt"], code: "time_in_future" }] },
    });
    expect(await h.as("agent", () => actions.syncOrderAction({ ...lifecycleInput(no!, basedOn), paidAt: "" }))).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["paidAt"], code: "required" }] },
    });
    const [ready] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "READY" });
    const readyOrder = await current(ready!);
    expect(await h.as("agent", () => actions.syncOrderAction({ ...lifecycleInput(ready!, readyOrder), paidAt: "2026-12-01" }))).toEqual({
      ok: false,
      error: { code: "STATE_NOT_ALLOWED", reason: "not_completed" },
    });
    expect(writes(no!)).toHaveLength(0);
    expect(writes(ready!)).toHaveLength(0);
  });

  it("the new actions refuse the wrong caller: no session, admin", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const input = lifecycleInput(no!, await current(no!));
    for (const call of [() => actions.cancelOrderAction(input), () => actions.syncOrderAction({ ...input, paidAt: "2026-12-01" })]) {
      expect(await h.as(null, call)).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
      expect(await h.as("admin", call)).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(writes(no!)).toHaveLength(0);
  });
});
