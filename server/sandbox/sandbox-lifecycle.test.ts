// The sandbox's cancel, sync and query-by-query_id (Decisions 19, 20, 22), over signed HTTP in the
// three modes: what each state allows, what each mode answers, and what the order becomes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import { control, obj, postOp, queryOrder, queryPath, signedCall, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import { formatBeijingTime } from "@/lib/payscore/fields";

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  await control(t, "POST", "/__sandbox/reset");
});

const MODES = ["merchant", "partner", "institution"] as const;
const first = (mode: (typeof MODES)[number], kind: "CREATED" | "READY" | "PAYING" | "PAID" | "REVOKED" | "EXPIRED") => {
  const no = seedOrderNumbers({ mode, industry: "hotel", kind })[0];
  if (!no) throw new Error(`no ${mode} ${kind}`);
  return no;
};
const order = async (no: string) => obj((await queryOrder(t, no)).json);

describe("[SANDBOX][CANCEL] Decision 19", () => {
  it.each(MODES)("%s: CREATED, confirmed and completed-unpaid orders can be cancelled → REVOKED; merchant answers its identity, the others 204", async (mode) => {
    for (const kind of ["CREATED", "READY", "PAYING"] as const) {
      const no = first(mode, kind);
      const result = await postOp(t, no, "cancel", { reason: "用户取消服务" });
      if (mode === "merchant") {
        expect(result.status).toBe(200);
        const info = findSeedOrder(no);
        expect(result.json).toEqual({ appid: info.appid, mchid: info.mchid, out_order_no: no, service_id: info.service_id, order_id: (await order(no)).order_id });
      } else {
        expect(result.status).toBe(204);
        expect(result.text).toBe("");
      }
      expect(result.signatureValid).toBe(true);
      const after = await order(no);
      expect(after.state).toBe("REVOKED");
      expect(after.state_description).toBeUndefined();
    }
  });

  it.each(MODES)("%s: paid, revoked and expired orders are refused INVALID_ORDER_STATE, as is a cancel during a deduction", async (mode) => {
    for (const kind of ["PAID", "REVOKED", "EXPIRED"] as const) {
      const result = await postOp(t, first(mode, kind), "cancel", { reason: "用户取消服务" });
      expect(result.status).toBe(400);
      expect(obj(result.json).code).toBe("INVALID_ORDER_STATE");
    }
    const paying = first(mode, "PAYING");
    const info = findSeedOrder(paying);
    await control(t, "POST", `/__sandbox/orders/${mode}/${info.sub_mchid ?? info.mchid}/${paying}/deducting`, { deducting: true });
    const during = await postOp(t, paying, "cancel", { reason: "用户取消服务" });
    expect(obj(during.json)).toMatchObject({ code: "INVALID_ORDER_STATE", message: "单据正在扣款中，请稍后再试" });
  });

  it("reason is required and at most 50 characters; an unknown field is refused", async () => {
    const no = first("partner", "CREATED");
    expect(obj((await postOp(t, no, "cancel", { reason: "" })).json)).toMatchObject({ code: "PARAM_ERROR" });
    expect(obj((await postOp(t, no, "cancel", { reason: "退".repeat(51) })).json)).toMatchObject({ code: "PARAM_ERROR", detail: { field: "reason" } });
    expect((await postOp(t, no, "cancel", { reason: "退".repeat(50) })).status).toBe(204);
    expect(obj((await postOp(t, first("merchant", "CREATED"), "cancel", { reason: "x", device: {} })).json)).toMatchObject({ code: "PARAM_ERROR" });
  });
});

describe("[SANDBOX][SYNC] Decision 20", () => {
  const now = () => formatBeijingTime(new Date());
  it.each(MODES)("%s: a completed, unpaid order becomes DONE / USER_PAID with one MCH payment; merchant answers the order, the others 204", async (mode) => {
    const no = first(mode, "PAYING");
    const before = await order(no);
    const paidTime = now();
    const result = await postOp(t, no, "sync", { type: "Order_Paid", detail: { paid_time: paidTime } });
    expect(result.status).toBe(mode === "merchant" ? 200 : 204);
    const after = await order(no);
    if (mode === "merchant") expect(result.json).toEqual(after);
    const total = before.total_amount as number;
    expect(after).toMatchObject({ state: "DONE", collection: { state: "USER_PAID", total_amount: total, paying_amount: 0, paid_amount: total } });
    expect((obj(after.collection).details as unknown[]).at(-1)).toMatchObject({ amount: total, paid_type: "MCH", paid_time: paidTime });
  });

  it("only DOING + MCH_COMPLETE unpaid; type must be Order_Paid; paid_time a real time, not in the future; the day form means 00:00:00", async () => {
    expect(obj((await postOp(t, first("merchant", "READY"), "sync", { type: "Order_Paid", detail: { paid_time: now() } })).json)).toMatchObject({ code: "INVALID_ORDER_STATE" });
    expect(obj((await postOp(t, first("merchant", "PAID"), "sync", { type: "Order_Paid", detail: { paid_time: now() } })).json)).toMatchObject({ code: "INVALID_ORDER_STATE" });
    const no = first("merchant", "PAYING");
    expect(obj((await postOp(t, no, "sync", { type: "Order_Refund", detail: { paid_time: now() } })).json)).toMatchObject({ code: "PARAM_ERROR" });
    expect(obj((await postOp(t, no, "sync", { type: "Order_Paid", detail: { paid_time: "20261399120000" } })).json)).toMatchObject({ code: "PARAM_ERROR" });
    const tomorrow = formatBeijingTime(new Date(Date.now() + 86_400_000));
    expect(obj((await postOp(t, no, "sync", { type: "Order_Paid", detail: { paid_time: tomorrow } })).json)).toMatchObject({ code: "PARAM_ERROR", detail: { issue: "time_in_future" } });
    const today = now().slice(0, 8);
    expect((await postOp(t, no, "sync", { type: "Order_Paid", detail: { paid_time: today } })).status).toBe(200);
    expect((obj((await order(no)).collection).details as { paid_time: string }[]).at(-1)?.paid_time).toBe(`${today}000000`);
  });

  it("partner: paid_amount, when sent, must equal what is still owed", async () => {
    const no = first("partner", "PAYING");
    const owed = obj((await order(no)).collection).paying_amount as number;
    expect(obj((await postOp(t, no, "sync", { type: "Order_Paid", detail: { paid_time: now(), paid_amount: owed - 1 } })).json)).toMatchObject({
      code: "PARAM_ERROR",
      detail: { field: "detail.paid_amount" },
    });
    expect((await postOp(t, no, "sync", { type: "Order_Paid", detail: { seq: 1, paid_time: now(), paid_amount: owed } })).status).toBe(204);
  });

  it("a sync is not a payment through WeChat: no notification is sent for it", async () => {
    await control(t, "POST", "/__sandbox/notify", { baseUrl: "http://127.0.0.1:9" });
    await postOp(t, first("merchant", "PAYING"), "sync", { type: "Order_Paid", detail: { paid_time: now() } });
    expect(obj((await control(t, "GET", "/__sandbox/notifications")).json).notifications).toEqual([]);
  });
});

describe("[SANDBOX][QUERY] by query_id (Decision 22)", () => {
  it.each(MODES)("%s: query_id (WeChat's order_id) finds the order; both or neither → 400; another identity's → 404", async (mode) => {
    const no = first(mode, "PAYING");
    const info = findSeedOrder(no);
    const byNo = await order(no);
    const orderId = byNo.order_id as string;
    const withId = queryPath(info).replace(`out_order_no=${encodeURIComponent(no)}`, `query_id=${orderId}`);
    const found = await signedCall(t, { method: "GET", path: withId, mchid: info.mchid });
    expect(found.status).toBe(200);
    expect(found.json).toEqual(byNo);
    const both = await signedCall(t, { method: "GET", path: `${queryPath(info)}&query_id=${orderId}`, mchid: info.mchid });
    expect(obj(both.json)).toMatchObject({ code: "PARAM_ERROR" });
    const neither = await signedCall(t, { method: "GET", path: queryPath(info).replace(/&out_order_no=[^&]*/, ""), mchid: info.mchid });
    expect(obj(neither.json)).toMatchObject({ code: "PARAM_ERROR" });
    const other = findSeedOrder(first(mode === "merchant" ? "partner" : "merchant", "PAYING"));
    const otherId = obj((await queryOrder(t, other.out_order_no)).json).order_id as string;
    const foreign = await signedCall(t, { method: "GET", path: queryPath(info).replace(`out_order_no=${encodeURIComponent(no)}`, `query_id=${otherId}`), mchid: info.mchid });
    expect(foreign.status).toBe(404);
  });
});
