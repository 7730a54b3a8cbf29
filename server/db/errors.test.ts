// A failed statement never carries its parameters out of the database layer: reasons, notes and
// names travel as parameters, and an error's message, its cause chain and its own properties all
// end up in logs (ours and Next's). What callers need stays: the SQLSTATE and the constraint name.
// On PGlite and on PostgreSQL, with statements that fail in different places (a unique index, a
// check constraint inside a transaction, a type conversion whose PostgreSQL message quotes the value).
import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { DATABASE_UNAVAILABLE_DIGEST, DbError, describeErrorForLog, isDatabaseUnavailable, isUniqueViolation } from "./errors";
import { createDb } from "./index";
import { trail } from "./schema";
import { type TestDatabase, createTestPglite, createTestPostgres, probeTestPostgres, shouldTestPostgres } from "./testing";

const SECRET = "SECRET-REASON-123";

const runPostgres = await shouldTestPostgres();
const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((database) => database.dispose()));
});

function trailRow(idempotencyKey: string, overrides: Partial<typeof trail.$inferInsert> = {}): typeof trail.$inferInsert {
  return {
    idempotencyKey,
    userId: "u-1",
    userName: "演示客服",
    userRole: "agent",
    profileId: "demo-merchant",
    mode: "merchant",
    outOrderNo: "DEMO-1",
    operation: "modify",
    requestBody: {},
    reasonCategory: "billing_error",
    reasonText: SECRET,
    ...overrides,
  };
}

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("the statement did not fail");
}

/** Everything a logger could print of an error: message, stack, own properties, the cause chain. */
function everythingLoggable(error: unknown): string {
  const parts = [inspect(error, { depth: 10, showHidden: true }), String(error)];
  if (error instanceof Error) parts.push(error.message, error.stack ?? "", JSON.stringify(error));
  return parts.join("\n");
}

interface CodedError {
  code?: unknown;
  constraint?: unknown;
}

describe.each([
  ["PGlite", createTestPglite, true],
  ["PostgreSQL", createTestPostgres, runPostgres],
] as const)("[DB][ERRORS] a failed statement on %s", (_name, create, enabled) => {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    database = await create();
    opened.push(database);
  });

  it.runIf(enabled)("unique violation: code 23505 and the constraint name, no parameter anywhere in the error", async () => {
    const { db } = database!;
    await db.insert(trail).values(trailRow("key-dup"));
    const error = await caught(() => db.insert(trail).values(trailRow("key-dup", { internalNote: `note ${SECRET}` })));
    expect(error).toBeInstanceOf(Error);
    expect((error as CodedError).code).toBe("23505");
    expect((error as CodedError).constraint).toBe("trail_idempotency_key_unique");
    expect(everythingLoggable(error)).not.toContain(SECRET);
    expect(everythingLoggable(error)).not.toContain("key-dup");
    expect(isUniqueViolation(error, "trail_idempotency_key_unique")).toBe(true);
    expect(isUniqueViolation(error, "user_email_unique")).toBe(false);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(describeErrorForLog(error)).toBe("DbError: database statement failed: 23505 unique_violation (constraint trail_idempotency_key_unique, table trail)");
  });

  it.runIf(enabled)("check violation inside a transaction: code 23514 and the constraint, no parameter", async () => {
    const { db } = database!;
    const error = await caught(() =>
      db.transaction(async (tx) => {
        await tx.insert(trail).values(trailRow("key-check-1"));
        await tx.insert(trail).values(trailRow("key-check-2", { status: SECRET as "pending" }));
      }),
    );
    expect((error as CodedError).code).toBe("23514");
    expect((error as CodedError).constraint).toBe("trail_status_check");
    expect(everythingLoggable(error)).not.toContain(SECRET);
  });

  it.runIf(enabled)("a type conversion whose PostgreSQL message quotes the value: code 22P02, the value nowhere", async () => {
    const { db } = database!;
    const error = await caught(() => db.execute(sql`select ${SECRET}::int as n`));
    expect((error as CodedError).code).toBe("22P02");
    expect(everythingLoggable(error)).not.toContain(SECRET);
  });
});

describe("[DB][ERRORS] database unavailable", () => {
  it("a PostgreSQL server that refuses the connection: unavailable, and the log line names no password", async () => {
    const error = await caught(() => createDb("postgres://console:hunter2-SECRET@127.0.0.1:1/x"));
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(describeErrorForLog(error)).not.toContain("hunter2");
  });

  it("a closed PGlite: DbError PGLITE_CLOSED, unavailable, with the digest the error pages look for", async () => {
    const database = await createTestPglite();
    await database.dispose();
    const error = await caught(() => database.db.execute(sql`select ${SECRET} as x`));
    expect(error).toBeInstanceOf(DbError);
    expect(error).toMatchObject({ code: "PGLITE_CLOSED", unavailable: true, digest: DATABASE_UNAVAILABLE_DIGEST });
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(everythingLoggable(error)).not.toContain(SECRET);
  });

  it.runIf(runPostgres)("a PostgreSQL database dropped under an open pool: every later statement is unavailable", async () => {
    const database = await createTestPostgres();
    const probe = await probeTestPostgres();
    if (!probe.available) throw new Error(probe.reason);
    const name = (await database.db.execute<{ name: string }>(sql`select current_database() as name`)).rows[0]?.name ?? "";
    const admin = new Client({ connectionString: probe.url });
    await admin.connect();
    try {
      await admin.query(`drop database "${name}" with (force)`);
    } finally {
      await admin.end();
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await caught(() => database.db.insert(trail).values(trailRow(`key-lost-${attempt}`)));
      expect(error).toBeInstanceOf(DbError);
      expect((error as DbError).code).toMatch(/^(57P01|3D000|CONNECTION_LOST)$/);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(everythingLoggable(error)).not.toContain(SECRET);
    }
    await database.close().catch(() => undefined);
  });

  it("a statement the database refused is not 'unavailable'; errno and SQLSTATE class 08 are", () => {
    expect(isDatabaseUnavailable(new DbError({ code: "23505", constraint: "c", table: null, column: null, unavailable: false }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "08006" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('database "x" is not currently accepting connections'), { code: "55000" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("currval of sequence is not yet defined in this session"), { code: "55000" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("something else"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
