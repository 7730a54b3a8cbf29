// Several instances on one PostgreSQL, as users run the console behind a load balancer: a sandbox of
// the test's own, two production app processes sharing one database, and
// - simultaneous modifies of one order through the two processes → exactly one upstream write;
// - a session made on one process works on the other; sign-in limits are counted in the database;
// - both processes reconcile on a schedule, and every orphaned row is settled exactly once;
// - one process killed with SIGKILL mid-call: the other never settles the row "not applied" inside the
//   grace period, settles it after, and records the change as "applied late" when WeChat applies it.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Client } from "pg";
import { lowerFirstLine } from "../tests/support/order-inputs";
import { actionResultCode, postServerAction } from "./support/actions";
import { killHard, stopGracefully, type AppProcess } from "./support/app-process";
import { APP_PORT, DATA_DIR, DEMO_EMAIL, DEMO_PASSWORD } from "./support/env";
import { createPostgresDatabase, demoCookie, OwnSandbox, queryDatabase, readTrail, serving, snapshotOf, startFleetApp, type DatabaseSpec } from "./support/fleet";
import { demoOrder, type DemoOrder } from "./support/orders";

test.describe.configure({ mode: "serial" });

const SANDBOX_PORT = APP_PORT + 1201;
const PORTS = [APP_PORT + 201, APP_PORT + 202] as const;
// Short enough for a test: the grace period is 2 × timeout + 5 s = 9 s.
const TIMEOUT_MS = 2_000;
const GRACE_MS = TIMEOUT_MS * 2 + 5_000;
const ENV = { WECHATPAY_TIMEOUT_MS: String(TIMEOUT_MS), RECONCILE_INTERVAL_MS: "1000", AUTH_SIGN_IN_LIMIT: "40" };

let sandbox: OwnSandbox;
let database: { url: string; drop(): Promise<void> };
let spec: DatabaseSpec;
let apps: AppProcess[] = [];
let request: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  request = await playwright.request.newContext();
  sandbox = new OwnSandbox(SANDBOX_PORT, `${DATA_DIR}-fleet`);
  await sandbox.ready(request);
  database = await createPostgresDatabase();
  spec = { kind: "postgres", url: database.url };
  // One at a time: the second migrates nothing, and both find the demo users made by the first.
  apps = [startFleetApp(PORTS[0], sandbox, spec, ENV)];
  await serving(apps[0] as AppProcess, request);
  apps.push(startFleetApp(PORTS[1], sandbox, spec, ENV));
  await serving(apps[1] as AppProcess, request);
});

test.afterAll(async () => {
  for (const app of apps) await stopGracefully(app);
  await stopGracefully(sandbox.process);
  await database?.drop();
  await request?.dispose();
});

function urlOf(index: 0 | 1): string {
  return (apps[index] as AppProcess).url;
}

async function userContext(playwright: { request: { newContext(): Promise<APIRequestContext> } }, role: "agent" | "supervisor", appIndex: 0 | 1) {
  const context = await playwright.request.newContext();
  await demoCookie(context, urlOf(appIndex), role);
  return context;
}

function modifyInput(order: DemoOrder, basedOn: Parameters<typeof lowerFirstLine>[2], lowerByFen: number, reasonText: string) {
  return lowerFirstLine({ mode: order.mode, subMchid: order.sub, industry: "hotel" }, order.no, basedOn, { lowerByFen, reasonText });
}

test("[FLEET]: simultaneous modifies of one order through two processes → exactly one upstream write per round", async ({ playwright }) => {
  test.setTimeout(120_000);
  const order = demoOrder("DEMO-M-HOTEL-PAYING-1");
  const agent = await userContext(playwright, "agent", 0);
  const supervisor = await userContext(playwright, "supervisor", 1);
  try {
    const initial = await sandbox.order(request, order);
    for (let round = 0; round < 6; round += 1) {
      if (round % 2 === 1) await sandbox.addFault(request, { kind: "latency", latencyMs: 400, out_order_no: order.no, ops: ["modify"], times: 1 });
      const basedOn = await sandbox.order(request, order);
      const before = (await sandbox.writes(request, order.no)).length;
      const [a, s] = await Promise.all([
        postServerAction(agent, "server/actions/orders.ts", "modifyOrderAction", [modifyInput(order, basedOn, 100, `第${round}轮 A`)], { baseUrl: urlOf(0) }),
        postServerAction(supervisor, "server/actions/orders.ts", "modifyOrderAction", [modifyInput(order, basedOn, 200, `第${round}轮 B`)], { baseUrl: urlOf(1) }),
      ]);
      const codes = [actionResultCode(a.text), actionResultCode(s.text)].sort();
      expect((await sandbox.writes(request, order.no)).length - before, `round ${round}`).toBe(1);
      expect(codes[0], `round ${round}: ${codes.join(", ")}`).toBe("OK");
      expect(["ORDER_BUSY", "ORDER_CHANGED"]).toContain(codes[1]);
      if (round % 2 === 1) expect(codes[1], `round ${round}`).toBe("ORDER_BUSY");
    }
    const rows = (await readTrail(spec)).filter((row) => row.out_order_no === order.no);
    const succeeded = rows.filter((row) => row.status === "succeeded");
    expect(succeeded).toHaveLength(6);
    const final = await sandbox.order(request, order);
    expect(succeeded.reduce((sum, row) => sum + (row.delta ?? 0), 0)).toBe((final.total_amount ?? 0) - (initial.total_amount ?? 0));
  } finally {
    await agent.dispose();
    await supervisor.dispose();
  }
});

test("[FLEET]: a session made on one process works on the other; sign-in limits are shared", async ({ playwright }) => {
  const order = demoOrder("DEMO-M-HOTEL-PAYING-2");
  const context = await playwright.request.newContext();
  try {
    const cookie = await demoCookie(context, urlOf(0), "agent");
    // The same cookie on the other process.
    const onB = await snapshotOf(context, urlOf(1), cookie, order);
    expect(onB.ok).toBe(true);
    const signedOut = await context.get(`${urlOf(1)}/api/orders/demo-merchant/${order.no}`, { headers: { Cookie: "" } });
    expect(signedOut.status()).toBe(401);

    // Failed sign-ins for one address, alternating between the processes: the sixth is refused on
    // either, because the count lives in the database (5 failures per 15 minutes).
    const email = `nobody-${randomUUID().slice(0, 8)}@demo.local`;
    const attempt = (index: 0 | 1) => context.post(`${urlOf(index)}/api/auth/sign-in/email`, { data: { email, password: "wrong-password-1" }, headers: { Origin: urlOf(index) } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt((i % 2) as 0 | 1)).status());
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await attempt(0)).status()).toBe(429);
    // The real account is not locked out by it.
    expect((await context.post(`${urlOf(1)}/api/auth/sign-in/email`, { data: { email: DEMO_EMAIL.supervisor, password: DEMO_PASSWORD }, headers: { Origin: urlOf(1) } })).status()).toBe(200);
  } finally {
    await context.dispose();
  }
});

test("[FLEET]: both processes reconcile on a schedule; each orphaned row is settled exactly once", async () => {
  test.setTimeout(60_000);
  // Rows left pending by a process that died after sending (sent long ago): five whose change the
  // order shows (→ succeeded) and five whose change it does not (→ failed, "not applied").
  const orders = [3, 4, 5, 6, 7].map((n) => demoOrder(`DEMO-M-HOTEL-PAYING-${n}`));
  const ids: string[] = [];
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const [index, order] of orders.entries()) {
      const current = await sandbox.order(request, order);
      for (const applied of [true, false]) {
        const lines = (current.post_payments ?? []).map((line) => ({ ...line }));
        const body = applied
          ? { post_payments: lines, total_amount: current.total_amount, reason: "孤儿行" }
          : { post_payments: lines.map((line, i) => (i === 0 ? { ...line, amount: (line.amount ?? 0) - 1 } : line)), total_amount: (current.total_amount ?? 0) - 1, reason: "孤儿行" };
        const id = randomUUID();
        ids.push(id);
        await client.query(
          `insert into trail (id, idempotency_key, user_id, user_name, user_role, profile_id, mode, sub_mchid, out_order_no, operation, request_body,
             order_before, total_before, reason_category, reason_text, status, created_at, sent_at)
           values ($1, $2, 'orphan', '孤儿', 'agent', 'demo-merchant', 'merchant', null, $3, 'modify', $4, $5, $6, 'other', '孤儿行', 'pending',
             now() - interval '1 minute', now() - interval '1 minute')`,
          [id, `orphan-${index}-${applied}-${randomUUID()}`, order.no, JSON.stringify(body), JSON.stringify(current), current.total_amount],
        );
      }
    }
  } finally {
    await client.end();
  }
  await expect
    .poll(async () => (await readTrail(spec)).filter((row) => ids.includes(row.id) && row.status === "pending").length, { timeout: 30_000 })
    .toBe(0);
  const rows = (await readTrail(spec)).filter((row) => ids.includes(row.id));
  expect(rows.filter((row) => row.status === "succeeded")).toHaveLength(5);
  expect(rows.filter((row) => row.status === "failed")).toHaveLength(5);
  // Each row's settlement appears in exactly one process's log.
  const output = (apps[0] as AppProcess).output() + (apps[1] as AppProcess).output();
  for (const id of ids) expect(output.split(`[reconcile] settled ${id} `).length - 1, id).toBe(1);
});

test("[FLEET]: SIGKILL one process mid-call; the other settles the row only after the grace period, then catches the late application", async ({ playwright }) => {
  test.setTimeout(120_000);
  const order = demoOrder("DEMO-M-HOTEL-PAYING-8");
  const agent = await userContext(playwright, "agent", 0);
  try {
    const basedOn = await sandbox.order(request, order);
    // WeChat holds the request 16 s before applying it: past the client's timeout and the grace period.
    await sandbox.addFault(request, { kind: "latency", latencyMs: 16_000, latencyPhase: "before", out_order_no: order.no, ops: ["modify"], times: 1 });
    const inFlight = postServerAction(agent, "server/actions/orders.ts", "modifyOrderAction", [modifyInput(order, basedOn, 100, "杀进程测试")], {
      baseUrl: urlOf(0),
      timeoutMs: 30_000,
    }).catch(() => null);
    await expect.poll(async () => (await sandbox.writes(request, order.no)).length, { timeout: 10_000 }).toBe(1);
    killHard(apps[0] as AppProcess);
    await (apps[0] as AppProcess).exited;
    await inFlight;

    const [row] = (await readTrail(spec)).filter((entry) => entry.out_order_no === order.no);
    expect(row).toMatchObject({ status: "pending" });
    const sentAt = row?.sent_at?.getTime() ?? 0;
    expect(sentAt).toBeGreaterThan(0);
    // The survivor reconciles every second; inside the grace period the row stays as it is.
    while (Date.now() < sentAt + GRACE_MS - 1_500) {
      const [current] = (await readTrail(spec)).filter((entry) => entry.id === row?.id);
      expect(current?.status, `${Date.now() - sentAt} ms after sending`).toBe("pending");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // After it: settled "not applied", by the survivor — WeChat has not applied it yet.
    await expect.poll(async () => (await readTrail(spec)).find((entry) => entry.id === row?.id)?.status, { timeout: 10_000 }).toBe("failed");
    const [settled] = (await readTrail(spec)).filter((entry) => entry.id === row?.id);
    expect(settled?.reconcile_note).toBe("reconciled: the order does not show the modify; it was not applied");
    expect((settled?.reconciled_at?.getTime() ?? 0) - sentAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect((await sandbox.order(request, order)).total_amount).toBe(basedOn.total_amount);

    // WeChat applies it at 16 s; the survivor's next round over watched rows records it.
    await expect
      .poll(async () => (await queryDatabase<{ kind: string; delta: number }>(spec, `select kind, delta from trail_event where trail_id = '${row?.id}'`)).map((event) => `${event.kind}:${event.delta}`), {
        timeout: 20_000,
      })
      .toEqual(["applied_late:-100"]);
    expect((await sandbox.order(request, order)).total_amount).toBe((basedOn.total_amount ?? 0) - 100);
    // The record itself is untouched, and no external change was invented for it.
    const after = (await readTrail(spec)).filter((entry) => entry.out_order_no === order.no);
    expect(after.map((entry) => `${entry.operation}:${entry.status}`)).toEqual(["modify:failed"]);
    expect((apps[1] as AppProcess).output()).toContain(`[reconcile] settled ${row?.id} (${order.no}) as failed`);
  } finally {
    await agent.dispose();
  }
});
