// Kill -9 mid-batch (issue #14 §4): an app instance (a child process on a PGlite folder) is killed
// while a modify is on its way to the sandbox; a second one started on the same folder reconciles the
// trail at start, picks the batch up again and finishes it. The sandbox's request log says what
// reached "WeChat": exactly one modify per row, none resent.
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeTempDir, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import { seedOrderNumbers } from "@/server/sandbox/seed";
import { waitFor } from "./support/bulk-suite";
import { killInstance, queuedBatch, startInstance, stopInstances } from "./support/bulk-instances";

let t: TestSandbox;
let dir: string;

beforeAll(async () => {
  dir = makeTempDir("payscore-bulk-kill-");
  t = await startTestSandbox({ dir, keysDir: path.join(dir, "sandbox", "keys") });
  process.env.DATA_DIR = dir;
  process.env.SANDBOX_URL = t.sandbox.url;
  process.env.WECHATPAY_TIMEOUT_MS = "1500";
  process.env.BULK_RATE_PER_SECOND = "50";
  delete process.env.PAYSCORE_PROFILES_FILE;
  delete process.env.DATABASE_URL;
});

afterAll(async () => {
  await stopInstances();
  await t?.stop();
});

it("kill -9 mid-batch: the next start resumes the batch, and no row is sent twice", async () => {
  const { createDb } = await import("@/server/db");
  const { bulkRow } = await import("@/server/db/schema");
  const { eq } = await import("drizzle-orm");
  const pgliteDir = path.join(dir, "pglite");
  const orders = [...seedOrderNumbers({ mode: "merchant", kind: "PAYING" }), ...seedOrderNumbers({ mode: "partner", kind: "PAYING" }).slice(0, 8)];
  let handle = await createDb(pgliteDir);
  const batchId = await queuedBatch(handle, orders, "kill.csv");
  await handle.close();

  // Each modify is held 400 ms upstream: there is always one on its way when the instance is killed.
  for (const no of orders) t.sandbox.state.faults.add({ kind: "latency", latencyMs: 400, latencyPhase: "before", out_order_no: no, ops: ["modify"] });
  const modifies = () => t.sandbox.state.log.list().filter((entry) => entry.op === "modify");

  const instanceEnv = { PGLITE_DIR: pgliteDir, RECONCILE_INTERVAL_MS: "1000" };
  const first = startInstance(instanceEnv);
  await first.ready;
  await waitFor(async () => modifies(), (sent) => sent.length >= 4 && sent.some((entry) => entry.status === null), 60_000);
  await killInstance(first);
  const sentBeforeKill = modifies().length;
  expect(sentBeforeKill).toBeGreaterThanOrEqual(4);
  expect(sentBeforeKill).toBeLessThan(orders.length);

  const second = startInstance({ ...instanceEnv, BULK_WAIT_FOR: batchId });
  await second.ready;
  await waitFor(async () => second.lines, (lines) => lines.includes(`DONE ${batchId}`), 150_000);
  expect(second.lines).toContain(`DONE ${batchId}`);
  await killInstance(second);

  // What reached "WeChat": one modify per row, every one applied.
  for (const no of orders) expect(modifies().filter((entry) => entry.out_order_no === no)).toHaveLength(1);
  handle = await createDb(pgliteDir);
  try {
    const rows = await handle.db.select({ line: bulkRow.line, status: bulkRow.status, attempts: bulkRow.attempts }).from(bulkRow).where(eq(bulkRow.batchId, batchId));
    expect(rows).toHaveLength(orders.length);
    expect(rows.filter((row) => row.status !== "succeeded")).toEqual([]);
    expect(rows.every((row) => row.attempts === 0)).toBe(true);
    // The modify on its way at the kill was settled by a query of its order, not sent again.
    const { trail } = await import("@/server/db/schema");
    const { isNotNull } = await import("drizzle-orm");
    const reconciled = await handle.db.select({ id: trail.id, status: trail.status }).from(trail).where(isNotNull(trail.reconciledAt));
    expect(reconciled.length).toBeGreaterThanOrEqual(1);
    expect(reconciled.every((row) => row.status === "succeeded")).toBe(true);
  } finally {
    await handle.close();
  }
}, 300_000);
