// Bulk tests with app instances as child processes (server/bulk/fixtures/app-instance.ts): start
// and kill them, and a batch ready to run (stored, dry-run, submitted) on a database the test holds.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { DbHandle } from "@/server/db";
import { findSeedOrder } from "@/server/sandbox/seed";
import { MAKER, rowInput } from "./bulk-suite";

const FIXTURE = path.resolve("server/bulk/fixtures/app-instance.ts");

export interface Instance {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the instance's id (its claims' name) once it printed READY. */
  ready: Promise<string>;
}

const children: ChildProcess[] = [];

export function startInstance(env: Record<string, string> = {}): Instance {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", FIXTURE], {
    env: { ...process.env, BULK_CONCURRENCY: "2", ...env },
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

export async function killInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once("exit", resolve));
  instance.child.kill("SIGKILL");
  await exited;
}

/** Kills (-9) every instance still running. */
export async function stopInstances(): Promise<void> {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  const exited = running.map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of running) child.kill("SIGKILL");
  await Promise.all(exited);
}

/** A batch lowering each seeded order by 10 fen, dry-run and submitted (queued): its id. */
export async function queuedBatch(handle: DbHandle, orders: readonly string[], fileName: string): Promise<string> {
  const { storeBatch } = await import("@/server/bulk/upload");
  const { runDryRun } = await import("@/server/bulk/dry-run");
  const { submitBatch } = await import("@/server/bulk/submit");
  const rows = orders.map((no, i) => {
    const spec = findSeedOrder(no);
    return rowInput(i + 2, no, spec.total_amount - 10, spec.identityId, spec.sub_mchid);
  });
  const stored = await storeBatch(handle.db, MAKER, fileName, { ok: true, encoding: "utf-8", rows, problems: [], raw: [] });
  if (!stored.ok) throw new Error(JSON.stringify(stored.error));
  const batchId = stored.data.batchId;
  await runDryRun(handle.db, batchId, { concurrency: 4 });
  const submitted = await submitBatch(handle.db, MAKER, batchId);
  if (!submitted.ok || submitted.data.status !== "queued") throw new Error(`batch not queued: ${JSON.stringify(submitted)}`);
  return batchId;
}

/** Queues a batch's lanes through a pg-boss of the test's own (as the instance that took the approval would). */
export async function queueLanes(handle: DbHandle, batchId: string): Promise<void> {
  const { createBoss, startBoss } = await import("@/server/jobs/boss");
  const { ensureQueues, queueExecution } = await import("@/server/bulk/jobs");
  const boss = createBoss(handle);
  await startBoss(handle, boss);
  try {
    await ensureQueues(boss);
    await queueExecution(boss, batchId);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}
