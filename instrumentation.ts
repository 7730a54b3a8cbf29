// Runs once when the server starts: a bad merchant profile stops start-up here, with a message that
// names the profile and the field, instead of failing on the first request. Then the trail's
// unsettled rows are reconciled and the schedule for later rounds begins.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getProfiles, ProfileConfigError } = await import("@/server/config/profiles");
  try {
    getProfiles();
  } catch (error) {
    if (error instanceof ProfileConfigError) {
      console.error(`[payscore-console] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // The database opens now, not on the first request: a second process on the same PGlite folder is
  // refused here with the lock's message, before it serves anything.
  const { getDbHandle } = await import("@/server/db");
  const { DataDirLockedError } = await import("@/server/db/lock");
  try {
    await getDbHandle();
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`[payscore-console] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { startReconciler } = await import("@/server/orders/reconciler");
  // Not awaited: a sandbox or database that is slow to come up must not hold the server's start.
  startReconciler().catch((error: unknown) => {
    console.error(`[payscore-console] reconciliation at start failed: ${error instanceof Error ? error.message : "unknown"}`);
  });
}
