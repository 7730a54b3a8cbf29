// The job queue: one pg-boss per process, on the app's own database — PostgreSQL through the app's
// pool, the embedded PGlite through a small adapter on the very PGlite instance the app holds (one
// process per data folder; STACK.md: PGlite refuses several statements in one prepared statement, so
// statements without parameters go through exec(), and pg-boss needs the rows of every statement).
// Started on first use (or at start-up by server/bulk/worker.ts), stopped cleanly by stopBoss().
import "server-only";
import { PgBoss, type Db as IDatabase } from "pg-boss";
import type { PGlite } from "@electric-sql/pglite";
import { getDbHandle, type DbHandle } from "@/server/db";

/** pg-boss's own tables live in their own schema, beside the console's. */
export const BOSS_SCHEMA = "pgboss";

// The app's PGlite keeps timestamps as text for drizzle (server/db/pglite-client.ts); pg-boss reads
// them as dates, as node-postgres gives them.
const toDate = (value: string): Date => new Date(value);
const BOSS_PARSERS = { 1114: toDate, 1184: toDate };

/** pg-boss's `db` for a PGlite instance. */
export function pgliteBossDb(pglite: PGlite): IDatabase {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        const result = await pglite.query(text, values, { parsers: BOSS_PARSERS });
        return { rows: result.rows as unknown[] };
      }
      const results = await pglite.exec(text, { parsers: BOSS_PARSERS });
      return { rows: results.flatMap((result) => result.rows as unknown[]) };
    },
  };
}

/** A new, unstarted pg-boss on a database handle (tests and the bench make their own). */
export function createBoss(handle: DbHandle): PgBoss {
  const common = { schema: BOSS_SCHEMA, supervise: true, schedule: false } as const;
  const boss =
    handle.raw.kind === "pglite"
      ? new PgBoss({ ...common, db: pgliteBossDb(handle.raw.pglite) })
      : new PgBoss({ ...common, db: poolBossDb(handle.raw.pool) });
  boss.on("error", (error: unknown) => console.error(`[jobs] pg-boss: ${error instanceof Error ? error.message : "unknown error"}`));
  return boss;
}

/** pg-boss's `db` on the app's node-postgres pool (no second pool per process). */
function poolBossDb(pool: import("pg").Pool): IDatabase {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await pool.query(text, values);
      // A multi-statement text answers one result per statement.
      const results = Array.isArray(result) ? (result as { rows: unknown[] }[]) : [result];
      return { rows: results.flatMap((entry) => entry.rows) };
    },
  };
}

/** Arbitrary, fixed key: instances starting together on one fresh PostgreSQL install pg-boss one at a time. */
const BOSS_START_LOCK_KEY = 7_240_311_020;

/**
 * Starts a pg-boss made by createBoss. On PostgreSQL the start (which installs or migrates pg-boss's
 * schema on first use) holds an advisory lock: two instances installing at once race on CREATE SCHEMA.
 */
export async function startBoss(handle: DbHandle, boss: PgBoss): Promise<PgBoss> {
  if (handle.raw.kind !== "postgres") return boss.start();
  const client = await handle.raw.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [BOSS_START_LOCK_KEY]);
    try {
      return await boss.start();
    } finally {
      await client.query("select pg_advisory_unlock($1)", [BOSS_START_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

const globalStore = globalThis as typeof globalThis & { __payscoreBoss?: Promise<PgBoss> };

/** The app's pg-boss, started on first call. */
export function getBoss(): Promise<PgBoss> {
  if (!globalStore.__payscoreBoss) {
    const starting = (async () => {
      const handle = await getDbHandle();
      return startBoss(handle, createBoss(handle));
    })();
    globalStore.__payscoreBoss = starting;
    starting.catch(() => {
      if (globalStore.__payscoreBoss === starting) globalStore.__payscoreBoss = undefined;
    });
  }
  return globalStore.__payscoreBoss;
}

/** Stops the app's pg-boss if it was started (workers finish their current job first). */
export async function stopBoss(options: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const starting = globalStore.__payscoreBoss;
  globalStore.__payscoreBoss = undefined;
  if (!starting) return;
  const boss = await starting.catch(() => undefined);
  await boss?.stop({ graceful: options.graceful ?? true, timeout: options.timeoutMs ?? 10_000, close: false });
}
