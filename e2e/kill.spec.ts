// The trail loses nothing: a modify is in flight (the sandbox applied it and holds the answer),
// the app is killed with SIGKILL, started again, and the pending trail row is reconciled to what
// the sandbox's order really shows. A second app process on the same PGlite folder is refused.
import { rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { fenToInput } from "@/lib/orders/amount-form";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { OrderSnapshotResult } from "@/lib/orders/snapshot";
import { postServerAction } from "./support/actions";
import { killHard, signInApi, startApp, stopGracefully, waitUntilServing, type AppProcess } from "./support/app-process";
import { APP_PORT, DATA_DIR, SANDBOX_URL, SandboxControl } from "./support/env";

const ORDER = "DEMO-M-HOTEL-PAYING-7";
const PORT = APP_PORT + 101;
const KILL_DIR = `${DATA_DIR}-kill`;
const PGLITE_DIR = `${KILL_DIR}/pglite`;

test.describe.configure({ mode: "serial" });

test("[TRAIL][KILL]: kill -9 mid-call, restart, and the pending row is reconciled to the sandbox's real state", async ({ playwright }) => {
  test.setTimeout(180_000);
  rmSync(KILL_DIR, { recursive: true, force: true });
  const request = await playwright.request.newContext();
  const sandbox = new SandboxControl(request);
  const apps: AppProcess[] = [];
  try {
    let app = startApp(PORT, PGLITE_DIR);
    apps.push(app);
    await waitUntilServing(app, request);
    await signInApi(request, app.url, "agent");

    const snapshotResponse = await request.get(`${app.url}/api/orders/demo-merchant/${ORDER}`);
    const snapshot = (await snapshotResponse.json()) as OrderSnapshotResult;
    if (!snapshot.ok) throw new Error(`order query failed: ${JSON.stringify(snapshot.error)}`);
    const order: TServiceOrder = snapshot.snapshot.order;
    const payments = (order.post_payments ?? []).map((line) => ({
      name: line.name,
      amount: fenToInput(line.amount),
      description: line.description ?? "",
      count: line.count === undefined ? "" : String(line.count),
    }));
    const room = payments.find((line) => line.name === "酒店房费");
    if (!room) throw new Error("the demo order has no room line");
    room.amount = "88.00";
    const discounts = (order.post_discounts ?? []).map((line) => ({
      name: line.name ?? "",
      description: line.description ?? "",
      amount: fenToInput(line.amount),
      count: line.count === undefined ? "" : String(line.count),
    }));
    const expectedTotal = (order.post_payments ?? []).reduce((sum, line) => sum + (line.name === "酒店房费" ? 8800 : (line.amount ?? 0)), 0) -
      (order.post_discounts ?? []).reduce((sum, line) => sum + (line.amount ?? 0), 0);
    expect(expectedTotal).toBeLessThan(order.total_amount ?? 0);

    // The sandbox applies the modify, then holds its answer for 8 s.
    await sandbox.addFault({ kind: "latency", out_order_no: ORDER, ops: ["modify"], latencyMs: 8_000, latencyPhase: "after", times: 1 });
    const inFlight = postServerAction(
      request,
      "server/actions/orders.ts",
      "modifyOrderAction",
      [
        {
          profileId: "demo-merchant",
          subMchid: "",
          outOrderNo: ORDER,
          idempotencyKey: randomUUID(),
          basedOn: order,
          industry: "hotel",
          payments,
          discounts,
          total: "",
          reasonCategory: "billing_error",
          reasonText: "房费计费错误",
          internalNote: "kill test",
          device: { start_device_id: "", end_device_id: "", materiel_no: "" },
        },
      ],
      { baseUrl: app.url, timeoutMs: 60_000 },
    ).catch(() => null);

    await expect.poll(async () => (await sandbox.writes(ORDER)).length, { timeout: 20_000 }).toBe(1);
    killHard(app);
    await app.exited;
    await inFlight;

    // The sandbox really holds the new total.
    const sandboxOrder = await request.get(`${SANDBOX_URL}/__sandbox/orders/${ORDER}`);
    expect(JSON.stringify(await sandboxOrder.json())).toContain(`"total_amount":${expectedTotal}`);

    app = startApp(PORT, PGLITE_DIR);
    apps.push(app);
    await waitUntilServing(app, request);
    await signInApi(request, app.url, "agent");
    await expect
      .poll(
        async () => {
          const result = (await (await request.get(`${app.url}/api/orders/demo-merchant/${ORDER}`)).json()) as OrderSnapshotResult;
          return result.ok ? result.snapshot.trail.map((row) => `${row.status}:${row.totalAfter}`) : [];
        },
        { timeout: 30_000 },
      )
      .toEqual([`succeeded:${expectedTotal}`]);
    expect(app.output()).toContain("[reconcile] at start: 1 unsettled, 1 succeeded, 0 failed, 0 still unknown");

    // A second process on the same PGlite folder is refused with the lock's message; the first keeps serving.
    const second = startApp(PORT + 1, PGLITE_DIR);
    apps.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("is in use by process");
    const still = (await (await request.get(`${app.url}/api/orders/demo-merchant/${ORDER}`)).json()) as OrderSnapshotResult;
    expect(still.ok && still.snapshot.trail.length).toBe(1);
  } finally {
    for (const app of apps) await stopGracefully(app);
    await request.dispose();
  }
});
