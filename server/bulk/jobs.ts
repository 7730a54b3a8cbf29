// The bulk jobs on pg-boss (server/jobs/boss.ts): `bulk-dry-run` checks a batch's rows, `bulk-execute`
// works on a batch's rows (./execute.ts). Several execute jobs per batch ("lanes") let several workers
// — in this process and in other app instances on the same PostgreSQL — share one batch: rows are
// claimed from the database, so lanes never take the same row. A lane works for a while, then hands
// over to a fresh job (a job never outlives its expiry, and a process that dies mid-batch leaves a
// job that pg-boss re-delivers after it expires). At start-up a sweep queues lanes for every batch
// that was running (./worker.ts).
import "server-only";
import type { PgBoss } from "pg-boss";

export const DRY_RUN_QUEUE = "bulk-dry-run";
export const EXECUTE_QUEUE = "bulk-execute";

/** Jobs a process works on at once per queue. */
export const LANES_PER_BATCH = 4;

export interface BatchJob {
  batchId: string;
}

const JOB_OPTIONS = { retryLimit: 100, retryDelay: 2, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 600 } as const;

export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const name of [DRY_RUN_QUEUE, EXECUTE_QUEUE]) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, JOB_OPTIONS);
  }
}

export async function queueDryRun(boss: PgBoss, batchId: string): Promise<void> {
  await boss.send(DRY_RUN_QUEUE, { batchId } satisfies BatchJob, JOB_OPTIONS);
}

/** Queues the batch's lanes (after submit, approval, resume, or at start-up). */
export async function queueExecution(boss: PgBoss, batchId: string, lanes: number = LANES_PER_BATCH, startAfterSeconds = 0): Promise<void> {
  for (let lane = 0; lane < lanes; lane += 1) {
    await boss.send(EXECUTE_QUEUE, { batchId } satisfies BatchJob, { ...JOB_OPTIONS, ...(startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}) });
  }
}
