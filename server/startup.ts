// Start-up of the Node.js server (called once from instrumentation.ts). Each step that finds a
// configuration fault stops the process with one clear line instead of failing on the first request:
// a bad merchant profile, a second process on the same PGlite folder, a database that cannot be
// opened (DATABASE_URL unreachable, PGLITE_DIR not a usable folder), a missing auth secret outside
// sandbox mode. Any other failure of these steps stops it too, with one line and no stack: a console
// that could not start must not keep answering 500. Then the trail's unsettled rows are reconciled
// and the schedule for later rounds begins, and profiles in platform-certificate mode load their
// stored certificates and download the current ones (a failure there is one log line, not a stop).
import "server-only";
import { getProfiles, ProfileConfigError } from "@/server/config/profiles";
import { getDb, getDbHandle } from "@/server/db";
import { ensureDemoPolicies } from "@/server/approvals/policies";
import { resetDemoDataIfAsked, seedDemoHistory } from "@/server/demo/history";
import type { HistoryOrder } from "@/server/sandbox/history";
import { clientFor, queryOrder, resolveTarget } from "@/server/orders/target";
import { user } from "@/server/db/schema";
import { eq } from "drizzle-orm";
import { refreshCertificatesAtStart } from "@/server/certificates/keeper";
import { DatabaseOpenError, describeErrorForLog } from "@/server/db/errors";
import { DataDirLockedError } from "@/server/db/lock";
import { getAuth } from "@/server/auth";
import { installClientAddressStamp } from "@/server/auth/client-ip";
import { dataPath, getEnv, isSandboxMode } from "@/server/env";
import { AuthConfigError } from "@/server/auth/secret";
import { startReconciler } from "@/server/orders/reconciler";
import { startBulk } from "@/server/bulk/worker";

/** Prints one line and exits: the message of a known fault as it is, anything else described safely. */
function stop(error: unknown, kinds: readonly (abstract new (...args: never[]) => Error)[]): never {
  const known = kinds.some((kind) => error instanceof kind) && error instanceof Error;
  console.error(`[payscore-console] ${known ? error.message : `start-up failed: ${describeErrorForLog(error)}`}`);
  process.exit(1);
}

export async function startServer(): Promise<void> {
  const fatal = [ProfileConfigError, DataDirLockedError, DatabaseOpenError, AuthConfigError] as const;
  // Before the first request: the sign-in limit keys on the address computed from the socket.
  installClientAddressStamp(getEnv().TRUSTED_PROXY_HOPS);
  try {
    // Sandbox profiles in platform-certificate mode trust the sandbox's first certificate and root:
    // made here if the sandbox has not made them yet (the certificate maker loads only then).
    if (isSandboxMode() && getEnv().SANDBOX_CERTIFICATE_IDENTITIES.length > 0) {
      const [{ ensureSandboxKeys }, { ensureSandboxCertificates }] = await Promise.all([import("@/server/config/sandbox-keys"), import("@/server/config/sandbox-certificates")]);
      await ensureSandboxCertificates(ensureSandboxKeys(dataPath("sandbox", "keys")));
    }
    getProfiles();
    // The database opens now, not on the first request: a second process on the same PGlite folder
    // is refused here with the lock's message, before it serves anything.
    await getDbHandle();
    // A missing BETTER_AUTH_SECRET outside sandbox mode stops start-up; in sandbox mode the demo
    // users (one per role) are created here if missing.
    await getAuth();
  } catch (error) {
    stop(error, fatal);
  }
  if (isSandboxMode()) await prepareSandboxDemo();
  // Not awaited: a WeChat Pay (or sandbox) that is slow to answer must not hold the server's start.
  // Certificates first, so that the reconciler's first calls can use (or join) their download; each
  // profile's failure is logged in one line.
  void refreshCertificatesAtStart(getProfiles(), clientFor);
  startReconciler().catch((error: unknown) => {
    console.error(`[payscore-console] reconciliation at start failed: ${describeErrorForLog(error)}`);
  });
  // Bulk adjustments: the job queue's workers, and batches a stopped process left unfinished.
  startBulk().catch((error: unknown) => {
    console.error(`[payscore-console] bulk workers at start failed: ${describeErrorForLog(error)}`);
  });
}

/**
 * Sandbox mode: the demo four-eyes policy and a month of demo history (each once; `npm run
 * sandbox:reset` asks for both again). A failure here is logged, never fatal: the console works without.
 */
async function prepareSandboxDemo(): Promise<void> {
  const env = getEnv();
  try {
    const db = await getDb();
    if (await resetDemoDataIfAsked(db)) console.log("[payscore-console] sandbox: demo data reset (npm run sandbox:reset)");
    if (env.SANDBOX_DEMO_APPROVALS === "on") {
      const created = await ensureDemoPolicies(db, getProfiles().map((profile) => profile.id));
      if (created > 0) console.log(`[payscore-console] sandbox: demo approval policy set on ${created} profile(s)`);
    }
    if (env.SANDBOX_DEMO_HISTORY === "on") {
      const [reviewer] = await db.select({ id: user.id, name: user.name }).from(user).where(eq(user.email, "supervisor@demo.local"));
      if (reviewer) void seedHistoryWhenSandboxAnswers(reviewer);
    }
  } catch (error) {
    console.error(`[payscore-console] sandbox demo data: ${describeErrorForLog(error)}`);
  }
}

/** The demo history reads a few orders from the sandbox, which may start a moment after the console. */
async function seedHistoryWhenSandboxAnswers(reviewer: { id: string; name: string }, attemptsLeft = 30): Promise<void> {
  try {
    const written = await seedDemoHistory(await getDb(), await getAuth(), reviewer, readHistoryOrder);
    if (written > 0) console.log(`[payscore-console] sandbox: demo history written (${written} trail rows)`);
  } catch (error) {
    if (attemptsLeft <= 0) {
      console.error(`[payscore-console] sandbox demo history: ${describeErrorForLog(error)}`);
      return;
    }
    setTimeout(() => void seedHistoryWhenSandboxAnswers(reviewer, attemptsLeft - 1), 2_000).unref();
  }
}

async function readHistoryOrder(order: HistoryOrder): Promise<unknown> {
  const target = resolveTarget(order.identity.id, order.sub_mchid);
  if (!target) throw new Error(`no demo profile for ${order.out_order_no}`);
  return (await queryOrder(target, order.out_order_no)).order;
}
