// Test databases: a fresh in-memory PGlite, and — when TEST_DATABASE_URL's server answers — a fresh
// PostgreSQL database created for this run and dropped after it, so runs never collide. On CI
// (env CI set) an unreachable PostgreSQL is an error, not a skip: a broken PostgreSQL path must turn
// CI red. Used by server/db/*.test.ts and by anyone who needs "the same test on both databases".
import "server-only";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { getEnv, isCI } from "@/server/env";
import { type DbHandle, createDb } from "./index";

export interface TestDatabase extends DbHandle {
  /** Closes the handle and drops the per-run PostgreSQL database. */
  dispose(): Promise<void>;
}

export type PostgresAvailability = { available: true; url: string } | { available: false; reason: string };

let probe: Promise<PostgresAvailability> | undefined;

/** Whether the test PostgreSQL server answers (probed once per test file). */
export function probeTestPostgres(): Promise<PostgresAvailability> {
  probe ??= (async () => {
    const url = getEnv().TEST_DATABASE_URL;
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return { available: true as const, url };
    } catch (error) {
      return { available: false as const, reason: `${url}: ${(error as Error).message}` };
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return probe;
}

/**
 * True when the PostgreSQL variant of the tests should run. Throws on CI when the server is not
 * reachable, so the suite fails instead of silently skipping.
 */
export async function shouldTestPostgres(): Promise<boolean> {
  const availability = await probeTestPostgres();
  if (availability.available) return true;
  if (isCI()) throw new Error(`PostgreSQL is required on CI but not reachable (${availability.reason}).`);
  console.warn(`[test] PostgreSQL not reachable, its tests are skipped: ${availability.reason}`);
  return false;
}

export async function createTestPglite(): Promise<TestDatabase> {
  const handle = await createDb("memory://");
  return { ...handle, dispose: () => handle.close() };
}

/** A brand-new, migrated PostgreSQL database on the test server (dropped by dispose()). */
export async function createTestPostgres(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const availability = await probeTestPostgres();
  if (!availability.available) throw new Error(`PostgreSQL not reachable: ${availability.reason}`);
  const name = `payscore_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: availability.url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(availability.url);
  url.pathname = `/${name}`;
  const handle = await createDb(url.toString(), options);
  return {
    ...handle,
    async dispose() {
      await handle.close();
      const dropper = new Client({ connectionString: availability.url });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
