// The committed migrations apply on an empty PGlite and on an empty PostgreSQL database, produce every
// table of the schema, and are idempotent (a second start re-applies nothing).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db } from "./index";
import { type TestDatabase, createTestPglite, createTestPostgres, shouldTestPostgres } from "./testing";
import { user } from "./schema";

const EXPECTED_TABLES = ["account", "approval_policy", "approval_policy_event", "bulk_batch", "bulk_rate", "bulk_row", "notification", "platform_certificate", "rate_limit", "review_count", "review_event", "session", "sign_in_throttle", "trail", "trail_event", "trail_review", "user", "verification"];

async function publicTables(db: Db): Promise<string[]> {
  const result = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return result.rows.map((row) => row.table_name);
}

async function appliedMigrations(db: Db): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(result.rows[0]?.n);
}

const runPostgres = await shouldTestPostgres();
const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((database) => database.dispose()));
});

describe.each([
  ["PGlite (memory)", createTestPglite, true],
  ["PostgreSQL", createTestPostgres, runPostgres],
] as const)("[DB] migrations on an empty %s", (_name, create, enabled) => {
  let database: TestDatabase | undefined;
  // Opening PGlite takes seconds on a busy machine: do it in a hook, which has the longer timeout.
  beforeAll(async () => {
    if (!enabled) return;
    database = await create();
    opened.push(database);
  });

  it.runIf(enabled)("creates every table and records the migrations", async () => {
    const { db } = database!;
    expect(await publicTables(db)).toEqual(EXPECTED_TABLES);
    expect(await appliedMigrations(db)).toBeGreaterThan(0);
    // The schema works end to end: a row goes in and comes back with its defaults.
    await db.insert(user).values({ id: "u1", name: "测试", email: "t@example.com", role: "agent" });
    const rows = await db.select().from(user);
    expect(rows).toMatchObject([{ id: "u1", banned: false, emailVerified: false, role: "agent" }]);
  });
});

it.runIf(runPostgres)("[DB] PostgreSQL: migrating an already migrated database changes nothing", async () => {
  const database = await createTestPostgres();
  opened.push(database);
  const before = await appliedMigrations(database.db);
  const { createDb } = await import("./index");
  const url = new URL((await import("@/server/env")).getEnv().TEST_DATABASE_URL);
  url.pathname = new URL(database.location).pathname;
  // A second "instance" against the same database migrates again under the advisory lock: no error, no new rows.
  const second = await createDb(url.toString());
  try {
    expect(await appliedMigrations(second.db)).toBe(before);
  } finally {
    await second.close();
  }
});
