// The console's server actions in Vitest as the browser reaches them: real better-auth sessions (the
// sandbox-mode demo users, signed in through the auth handler), the app's own database singleton
// (an in-memory PGlite, or a fresh PostgreSQL database), and a real sandbox over HTTP. Each call runs
// with its own request headers (./request-context.ts), so several users can act at the same moment.
// The test file must mock next/headers (and next/cache) before importing anything of the server:
//   vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
//   vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
import path from "node:path";
import { makeTempDir, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import type { Db } from "@/server/db";
import { withRequest } from "./request-context";

export type HarnessRole = "agent" | "supervisor" | "admin";
export const DEMO_EMAILS: Record<HarnessRole, string> = {
  agent: "agent@demo.local",
  supervisor: "supervisor@demo.local",
  admin: "admin@demo.local",
};
const ORIGIN = "http://localhost:3000";

export interface ActionHarness {
  t: TestSandbox;
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs `call` as the signed-in demo user of `role`, or with no session at all (null). */
  as<T>(role: HarnessRole | null, call: () => Promise<T>): Promise<T>;
  /** Signs in another account (created by the test) and returns its cookie. */
  signIn(email: string, password: string): Promise<string>;
  asCookie<T>(cookie: string, call: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export async function startActionHarness(options: {
  database: "pglite" | "postgres";
  timeoutMs?: number;
  sandboxHistory?: boolean;
  /** Sandbox identities in platform-certificate mode from the start (set SANDBOX_CERTIFICATE_IDENTITIES to match). */
  certificateIdentities?: readonly string[];
}): Promise<ActionHarness> {
  const dir = makeTempDir("payscore-actions-");
  const t = await startTestSandbox({ dir, keysDir: path.join(dir, "sandbox", "keys"), history: options.sandboxHistory ?? false, certificateIdentities: options.certificateIdentities });
  // Read once by server/env.ts, on first use: set before any server module runs.
  process.env.DATA_DIR = dir;
  process.env.SANDBOX_URL = t.sandbox.url;
  process.env.WECHATPAY_TIMEOUT_MS = String(options.timeoutMs ?? 1_500);
  delete process.env.PAYSCORE_PROFILES_FILE;
  delete process.env.BETTER_AUTH_URL;
  delete process.env.DATABASE_URL;
  let disposePostgres: (() => Promise<void>) | null = null;
  if (options.database === "postgres") {
    // A fresh database for this file, made without touching server/env.ts (it parses the
    // environment once, and DATABASE_URL must be in it by then); the app's singleton opens it.
    const created = await createPostgresDatabase();
    process.env.DATABASE_URL = created.url;
    disposePostgres = created.drop;
  } else {
    process.env.PGLITE_DIR = "memory://";
  }
  const { getDb, closeDb } = await import("@/server/db");
  const { getAuth } = await import("@/server/auth");
  const db = await getDb();
  const auth = await getAuth();

  async function signIn(email: string, password: string): Promise<string> {
    const response = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": "203.0.113.7" },
        body: JSON.stringify({ email, password }),
      }),
    );
    const cookie = response.headers.getSetCookie().find((value) => value.includes("session_token="));
    if (response.status !== 200 || !cookie) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
    return cookie.split(";")[0] as string;
  }

  const { DEMO_PASSWORD } = await import("@/server/auth/demo-users");
  const cookies = new Map<HarnessRole, string>();
  for (const role of ["agent", "supervisor", "admin"] as const) cookies.set(role, await signIn(DEMO_EMAILS[role], DEMO_PASSWORD));

  function asCookie<T>(cookie: string | null, call: () => Promise<T>): Promise<T> {
    const headers = new Headers({ origin: ORIGIN, host: "localhost:3000" });
    if (cookie) headers.set("cookie", cookie);
    return withRequest(headers, call);
  }

  return {
    t,
    db,
    kind: options.database,
    as: (role, call) => asCookie(role ? (cookies.get(role) ?? null) : null, call),
    signIn,
    asCookie,
    async stop() {
      await closeDb();
      await disposePostgres?.();
      await t.stop();
    },
  };
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { Client } = await import("pg");
  const { randomBytes } = await import("node:crypto");
  const name = `payscore_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * Whether the PostgreSQL variant runs: true when the test server answers; on CI an unreachable server
 * is an error (the PostgreSQL path must not be skipped silently there).
 */
export async function requirePostgres(): Promise<boolean> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (error) {
    const ci = process.env.CI;
    if (ci && ci !== "0" && ci.toLowerCase() !== "false") throw new Error(`PostgreSQL is required on CI but not reachable: ${(error as Error).message}`);
    console.warn(`[test] PostgreSQL not reachable, its tests are skipped: ${(error as Error).message}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
