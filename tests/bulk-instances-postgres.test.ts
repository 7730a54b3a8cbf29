// Two app instances on one PostgreSQL share one batch (issue #14 §4): each is a child process with its
// own pg-boss workers; rows are claimed from the database, so both work on the batch and no row is
// taken twice — also when one of them is killed mid-batch. The sandbox's request log: one modify per row.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeTempDir, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import { seedOrderNumbers } from "@/server/sandbox/seed";
import type { DbHandle } from "@/server/db";
import { bulkBatch, bulkRow } from "@/server/db/schema";
import { createPostgresDatabase, requirePostgres } from "./support/action-harness";
import { waitFor } from "./support/bulk-suite";
import { killInstance, queueLanes, queuedBatch, startInstance, stopInstances } from "./support/bulk-instances";

const enabled = await requirePostgres();
let t: TestSandbox;
let database: { url: string; drop: () => Promise<void> } | null = null;
let handle: DbHandle | null = null;

beforeAll(async () => {
  if (!enabled) return;
  const dir = makeTempDir("payscore-bulk-instances-");
  t = await startTestSandbox({ dir, keysDir: path.join(dir, "sandbox", "keys") });
  database = await createPostgresDatabase();
  process.env.DATA_DIR = dir;
  process.env.SANDBOX_URL = t.sandbox.url;
  process.env.WECHATPAY_TIMEOUT_MS = "1500";
  process.env.BULK_RATE_PER_SECOND = "100";
  process.env.DATABASE_URL = database.url;
  delete process.env.PAYSCORE_PROFILES_FILE;
  const { createDb } = await import("@/server/db");
  handle = await createDb(database.url);
});

afterAll(async () => {
  await stopInstances();
  await handle?.close();
  await database?.drop();
  await t?.stop();
});

const modifies = () => t.sandbox.state.log.list().filter((entry) => entry.op === "modify");

async function completed(batchId: string, timeoutMs: number): Promise<{ status: string; by: string | null; no: string; code: string | null; message: string | null }[]> {
  const db = handle!.db;
  const status = await waitFor(async () => (await db.select({ status: bulkBatch.status }).from(bulkBatch).where(eq(bulkBatch.id, batchId)))[0]?.status, (value) => value === "completed", timeoutMs);
  expect(status).toBe("completed");
  return db.select({ status: bulkRow.status, by: bulkRow.claimedBy, no: bulkRow.outOrderNo, code: bulkRow.outcomeCode, message: bulkRow.outcomeMessage }).from(bulkRow).where(eq(bulkRow.batchId, batchId));
}

describe.runIf(enabled)("[BULK][postgres] two app instances", () => {
  it("share one batch: both work on it, every row succeeds, one modify per row", async () => {
    const orders = [...seedOrderNumbers({ mode: "merchant", kind: "PAYING" }), ...seedOrderNumbers({ mode: "partner", kind: "PAYING" }).slice(0, 16)];
    for (const no of orders) t.sandbox.state.faults.add({ kind: "latency", latencyMs: 150, out_order_no: no, ops: ["modify"] });
    const batchId = await queuedBatch(handle!, orders, "two.csv");
    const [a, b] = [startInstance(), startInstance()];
    const ids = await Promise.all([a.ready, b.ready]);
    await queueLanes(handle!, batchId);
    const rows = await completed(batchId, 90_000);
    expect(rows.filter((row) => row.status !== "succeeded")).toEqual([]);
    // Both instances did rows, and nobody else.
    expect(new Set(rows.map((row) => row.by))).toEqual(new Set(ids));
    for (const no of orders) expect(modifies().filter((entry) => entry.out_order_no === no)).toHaveLength(1);
    expect(modifies()).toHaveLength(orders.length);
    await stopInstances();
  }, 180_000);

  it("one instance killed (-9) mid-batch: the other takes over its rows once their claims are old, settles the one on its way from the trail, and finishes; one modify per row", async () => {
    t.sandbox.state.reset();
    const orders = seedOrderNumbers({ mode: "partner", kind: "PAYING" }).slice(16, 32);
    for (const no of orders) t.sandbox.state.faults.add({ kind: "latency", latencyMs: 300, latencyPhase: "before", out_order_no: no, ops: ["modify"] });
    const batchId = await queuedBatch(handle!, orders, "crash.csv");
    // Only the first instance works at first: it is killed with a modify on its way.
    const a = startInstance();
    const idA = await a.ready;
    await queueLanes(handle!, batchId);
    await waitFor(async () => modifies(), (sent) => sent.length >= 3 && sent.some((entry) => entry.status === null), 60_000);
    await killInstance(a);
    expect(modifies().length).toBeLessThan(orders.length);
    // The second instance: its start-up sweep queues the running batch; it waits out the dead one's claims.
    const b = startInstance();
    const idB = await b.ready;
    const rows = await completed(batchId, 120_000);
    const bad = rows.filter((row) => row.status !== "succeeded");
    expect(bad.map((row) => [row, modifies().filter((entry) => entry.out_order_no === row.no)])).toEqual([]);
    expect(new Set(rows.map((row) => row.by))).toEqual(new Set([idA, idB]));
    for (const no of orders) expect(modifies().filter((entry) => entry.out_order_no === no)).toHaveLength(1);
  }, 240_000);
});
