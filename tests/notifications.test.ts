// WeChat Pay notifications end to end: the sandbox sends them (signed, encrypted with the identity's
// APIv3 key, retried on the real schedule scaled down) to the console's route, which verifies,
// decrypts, stores each once and tells the order's watchers; forged, stale and undecryptable ones
// change nothing and are logged without their body; an order event feeds drift detection.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { generateKeyPairSync } from "node:crypto";
import { seedOrderNumbers } from "@/server/sandbox/seed";
import { notification, trail } from "@/server/db/schema";
import { lowerFirstLine } from "./support/order-inputs";
import { startActionHarness, type ActionHarness } from "./support/action-harness";
import type { OrderEvent } from "@/server/notifications/bus";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let h: ActionHarness;
let receiver: Server;
let receiverUrl: string;
/** What the receiving server answers before handing the request to the console's route (to test retries). */
let failuresLeft = 0;
/** Every request the receiver got: status the console answered, and the raw request. */
const received: { status: number; body: string; headers: Record<string, string> }[] = [];
let route: typeof import("@/app/api/wechatpay/notify/[profileId]/route");
let bus: typeof import("@/server/notifications/bus");
let actions: typeof import("@/server/actions/orders");
let target: typeof import("@/server/orders/target");

beforeAll(async () => {
  h = await startActionHarness({ database: "pglite" });
  route = await import("@/app/api/wechatpay/notify/[profileId]/route");
  bus = await import("@/server/notifications/bus");
  actions = await import("@/server/actions/orders");
  target = await import("@/server/orders/target");
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const headers = Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, String(value)]));
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          received.push({ status: 503, body, headers });
          res.writeHead(503).end();
          return;
        }
        const profileId = decodeURIComponent((req.url ?? "").split("/").pop() ?? "");
        const answer = await route.POST(new Request(`http://localhost${req.url}`, { method: "POST", headers, body }), { params: Promise.resolve({ profileId }) });
        received.push({ status: answer.status, body, headers });
        res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
      })();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await h?.stop();
});

beforeEach(async () => {
  h.t.sandbox.state.reset();
  h.t.sandbox.state.notifier.settings = { baseUrl: receiverUrl, urls: {}, timeScale: 0.001 };
  received.length = 0;
  failuresLeft = 0;
  await h.db.execute(sql`delete from notification`);
  await h.db.execute(sql`delete from trail_event`);
  await h.db.delete(trail);
});

async function control(path: string, body: unknown = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${h.t.sandbox.url}/__sandbox/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("[NOTIFY] from the sandbox to the console", () => {
  it("the user confirms, the user pays: USER_CONFIRM and USER_PAID are each stored once and reach the order's watchers with the order", async () => {
    const [created] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "CREATED" });
    const [paying] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const events: OrderEvent[] = [];
    const stops = [created!, paying!].map((no) => bus.watchOrder({ profileId: "demo-merchant", subMchid: null, outOrderNo: no }, (event) => events.push(event)));
    try {
      expect((await control(`orders/${created}/confirm`)).status).toBe(200);
      await until(() => events.length, (n) => n === 1);
      expect(events[0]).toMatchObject({ eventType: "PAYSCORE.USER_CONFIRM", outOrderNo: created, order: { state: "DOING", state_description: "USER_CONFIRM" } });
      expect((await control(`orders/${paying}/pay`)).status).toBe(200);
      await until(() => events.length, (n) => n === 2);
      expect(events[1]).toMatchObject({ eventType: "PAYSCORE.USER_PAID", outOrderNo: paying, order: { state: "DONE", collection: { state: "USER_PAID" } } });
    } finally {
      for (const stop of stops) stop();
    }
    const rows = await h.db.select().from(notification);
    expect(rows.map((row) => `${row.outOrderNo}:${row.eventType}`).sort()).toEqual([`${created}:PAYSCORE.USER_CONFIRM`, `${paying}:PAYSCORE.USER_PAID`].sort());
    // The sandbox's log says each was delivered at the first attempt (it records the answer after the
    // console has already handed the event to its watchers: wait for the second record).
    const deliveries = await until(() => h.t.sandbox.state.notifier.list(), (list) => list.length === 2 && list.every((delivery) => delivery.state !== "sending"));
    expect(deliveries.map((delivery) => [delivery.event_type, delivery.state, delivery.attempts.length])).toEqual([
      ["PAYSCORE.USER_CONFIRM", "delivered", 1],
      ["PAYSCORE.USER_PAID", "delivered", 1],
    ]);
    expect(received.map((entry) => entry.status)).toEqual([204, 204]);
    expect(received[0]?.headers["wechatpay-signature-type"]).toBe("WECHATPAY2-SHA256-RSA2048");
  });

  it("a non-2xx answer is retried on the (scaled) schedule; a duplicate is answered 204 and stored once", async () => {
    const [no] = seedOrderNumbers({ mode: "partner", industry: "hotel", kind: "CREATED" });
    failuresLeft = 2;
    expect((await control(`orders/${no}/confirm?mode=partner`)).status).toBe(200);
    const deliveries = await until(() => h.t.sandbox.state.notifier.list({ out_order_no: no }), (list) => list[0]?.state === "delivered");
    expect(deliveries[0]?.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 204]);
    // WeChat sends it again (a duplicate): same id, new signature.
    const last = received.at(-1)!;
    const again = await route.POST(new Request("http://localhost/api/wechatpay/notify/demo-partner", { method: "POST", headers: last.headers, body: last.body }), {
      params: Promise.resolve({ profileId: "demo-partner" }),
    });
    expect(again.status).toBe(204);
    expect(await h.db.select().from(notification).where(eq(notification.outOrderNo, no!))).toHaveLength(1);
  });

  it("forged, stale, undecryptable and unknown-profile notifications are refused with FAIL, store nothing, and are logged without their body", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "CREATED" });
    // Capture one genuine notification without handing it to the console.
    h.t.sandbox.state.notifier.settings = { baseUrl: null, urls: { "demo-merchant": `${receiverUrl}/capture` }, timeScale: 0.001 };
    failuresLeft = 1;
    await control(`orders/${no}/confirm`);
    const genuine = await until(() => received[0], (entry) => entry !== undefined);
    h.t.sandbox.state.notifier.clear();
    await h.db.execute(sql`delete from notification`);
    const logged: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    try {
      const post = async (profileId: string, headers: Record<string, string>, body: string) => {
        const answer = await route.POST(new Request(`http://localhost/api/wechatpay/notify/${profileId}`, { method: "POST", headers, body }), { params: Promise.resolve({ profileId }) });
        return { status: answer.status, json: answer.status === 204 ? null : await answer.json() };
      };
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const { buildResponseMessage, signMessage } = await import("@/server/wechatpay/crypto");
      const forgedBody = genuine!.body.replace('"PAYSCORE.USER_CONFIRM"', '"PAYSCORE.USER_PAID"');
      const forged = { ...genuine!.headers, "wechatpay-signature": signMessage(buildResponseMessage(genuine!.headers["wechatpay-timestamp"]!, genuine!.headers["wechatpay-nonce"]!, forgedBody), privateKey) };
      expect(await post("demo-merchant", forged, forgedBody)).toEqual({ status: 401, json: { code: "FAIL", message: "signature" } });
      expect(await post("demo-merchant", genuine!.headers, forgedBody)).toEqual({ status: 401, json: { code: "FAIL", message: "signature" } });
      const staleTime = String(Number(genuine!.headers["wechatpay-timestamp"]) - 400);
      const stale = { ...genuine!.headers, "wechatpay-timestamp": staleTime };
      expect(await post("demo-merchant", stale, genuine!.body)).toEqual({ status: 401, json: { code: "FAIL", message: "signature" } });
      // The same notification at another profile: verified (one platform key), not decryptable with that profile's APIv3 key.
      expect(await post("demo-institution", genuine!.headers, genuine!.body)).toEqual({ status: 400, json: { code: "FAIL", message: "decrypt" } });
      expect(await post("no-such-profile", genuine!.headers, genuine!.body)).toEqual({ status: 404, json: { code: "FAIL", message: "unknown profile" } });
      expect((await post("demo-merchant", { ...genuine!.headers, "content-length": String(300 * 1024) }, genuine!.body)).status).toBe(413);
      // And the genuine one still goes through.
      expect((await post("demo-merchant", genuine!.headers, genuine!.body)).status).toBe(204);
    } finally {
      spy.mockRestore();
    }
    expect(await h.db.select().from(notification)).toHaveLength(1);
    expect(logged.length).toBeGreaterThanOrEqual(5);
    for (const line of logged) {
      expect(line).not.toContain("ciphertext");
      expect(line).not.toContain(genuine!.body.slice(0, 40));
    }
  });

  it("USER_PAID of an order changed behind the console's back feeds drift detection: an external change is recorded", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const order = (await target.queryOrder(target.resolveTarget("demo-merchant", null)!, no!)).order;
    expect(await h.as("agent", () => actions.modifyOrderAction(lowerFirstLine({ mode: "merchant", subMchid: null, industry: "hotel" }, no!, order, { lowerByFen: 100 })))).toMatchObject({ ok: true });
    const after = h.t.sandbox.state.store.findByOutOrderNo(no!)[0]!;
    const lines = (after.order.post_payments ?? []).map((line, index) => (index === 0 ? { ...line, amount: (line.amount ?? 0) - 1_000 } : line));
    expect((await control(`orders/${no}/amend`, { total_amount: (after.order.total_amount ?? 0) - 1_000, post_payments: lines })).status).toBe(200);
    expect((await control(`orders/${no}/pay`)).status).toBe(200);
    const rows = await until(
      () => h.db.select().from(trail).where(eq(trail.outOrderNo, no!)),
      (list) => list.some((row) => row.operation === "external"),
    );
    expect(rows.find((row) => row.operation === "external")).toMatchObject({ status: "succeeded", delta: -1_000, userName: "WeChat Pay" });
  });
});
