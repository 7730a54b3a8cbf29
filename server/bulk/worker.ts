// The bulk workers of one process on its pg-boss: the dry-run jobs and the execute lanes, and the
// start-up sweep (batches left checking or running by a process that died are picked up again: on
// the embedded database every claim is an orphan at start, because the data folder admits one
// process; on PostgreSQL a claim is taken over once it is older than the grace period).
import "server-only";
import type { PgBoss } from "pg-boss";
import { inArray, sql } from "drizzle-orm";
import type { Db, DbKind } from "@/server/db";
import { bulkBatch } from "@/server/db/schema";
import { getEnv } from "@/server/env";
import { DRY_RUN_QUEUE, EXECUTE_QUEUE, ensureQueues, queueDryRun, queueExecution, type BatchJob } from "./jobs";
import { runDryRun, type DryRunOptions } from "./dry-run";
import { executeLane, releaseOrphans, type ExecuteOptions } from "./execute";

export interface BulkWorkerOptions {
  dryRun?: DryRunOptions;
  execute?: ExecuteOptions;
  /** Jobs this process works on at once (execute lanes). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

export async function startBulkWorkers(boss: PgBoss, db: Db, options: BulkWorkerOptions = {}): Promise<void> {
  await ensureQueues(boss);
  const polling = options.pollingIntervalSeconds ?? 1;
  await boss.work<BatchJob>(DRY_RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: polling, localConcurrency: 1 }, async ([job]) => {
    if (!job) return;
    // Its time was up before every row was checked: a fresh job carries on (a job never outlives its expiry).
    if ((await runDryRun(db, job.data.batchId, options.dryRun)) === "more") await queueDryRun(boss, job.data.batchId);
  });
  await boss.work<BatchJob>(EXECUTE_QUEUE, { batchSize: 1, pollingIntervalSeconds: polling, localConcurrency: options.concurrency ?? getEnv().BULK_CONCURRENCY }, async ([job]) => {
    if (!job) return;
    const next = await executeLane(db, job.data.batchId, options.execute);
    // The lane handed over (its time was up, or rows wait for a retry / a reconciliation): a fresh job carries on.
    if (next.continueAfterSeconds !== null) await queueExecution(boss, job.data.batchId, 1, next.continueAfterSeconds);
  });
}

/** At start-up: batches that a dead process left checking or running are queued again. */
export async function sweepBatches(boss: PgBoss, db: Db, kind: DbKind): Promise<number> {
  if (kind === "pglite") await releaseOrphans(db, { all: true });
  const open = await db.select({ id: bulkBatch.id, status: bulkBatch.status }).from(bulkBatch).where(inArray(bulkBatch.status, ["checking", "queued", "running"]));
  for (const batch of open) {
    if (batch.status === "checking") await queueDryRun(boss, batch.id);
    else await queueExecution(boss, batch.id);
  }
  // Cancelled batches whose rows a dead process left claimed or of unknown outcome: one lane settles them.
  const cancelled = await db.execute<{ id: string }>(sql`
    select distinct b.id from bulk_batch b join bulk_row r on r.batch_id = b.id
    where b.status = 'cancelled' and r.status in ('pending', 'unknown')`);
  for (const batch of cancelled.rows) await queueExecution(boss, batch.id, 1);
  return open.length + cancelled.rows.length;
}

const globalStore = globalThis as typeof globalThis & { __payscoreBulk?: Promise<void> };

/**
 * At server start: the app's pg-boss, this process's bulk workers, the sweep, and a schedule that
 * ends batches whose approval time passed. On SIGTERM / SIGINT the workers stop taking jobs (a row on
 * its way finishes) before the process exits. Once per process.
 */
export function startBulk(): Promise<void> {
  globalStore.__payscoreBulk ??= (async () => {
    const [{ getBoss, stopBoss }, { getDbHandle }, { expireBatches }] = await Promise.all([import("@/server/jobs/boss"), import("@/server/db"), import("./submit")]);
    const handle = await getDbHandle();
    const boss = await getBoss();
    await startBulkWorkers(boss, handle.db);
    const swept = await sweepBatches(boss, handle.db, handle.kind);
    if (swept > 0) console.log(`[bulk] ${swept} batch(es) picked up again at start`);
    const timer = setInterval(() => {
      expireBatches(handle.db)
        .then((expired) => {
          if (expired > 0) console.log(`[bulk] ${expired} batch(es) expired waiting for approval`);
        })
        .catch((error: unknown) => console.error(`[bulk] expiry round failed: ${error instanceof Error ? error.message : "unknown"}`));
    }, getEnv().RECONCILE_INTERVAL_MS);
    timer.unref();
    const stop = (signal: NodeJS.Signals) => {
      clearInterval(timer);
      void stopBoss({ graceful: true, timeoutMs: 5_000 }).finally(() => process.kill(process.pid, signal));
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  })();
  return globalStore.__payscoreBulk;
}
