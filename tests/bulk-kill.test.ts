// Kill -9 mid-batch (issue #14 §4): an app instance (a child process on a PGlite folder) is killed
// while a modify is on its way to the sandbox; a second one started on the same folder reconciles the
// trail at start, picks the batch up again and finishes it. The sandbox's request log says what
// reached "WeChat": exactly one modify per row, none resent.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeTempDir, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import { MAKER, rowInput, waitFor } from "./support/bulk-suite";

const FIXTURE = path.resolve("server/bulk/fixtures/app-instance.ts");
let t: TestSandbox;
let dir: string;
const children: ChildProcess[] = [];

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
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await t?.stop();
});

function startInstance(pgliteDir: string, extra: Record<string, string> = {}): { child: ChildProcess; lines: string[]; ready: Promise<void> } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", FIXTURE], {
    env: { ...process.env, PGLITE_DIR: pgliteDir, BULK_CONCURRENCY: "2", RECONCILE_INTERVAL_MS: "1000", ...extra },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      lines.push(...chunk.split("\n").filter((line) => line !== ""));
      if (lines.some((line) => line.startsWith("READY"))) resolve();
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => lines.push(`stderr: ${chunk}`));
    child.on("exit", (code, signal) => reject(new Error(`instance exited (${code ?? signal}) before READY: ${lines.join("\n")}`)));
  });
  return { child, lines, ready };
}

it("kill -9 mid-batch: the next start resumes the batch, and no row is sent twice", async () => {
  const { createDb } = await import("@/server/db");
  const { storeBatch } = await import("@/server/bulk/upload");
  const { runDryRun } = await import("@/server/bulk/dry-run");
  const { submitBatch } = await import("@/server/bulk/submit");
  const { bulkRow } = await import("@/server/db/schema");
  const { eq } = await import("drizzle-orm");
  const pgliteDir = path.join(dir, "pglite");
  const orders = [...seedOrderNumbers({ mode: "merchant", kind: "PAYING" }), ...seedOrderNumbers({ mode: "partner", kind: "PAYING" }).slice(0, 8)];
  const inputs = orders.map((no, i) => {
    const spec = findSeedOrder(no);
    return rowInput(i + 2, no, spec.total_amount - 10, spec.identityId, spec.sub_mchid);
  });

  let handle = await createDb(pgliteDir);
  const stored = await storeBatch(handle.db, MAKER, "kill.csv", { ok: true, encoding: "utf-8", rows: inputs, problems: [], raw: [] });
  if (!stored.ok) throw new Error(JSON.stringify(stored.error));
  const batchId = stored.data.batchId;
  await runDryRun(handle.db, batchId, { concurrency: 4 });
  expect(await submitBatch(handle.db, MAKER, batchId)).toEqual({ ok: true, data: { batchId, status: "queued" } });
  await handle.close();

  // Each modify is held 400 ms upstream: there is always one on its way when the instance is killed.
  for (const no of orders) t.sandbox.state.faults.add({ kind: "latency", latencyMs: 400, latencyPhase: "before", out_order_no: no, ops: ["modify"] });
  const modifies = () => t.sandbox.state.log.list().filter((entry) => entry.op === "modify");

  const first = startInstance(pgliteDir);
  await first.ready;
  await waitFor(async () => modifies(), (sent) => sent.length >= 4 && sent.some((entry) => entry.status === null), 60_000);
  first.child.kill("SIGKILL");
  await new Promise((resolve) => first.child.once("exit", resolve));
  const sentBeforeKill = modifies().length;
  expect(sentBeforeKill).toBeGreaterThanOrEqual(4);
  expect(sentBeforeKill).toBeLessThan(orders.length);

  const second = startInstance(pgliteDir, { BULK_WAIT_FOR: batchId });
  await second.ready;
  await waitFor(async () => second.lines, (lines) => lines.includes(`DONE ${batchId}`), 90_000);
  expect(second.lines).toContain(`DONE ${batchId}`);
  second.child.kill("SIGKILL");
  await new Promise((resolve) => second.child.once("exit", resolve));

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
}, 180_000);
