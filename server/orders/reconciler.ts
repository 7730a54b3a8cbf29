// When unsettled trail rows are reconciled: at start (on the embedded database every unsettled row
// belongs to a dead process, because the data folder admits one process), then on a schedule for
// rows older than a grace period (on PostgreSQL another instance may still be waiting for the answer).
import "server-only";
import { getDb, getDbHandle } from "@/server/db";
import { reconcileGraceMs, reconcileUnsettled, type ReconcileSummary } from "./reconcile";

export { reconcileGraceMs };

const INTERVAL_MS = 30_000;

export async function reconcileNow(options: { includeRecent: boolean }): Promise<ReconcileSummary> {
  const before = options.includeRecent ? new Date() : new Date(Date.now() - reconcileGraceMs());
  return reconcileUnsettled(await getDb(), before);
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
  }, INTERVAL_MS);
  globalStore.__payscoreReconciler.unref();
}
