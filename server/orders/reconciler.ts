// When unsettled trail rows are reconciled: at start (on the embedded database every unsettled row
// belongs to a dead process, because the data folder admits one process), then on a schedule for
// rows older than a grace period (on PostgreSQL another instance may still be waiting for the answer).
// Every round also reads the orders of rows settled "not applied" that are still watched (a late
// application is recorded even if nobody opens the order). Every instance runs the schedule; a row
// is settled once (the first settlement stands), and each instance logs only its own settlements.
// A call sent less than the grace period ago is never settled "not applied" (reconcile.ts).
import "server-only";
import { getDb, getDbHandle } from "@/server/db";
import { getEnv } from "@/server/env";
import { checkWatched, reconcileGraceMs, reconcileUnsettled, type ReconcileSummary } from "./reconcile";
import { expireRequests } from "@/server/approvals/requests";

export { reconcileGraceMs };

const logLine = (line: string) => console.log(line);

export async function reconcileNow(options: { includeRecent: boolean }): Promise<ReconcileSummary> {
  const before = options.includeRecent ? new Date() : new Date(Date.now() - reconcileGraceMs());
  const db = await getDb();
  const summary = await reconcileUnsettled(db, before, { log: logLine });
  const late = await checkWatched(db);
  if (late > 0) console.log(`[reconcile] ${late} change(s) found applied late`);
  const expired = await expireRequests(db);
  if (expired > 0) console.log(`[reconcile] ${expired} approval request(s) expired`);
  return summary;
}

const globalStore = globalThis as typeof globalThis & { __payscoreReconciler?: NodeJS.Timeout };

export async function startReconciler(): Promise<void> {
  if (globalStore.__payscoreReconciler) return;
  const handle = await getDbHandle();
  const log = (summary: ReconcileSummary, when: string) => {
    if (summary.examined > 0) {
      console.log(
        `[reconcile] ${when}: ${summary.examined} unsettled, ${summary.succeeded} succeeded, ${summary.failed} failed, ${summary.stillUnknown} still unknown`,
      );
    }
  };
  // One process per PGlite folder: at start, every unsettled row is an orphan.
  log(await reconcileNow({ includeRecent: handle.kind === "pglite" }), "at start");
  globalStore.__payscoreReconciler = setInterval(() => {
    reconcileNow({ includeRecent: false })
      .then((summary) => log(summary, "scheduled"))
      .catch((error: unknown) => console.error(`[reconcile] scheduled round failed: ${error instanceof Error ? error.message : "unknown"}`));
  }, getEnv().RECONCILE_INTERVAL_MS);
  globalStore.__payscoreReconciler.unref();
}
