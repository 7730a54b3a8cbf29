// The bulk workers of one process on its pg-boss: the dry-run jobs and the execute lanes, and the
// start-up sweep (batches left checking or running by a process that died are picked up again: on
// the embedded database every claim is an orphan at start, because the data folder admits one
// process; on PostgreSQL a claim is taken over once it is older than the grace period).
import "server-only";
import type { PgBoss } from "pg-boss";
import { inArray } from "drizzle-orm";
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
  const polling = options.pollingIntervalSeconds ?? 0.5;
  await boss.work<BatchJob>(DRY_RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: polling, localConcurrency: 1 }, async ([job]) => {
    if (job) await runDryRun(db, job.data.batchId, options.dryRun);
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
  return open.length;
}
