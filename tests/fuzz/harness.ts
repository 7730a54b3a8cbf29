// The sandbox and the app's database for the fuzz layers that reach the server: a sandbox over HTTP
// with its own keys, an in-memory PGlite, and the environment server/env reads (set before any server
// module runs). The action layers also mock the session with `fakeAgentAuth` and call the order
// actions as a forged request would: the browser can send anything.
import path from "node:path";
import { makeTempDir, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import type { Db } from "@/server/db";

/** A fixed signed-in agent for the actions' wrapper (sessions are tested elsewhere; this is about input). */
export const fakeAgentAuth = {
  api: {
    getSession: async () => ({
      user: { id: "user-agent-1", name: "演示客服", email: "agent@fuzz.test", role: "agent", banned: false },
      session: { expiresAt: new Date(Date.now() + 3_600_000) },
    }),
  },
};

interface FuzzHarness {
  t: TestSandbox;
  db: Db;
  stop(): Promise<void>;
}

export async function startFuzzHarness(): Promise<FuzzHarness> {
  const dir = makeTempDir("payscore-fuzz-");
  const t = await startTestSandbox({ dir, keysDir: path.join(dir, "sandbox", "keys") });
  process.env.DATA_DIR = dir;
  process.env.SANDBOX_URL = t.sandbox.url;
  process.env.PGLITE_DIR = "memory://";
  process.env.WECHATPAY_TIMEOUT_MS = "5000";
  delete process.env.DATABASE_URL;
  delete process.env.PAYSCORE_PROFILES_FILE;
  const { getDb, closeDb } = await import("@/server/db");
  const db = await getDb();
  return {
    t,
    db,
    async stop() {
      await closeDb();
      await t.stop();
    },
  };
}

type ActionCall = (input: unknown) => Promise<ActionResult<OperationSuccess>>;

/** The modify and complete actions, called with untyped input as a forged request would call them. */
export async function loadOrderActions(): Promise<{ callModify: ActionCall; callComplete: ActionCall }> {
  const { modifyOrderAction, completeOrderAction } = await import("@/server/actions/orders");
  return { callModify: modifyOrderAction as unknown as ActionCall, callComplete: completeOrderAction as unknown as ActionCall };
}
