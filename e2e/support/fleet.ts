// For the tests that run the console as a deployment would: a sandbox of their own, one or more
// production app processes sharing a database (a PostgreSQL database made for the test, or a PGlite
// folder), and direct reads of that database afterwards — the trail as stored, not as a page shows it.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { Client } from "pg";
import { PGlite } from "@electric-sql/pglite";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { OrderSnapshotResult } from "@/lib/orders/snapshot";
import { startApp, startSandboxProcess, waitForSandbox, waitUntilServing, type AppProcess } from "./app-process";
import { DEMO_EMAIL, DEMO_PASSWORD, type E2ERole, type SandboxLogEntry } from "./env";
import type { DemoOrder } from "./orders";

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** A fresh PostgreSQL database for one test; `drop()` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `payscore_e2e_${process.pid}_${randomBytes(4).toString("hex")}`;
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

/** Where the apps keep their data: a PostgreSQL URL, or a PGlite folder (one app at a time). */
export type DatabaseSpec = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

export function databaseEnv(database: DatabaseSpec): Record<string, string> {
  return database.kind === "postgres" ? { DATABASE_URL: database.url } : { PGLITE_DIR: database.dir };
}

/** Runs a read-only SQL query against the database (for PGlite: only while no app holds the folder). */
export async function queryDatabase<T>(database: DatabaseSpec, text: string): Promise<T[]> {
  if (database.kind === "postgres") {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const pg = new PGlite(database.dir);
  try {
    return (await pg.query<T>(text)).rows;
  } finally {
    await pg.close();
  }
}

export interface StoredTrailRow {
  id: string;
  out_order_no: string;
  operation: string;
  status: string;
  user_name: string;
  request_body: unknown;
  total_before: number | null;
  total_after: number | null;
  delta: number | null;
  created_at: Date;
  resolved_at: Date | null;
  sent_at: Date | null;
  reconciled_at: Date | null;
  reconcile_note: string | null;
  error_kind: string | null;
}

export function readTrail(database: DatabaseSpec): Promise<StoredTrailRow[]> {
  return queryDatabase<StoredTrailRow>(
    database,
    `select id, out_order_no, operation, status, user_name, request_body, total_before, total_after, delta, created_at, resolved_at,
            sent_at, reconciled_at, reconcile_note, error_kind from trail order by created_at, id`,
  );
}

/** A sandbox on a port and data folder of its own (its orders are this test's alone). */
export class OwnSandbox {
  readonly process: AppProcess;
  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {
    rmSync(dataDir, { recursive: true, force: true });
    this.process = startSandboxProcess(port, dataDir);
  }

  get url(): string {
    return this.process.url;
  }

  async ready(request: APIRequestContext): Promise<void> {
    await waitForSandbox(this.process, request);
  }

  async control<T>(request: APIRequestContext, method: "GET" | "POST" | "DELETE", path: string, data?: unknown): Promise<T> {
    // A reused keep-alive connection the sandbox had just closed fails before the request is read
    // (ECONNRESET / socket hang up): nothing happened, so it is sent once more on a new one.
    const send = () => request.fetch(`${this.url}/__sandbox/${path}`, { method, data });
    const response = await send().catch((error: unknown) => {
      if (error instanceof Error && /ECONNRESET|socket hang up/.test(error.message)) return send();
      throw error;
    });
    if (!response.ok()) throw new Error(`sandbox ${method} ${path}: HTTP ${response.status()} ${await response.text()}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  async log(request: APIRequestContext): Promise<SandboxLogEntry[]> {
    return (await this.control<{ requests: SandboxLogEntry[] }>(request, "GET", "requests")).requests;
  }

  async writes(request: APIRequestContext, outOrderNo?: string): Promise<SandboxLogEntry[]> {
    return (await this.log(request)).filter((entry) => (entry.op === "modify" || entry.op === "complete") && (outOrderNo === undefined || entry.out_order_no === outOrderNo));
  }

  addFault(request: APIRequestContext, fault: Record<string, unknown>): Promise<unknown> {
    return this.control(request, "POST", "faults", fault);
  }

  async order(request: APIRequestContext, order: DemoOrder): Promise<TServiceOrder> {
    const query = order.sub ? `?mode=${order.mode}&sub_mchid=${order.sub}` : `?mode=${order.mode}`;
    return (await this.control<{ order: { order: TServiceOrder } }>(request, "GET", `orders/${order.no}${query}`)).order.order;
  }
}

/** An app process of the production build against `sandbox` and `database`. */
export function startFleetApp(port: number, sandbox: OwnSandbox, database: DatabaseSpec, extraEnv: Record<string, string> = {}): AppProcess {
  return startApp(port, database.kind === "pglite" ? database.dir : `${sandbox.dataDir}/unused-pglite`, {
    DATA_DIR: sandbox.dataDir,
    SANDBOX_PORT: String(sandbox.port),
    ...databaseEnv(database),
    ...extraEnv,
  });
}

export async function serving(app: AppProcess, request: APIRequestContext): Promise<void> {
  await waitUntilServing(app, request, 90_000);
}

/** Signs in through an app's endpoint; returns the session cookie ("name=value"). */
export async function signInCookie(request: APIRequestContext, appUrl: string, email: string, password: string): Promise<string> {
  const response = await request.post(`${appUrl}/api/auth/sign-in/email`, {
    data: { email, password },
    headers: { Origin: appUrl },
  });
  if (!response.ok()) throw new Error(`sign-in of ${email} failed: ${response.status()} ${await response.text()}`);
  const cookie = response.headersArray().find((header) => header.name.toLowerCase() === "set-cookie" && header.value.includes("session_token="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.value.split(";")[0] as string;
}

export function demoCookie(request: APIRequestContext, appUrl: string, role: E2ERole): Promise<string> {
  return signInCookie(request, appUrl, DEMO_EMAIL[role], DEMO_PASSWORD);
}

/** The order page's data route, as a signed-in user. */
export async function snapshotOf(request: APIRequestContext, appUrl: string, cookie: string, order: DemoOrder): Promise<OrderSnapshotResult> {
  const query = order.sub ? `?sub=${order.sub}` : "";
  const response = await request.get(`${appUrl}/api/orders/${order.profileId}/${order.no}${query}`, { headers: { Cookie: cookie } });
  return (await response.json()) as OrderSnapshotResult;
}
