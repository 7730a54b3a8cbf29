// Two app instances on one PostgreSQL share one batch (issue #14 §4): each is a child process with its
// own pg-boss workers; rows are claimed from the database, so both work on the batch and no row is
// taken twice. The sandbox's request log: one modify per row.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import { createPostgresDatabase, requirePostgres } from "./support/action-harness";
import { MAKER, rowInput, waitFor } from "./support/bulk-suite";

const FIXTURE = path.resolve("server/bulk/fixtures/app-instance.ts");
const enabled = await requirePostgres();
let t: TestSandbox;
let dir: string;
let database: { url: string; drop: () => Promise<void> } | null = null;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!enabled) return;
  dir = makeTempDir("payscore-bulk-instances-");
  t = await startTestSandbox({ dir, keysDir: path.join(dir, "sandbox", "keys") });
  database = await createPostgresDatabase();
  process.env.DATA_DIR = dir;
  process.env.SANDBOX_URL = t.sandbox.url;
  process.env.WECHATPAY_TIMEOUT_MS = "1500";
  process.env.BULK_RATE_PER_SECOND = "100";
  process.env.DATABASE_URL = database.url;
  delete process.env.PAYSCORE_PROFILES_FILE;
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 200));
  await database?.drop();
  await t?.stop();
});

async function stopInstances(): Promise<void> {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill("SIGKILL");
  await Promise.all(running.map((child) => new Promise((resolve) => child.once("exit", resolve))));
}

function startInstance(): { child: ChildProcess; lines: string[]; ready: Promise<string> } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", FIXTURE], {
    env: { ...process.env, BULK_CONCURRENCY: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: string[] = [];
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      lines.push(...chunk.split("\n").filter((line) => line !== ""));
      const line = lines.find((entry) => entry.startsWith("READY "));
      if (line) resolve(line.slice("READY ".length));
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => lines.push(`stderr: ${chunk}`));
    child.on("exit", (code, signal) => reject(new Error(`instance exited (${code ?? signal}) before READY: ${lines.join("\n")}`)));
  });
  return { child, lines, ready };
}

describe.runIf(enabled)("[BULK][postgres] two app instances", () => {
  it("share one batch: both work on it, every row succeeds, one modify per row", async () => {
    const { createDb } = await import("@/server/db");
    const { storeBatch } = await import("@/server/bulk/upload");
    const { runDryRun } = await import("@/server/bulk/dry-run");
    const { submitBatch } = await import("@/server/bulk/submit");
    const { createBoss, startBoss } = await import("@/server/jobs/boss");
    const { ensureQueues, queueExecution } = await import("@/server/bulk/jobs");
    const { bulkRow, bulkBatch } = await import("@/server/db/schema");
    const { eq } = await import("drizzle-orm");
    const orders = [...seedOrderNumbers({ mode: "merchant", kind: "PAYING" }), ...seedOrderNumbers({ mode: "partner", kind: "PAYING" }).slice(0, 16)];
    for (const no of orders) t.sandbox.state.faults.add({ kind: "latency", latencyMs: 150, out_order_no: no, ops: ["modify"] });

    const handle = await createDb(database!.url);
    try {
      const stored = await storeBatch(handle.db, MAKER, "two.csv", {
        ok: true,
        encoding: "utf-8",
        rows: orders.map((no, i) => {
          const spec = findSeedOrder(no);
          return rowInput(i + 2, no, spec.total_amount - 10, spec.identityId, spec.sub_mchid);
        }),
        problems: [],
        raw: [],
      });
      if (!stored.ok) throw new Error(JSON.stringify(stored.error));
      const batchId = stored.data.batchId;
      await runDryRun(handle.db, batchId, { concurrency: 4 });
      expect(await submitBatch(handle.db, MAKER, batchId)).toEqual({ ok: true, data: { batchId, status: "queued" } });

      const [a, b] = [startInstance(), startInstance()];
      const ids = await Promise.all([a.ready, b.ready]);
      // The console that took the approval queues the lanes; any instance's workers take them.
      const boss = createBoss(handle);
      await startBoss(handle, boss);
      try {
        await ensureQueues(boss);
        await queueExecution(boss, batchId);
      } finally {
        await boss.stop({ graceful: false, close: false });
      }
      const status = await waitFor(
        async () => (await handle.db.select({ status: bulkBatch.status }).from(bulkBatch).where(eq(bulkBatch.id, batchId)))[0]?.status,
        (value) => value === "completed",
        90_000,
      );
      expect(status).toBe("completed");
      const rows = await handle.db.select({ status: bulkRow.status, by: bulkRow.claimedBy }).from(bulkRow).where(eq(bulkRow.batchId, batchId));
      expect(rows.filter((row) => row.status !== "succeeded")).toEqual([]);
      const byInstance = new Map<string, number>();
      for (const row of rows) byInstance.set(row.by ?? "none", (byInstance.get(row.by ?? "none") ?? 0) + 1);
      // Both instances did rows, and nobody else.
      expect(new Set(byInstance.keys())).toEqual(new Set(ids));
      const modifies = t.sandbox.state.log.list().filter((entry) => entry.op === "modify");
      for (const no of orders) expect(modifies.filter((entry) => entry.out_order_no === no)).toHaveLength(1);
      expect(modifies).toHaveLength(orders.length);
    } finally {
      await handle.close();
      await stopInstances();
    }
  }, 180_000);

  it("one instance killed (-9) mid-batch: the other takes over its rows once their claims are old, settles the one on its way from the trail, and finishes; one modify per row", async () => {
    const { createDb } = await import("@/server/db");
    const { storeBatch } = await import("@/server/bulk/upload");
    const { runDryRun } = await import("@/server/bulk/dry-run");
    const { submitBatch } = await import("@/server/bulk/submit");
    const { createBoss, startBoss } = await import("@/server/jobs/boss");
    const { ensureQueues, queueExecution } = await import("@/server/bulk/jobs");
    const { bulkRow, bulkBatch } = await import("@/server/db/schema");
    const { eq } = await import("drizzle-orm");
    t.sandbox.state.reset();
    const orders = seedOrderNumbers({ mode: "partner", kind: "PAYING" }).slice(16, 32);
    for (const no of orders) t.sandbox.state.faults.add({ kind: "latency", latencyMs: 300, latencyPhase: "before", out_order_no: no, ops: ["modify"] });
    const handle = await createDb(database!.url);
    try {
      const stored = await storeBatch(handle.db, MAKER, "crash.csv", {
        ok: true,
        encoding: "utf-8",
        rows: orders.map((no, i) => {
          const spec = findSeedOrder(no);
          return rowInput(i + 2, no, spec.total_amount - 10, spec.identityId, spec.sub_mchid);
        }),
        problems: [],
        raw: [],
      });
      if (!stored.ok) throw new Error(JSON.stringify(stored.error));
      const batchId = stored.data.batchId;
      await runDryRun(handle.db, batchId, { concurrency: 4 });
      expect(await submitBatch(handle.db, MAKER, batchId)).toEqual({ ok: true, data: { batchId, status: "queued" } });
      // Only the first instance works at first: it is killed with a modify on its way.
      const a = startInstance();
      const idA = await a.ready;
      const boss = createBoss(handle);
      await startBoss(handle, boss);
      try {
        await ensureQueues(boss);
        await queueExecution(boss, batchId);
      } finally {
        await boss.stop({ graceful: false, close: false });
      }
      const modifies = () => t.sandbox.state.log.list().filter((entry) => entry.op === "modify");
      await waitFor(async () => modifies(), (sent) => sent.length >= 3 && sent.some((entry) => entry.status === null), 60_000);
      a.child.kill("SIGKILL");
      await new Promise((resolve) => a.child.once("exit", resolve));
      expect(modifies().length).toBeLessThan(orders.length);
      // The second instance: its start-up sweep queues the running batch; it waits out the dead one's claims.
      const b = startInstance();
      const idB = await b.ready;
      const status = await waitFor(
        async () => (await handle.db.select({ status: bulkBatch.status }).from(bulkBatch).where(eq(bulkBatch.id, batchId)))[0]?.status,
        (value) => value === "completed",
        120_000,
      );
      expect(status).toBe("completed");
      const rows = await handle.db.select({ status: bulkRow.status, by: bulkRow.claimedBy, no: bulkRow.outOrderNo, code: bulkRow.outcomeCode, message: bulkRow.outcomeMessage }).from(bulkRow).where(eq(bulkRow.batchId, batchId));
      const bad = rows.filter((row) => row.status !== "succeeded");
      expect(bad.map((row) => [row, modifies().filter((entry) => entry.out_order_no === row.no)])).toEqual([]);
      expect(new Set(rows.map((row) => row.by))).toEqual(new Set([idA, idB]));
      for (const no of orders) expect(modifies().filter((entry) => entry.out_order_no === no)).toHaveLength(1);
    } finally {
      await handle.close();
    }
  }, 240_000);
});
