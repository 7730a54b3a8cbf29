// Fault injection: each kind, global and per order, "once"/"times", and the promise that a failed
// operation leaves the order alone (latency aside: the operation runs, the answer waits).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findSeedOrder } from "@/server/sandbox/seed";
import { control, obj, postOp, queryOrder, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";

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

const modifyBody = (amount: number) => ({
  post_payments: [{ name: "酒店房费", amount, description: "豪华大床房1晚" }],
  total_amount: amount,
  reason: "协商减免",
});

async function addFault(fault: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await control(t, "POST", "/__sandbox/faults", fault);
  expect(result.status).toBe(201);
  return obj(obj(result.json).fault);
}

async function storedTotal(outOrderNo: string): Promise<number> {
  const result = await control(t, "GET", `/__sandbox/orders/${outOrderNo}`);
  return obj(obj(obj(result.json).order).order).total_amount as number;
}

describe("faults", () => {
  it("a fault whose text fields are objects with a `length` is refused with 400, not a crash", async () => {
    // JSON can spell an object that cannot become a number: the length checks must not run on it.
    const hostileLength = { length: { toString: 1, valueOf: 1 } };
    for (const fault of [
      { kind: "system_error", out_order_no: hostileLength },
      { kind: "system_error", ops: hostileLength },
      { kind: "system_error", modes: hostileLength },
    ]) {
      const result = await control(t, "POST", "/__sandbox/faults", fault);
      expect(result.status).toBe(400);
      expect(obj(result.json).code).toBe("BAD_REQUEST");
    }
    expect(obj((await control(t, "GET", "/__sandbox/faults")).json).faults).toEqual([]);
  });

  it("system_error: signed 500 SYSTEM_ERROR, order unchanged", async () => {
    await addFault({ kind: "system_error" });
    const result = await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000));
    expect(result.status).toBe(500);
    expect(obj(result.json).code).toBe("SYSTEM_ERROR");
    expect(result.signatureValid).toBe(true);
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(45800);
  });

  it("rate_limited: 429 FREQUENCY_LIMITED, and `once` applies to one request only", async () => {
    await addFault({ kind: "rate_limited", once: true });
    const first = await queryOrder(t, "DEMO-M-HOTEL-PAYING-1");
    expect(first.status).toBe(429);
    expect(obj(first.json).code).toBe("FREQUENCY_LIMITED");
    expect((await queryOrder(t, "DEMO-M-HOTEL-PAYING-1")).status).toBe(200);
    expect(obj((await control(t, "GET", "/__sandbox/faults")).json).faults).toEqual([]);
  });

  it("times: N requests, then gone", async () => {
    await addFault({ kind: "system_error", times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await queryOrder(t, "DEMO-M-HOTEL-PAYING-1")).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it("bad_signature: the answer does not verify and the order is unchanged; with commit the order changes", async () => {
    await addFault({ kind: "bad_signature", once: true });
    const result = await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000));
    expect(result.status).toBe(200);
    expect(result.signatureValid).toBe(false);
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(45800);

    await addFault({ kind: "bad_signature", once: true, commit: true });
    const committed = await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000));
    expect(committed.signatureValid).toBe(false);
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(40000);
  });

  it("unsigned_error: an error answer with no Wechatpay-* header (default 400 INVALID_ORDER_STATE, settable); with commit the order changes", async () => {
    await addFault({ kind: "unsigned_error", once: true });
    const result = await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000));
    expect(result.status).toBe(400);
    expect(obj(result.json)).toEqual({ code: "INVALID_ORDER_STATE", message: "订单状态不正确" });
    expect(result.signatureValid).toBe(false);
    expect(result.headers.get("wechatpay-signature")).toBeNull();
    expect(result.headers.get("wechatpay-serial")).toBeNull();
    expect(result.headers.get("request-id")).toMatch(/./);
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(45800);

    await addFault({ kind: "unsigned_error", once: true, commit: true, status: 500, code: "SYSTEM_ERROR", message: "系统繁忙" });
    const committed = await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000));
    expect(committed.status).toBe(500);
    expect(obj(committed.json)).toEqual({ code: "SYSTEM_ERROR", message: "系统繁忙" });
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(40000);
  });

  it("amend (control API): changes an order behind the console's back — total and lines, no signature", async () => {
    const lines = [{ name: "酒店房费", amount: 30000, description: "豪华大床房1晚" }];
    const result = await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-PAYING-1/amend", { total_amount: 30000, post_payments: lines });
    expect(result.status).toBe(200);
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(30000);
    const order = obj((await queryOrder(t, "DEMO-M-HOTEL-PAYING-1")).json);
    expect(order).toMatchObject({ total_amount: 30000, post_payments: lines, collection: { total_amount: 30000, paying_amount: 30000 } });
    expect((await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-PAYING-1/amend", { total_amount: -1 })).status).toBe(400);
    expect((await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-READY-1/amend", { total_amount: 100 })).status).toBe(409);
  });

  it("malformed_body: signed, status 200, not JSON; order unchanged", async () => {
    await addFault({ kind: "malformed_body", out_order_no: "DEMO-P-HOTEL-PAYING-1" });
    const result = await postOp(t, "DEMO-P-HOTEL-PAYING-1", "modify", modifyBody(40000));
    expect(result.status).toBe(200);
    expect(result.signatureValid).toBe(true);
    expect(result.json).toBeNull();
    expect(result.text).toContain("<html>");
    expect(await storedTotal("DEMO-P-HOTEL-PAYING-1")).toBe(45800);
  });

  it("drop_connection: no answer, order unchanged; with commit the order changes", async () => {
    await addFault({ kind: "drop_connection", once: true });
    await expect(postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000))).rejects.toThrow();
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(45800);

    await addFault({ kind: "drop_connection", once: true, commit: true });
    await expect(postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000))).rejects.toThrow();
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(40000);
    const log = obj((await control(t, "GET", "/__sandbox/requests?op=modify")).json).requests as Record<string, unknown>[];
    expect(log.map((entry) => [entry.dropped, entry.status, entry.fault])).toEqual([
      [true, null, "drop_connection"],
      [true, null, "drop_connection"],
    ]);
  });

  it("latency (phase after, default): the order is already changed while the answer is held", async () => {
    await addFault({ kind: "latency", latencyMs: 800, out_order_no: "DEMO-M-HOTEL-PAYING-1" });
    const started = Date.now();
    const pending = postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(40000);
    const pendingLog = obj((await control(t, "GET", "/__sandbox/requests?out_order_no=DEMO-M-HOTEL-PAYING-1")).json).requests as Record<string, unknown>[];
    expect(pendingLog.at(-1)?.status).toBeNull();
    const result = await pending;
    expect(result.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    // Other orders are not delayed.
    const other = Date.now();
    expect((await queryOrder(t, "DEMO-M-HOTEL-PAYING-2")).status).toBe(200);
    expect(Date.now() - other).toBeLessThan(500);
  });

  it("latency: a client that gives up while waiting still finds the order changed; the log says so", async () => {
    await addFault({ kind: "latency", latencyMs: 600, once: true });
    const abort = new AbortController();
    const pending = postOp(t, "DEMO-P-HOTEL-PAYING-2", "modify", modifyBody(40000), { signal: abort.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    abort.abort();
    await expect(pending).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await storedTotal("DEMO-P-HOTEL-PAYING-2")).toBe(40000);
    const log = obj((await control(t, "GET", "/__sandbox/requests?op=modify")).json).requests as Record<string, unknown>[];
    expect(log.at(-1)).toMatchObject({ status: 204, clientClosed: true, dropped: false, fault: "latency" });
  });

  it("latency phase before: nothing changes until the delay has passed", async () => {
    await addFault({ kind: "latency", latencyMs: 600, latencyPhase: "before", ops: ["modify"] });
    const pending = postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(45800);
    expect((await pending).status).toBe(200);
    expect(await storedTotal("DEMO-M-HOTEL-PAYING-1")).toBe(40000);
  });

  it("per-order and per-op filters leave other requests alone; DELETE removes faults", async () => {
    const fault = await addFault({ kind: "system_error", out_order_no: "DEMO-M-HOTEL-PAYING-1", ops: ["modify"] });
    expect((await queryOrder(t, "DEMO-M-HOTEL-PAYING-1")).status).toBe(200);
    expect((await postOp(t, "DEMO-M-HOTEL-PAYING-2", "modify", modifyBody(40000))).status).toBe(200);
    expect((await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000))).status).toBe(500);
    expect((await control(t, "DELETE", `/__sandbox/faults/${String(fault.id)}`)).status).toBe(200);
    expect((await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000))).status).toBe(200);
    await addFault({ kind: "rate_limited", modes: ["partner"] });
    expect((await queryOrder(t, "DEMO-P-HOTEL-PAYING-1")).status).toBe(429);
    expect((await queryOrder(t, "DEMO-I-HOTEL-PAYING-1")).status).toBe(200);
    expect((await control(t, "DELETE", "/__sandbox/faults")).status).toBe(200);
    expect((await queryOrder(t, "DEMO-P-HOTEL-PAYING-1")).status).toBe(200);
  });

  it("refuses an invalid fault", async () => {
    expect((await control(t, "POST", "/__sandbox/faults", { kind: "explode" })).status).toBe(400);
    expect((await control(t, "POST", "/__sandbox/faults", { kind: "latency", latencyMs: -1 })).status).toBe(400);
  });

  it("reset clears faults", async () => {
    await addFault({ kind: "system_error" });
    await control(t, "POST", "/__sandbox/reset");
    expect((await queryOrder(t, findSeedOrder("DEMO-M-HOTEL-PAYING-1").out_order_no)).status).toBe(200);
  });
});
