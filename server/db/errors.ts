// What a database failure may say once it leaves server/db. Drizzle wraps a driver error in a
// DrizzleQueryError whose message is "Failed query: <sql>\nparams: <params>", PGlite attaches the
// statement and its params to its own error, and PostgreSQL quotes values in some messages
// (`invalid input syntax for type integer: "…"`) and in `detail` ("Key (x)=(…) already exists").
// Parameters hold reasons, notes and names, and errors end up in logs: ours and Next's, which print
// the cause chain and every own property. So every error that leaves a statement is replaced here
// by a DbError built from fields that never hold a value (SQLSTATE, constraint, table, column, the
// driver's errno code) and nothing else: no cause, no SQL, no driver message.
//
// This module is also the one place that decides "the database is unavailable" (refused or lost
// connection, server shutting down, database gone, PGlite closed): route handlers answer 503 and
// server actions SERVICE_UNAVAILABLE for those, and start-up refuses to run.
import "server-only";
import { PgPreparedQuery, type PreparedQueryConfig } from "drizzle-orm/pg-core";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/service-unavailable";

export { DATABASE_UNAVAILABLE_DIGEST };

export interface DbErrorFields {
  /** SQLSTATE ("23505"), a driver errno code ("ECONNREFUSED") or one of ours ("CONNECTION_LOST"). */
  code: string | null;
  constraint: string | null;
  table: string | null;
  column: string | null;
  unavailable: boolean;
}

/** SQLSTATE condition names for the codes worth reading in a log line. */
const CONDITION_NAMES: Readonly<Record<string, string>> = {
  "23502": "not_null_violation",
  "23503": "foreign_key_violation",
  "23505": "unique_violation",
  "23514": "check_violation",
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22021": "character_not_in_repertoire",
  "22P02": "invalid_text_representation",
  "40001": "serialization_failure",
  "40P01": "deadlock_detected",
  "42P01": "undefined_table",
  "42703": "undefined_column",
  "3D000": "invalid_catalog_name",
  "28000": "invalid_authorization_specification",
  "28P01": "invalid_password",
  "53300": "too_many_connections",
  "57014": "query_canceled",
  "57P01": "admin_shutdown",
  "57P02": "crash_shutdown",
  "57P03": "cannot_connect_now",
};

/** Node errno codes meaning the server cannot be reached or the connection broke. */
const UNAVAILABLE_ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);
/** SQLSTATEs meaning the server (or this database) cannot serve us now: class 08 is added below. */
const UNAVAILABLE_SQLSTATE = new Set(["57P01", "57P02", "57P03", "53300", "3D000"]);
/** Driver errors without a code (node-postgres, PGlite), by their fixed message text. */
const UNAVAILABLE_MESSAGES: readonly [RegExp, string][] = [
  [/connection terminated/i, "CONNECTION_LOST"],
  [/not queryable/i, "CONNECTION_LOST"],
  [/timeout exceeded when trying to connect/i, "CONNECT_TIMEOUT"],
  [/connection timeout/i, "CONNECT_TIMEOUT"],
  [/cannot use a pool after calling end/i, "POOL_ENDED"],
  [/pglite is closed/i, "PGLITE_CLOSED"],
  // 55000 at connect: ALTER DATABASE … ALLOW_CONNECTIONS false (the code alone also means other things).
  [/is not currently accepting connections/i, "55000"],
];

export class DbError extends Error implements DbErrorFields {
  readonly code: string | null;
  readonly constraint: string | null;
  readonly table: string | null;
  readonly column: string | null;
  readonly unavailable: boolean;
  readonly digest: string | undefined;

  constructor(fields: DbErrorFields) {
    super(describeDbError(fields));
    this.name = "DbError";
    this.code = fields.code;
    this.constraint = fields.constraint;
    this.table = fields.table;
    this.column = fields.column;
    this.unavailable = fields.unavailable;
    if (fields.unavailable) this.digest = DATABASE_UNAVAILABLE_DIGEST;
  }
}

/** The environment setting that chose the database: named in the one line start-up prints. */
export type DatabaseSetting = "DATABASE_URL" | "PGLITE_DIR" | "DATA_DIR";

/**
 * The app's database could not be opened (start-up, or the first use after a failed start). One line
 * that names the setting, where it points (a URL without its password) and the cause; no `cause`
 * property, so nothing below it (a driver error, a stack) is printed with it.
 */
export class DatabaseOpenError extends Error {
  readonly code: string;
  constructor(
    readonly setting: DatabaseSetting,
    readonly location: string,
    error: unknown,
  ) {
    const code = openFailureCode(error);
    const detail = openFailureDetail(error);
    const cause = detail === null ? code : detail.startsWith(code) ? detail : `${code}: ${detail}`;
    super(
      `数据库无法打开：${setting}=${location}（${code}）。/ The database cannot be opened: ${setting}=${location} (${cause}). ` +
        (setting === "DATABASE_URL" ? "Start the PostgreSQL server or correct DATABASE_URL." : `Point ${setting} at a folder this process can create and write.`),
    );
    this.name = "DatabaseOpenError";
    this.code = code;
  }
}

function openFailureCode(error: unknown): string {
  for (const candidate of causeChain(error)) {
    const code = stringField(candidate, "code");
    if (code !== null) return CONDITION_NAMES[code] ? `${code} ${CONDITION_NAMES[code]}` : code;
    const inner: unknown = Reflect.get(candidate, "errors");
    if (Array.isArray(inner) && typeof inner[0] === "object" && inner[0] !== null) {
      const first = stringField(inner[0] as object, "code");
      if (first !== null) return first;
    }
  }
  const known = causeChain(error).map(unavailableCode).find((code) => code !== null);
  return known ?? (error instanceof Error ? error.name : "unknown");
}

/**
 * The driver's or the file system's own words, first line only. Opening runs no statement with
 * values in it (only the migrations), so these messages hold paths and server names, not data.
 */
function openFailureDetail(error: unknown): string | null {
  const innermost = causeChain(error).at(-1);
  const message: unknown = innermost ? Reflect.get(innermost, "message") : undefined;
  if (typeof message !== "string" || message === "") return null;
  return message.split("\n")[0]?.slice(0, 200) ?? null;
}

function describeDbError(fields: DbErrorFields): string {
  const head = fields.unavailable ? "database unavailable" : "database statement failed";
  const code = fields.code ? ` ${fields.code}${CONDITION_NAMES[fields.code] ? ` ${CONDITION_NAMES[fields.code]}` : ""}` : "";
  const where = [
    fields.constraint ? `constraint ${fields.constraint}` : null,
    fields.table ? `table ${fields.table}` : null,
    fields.column ? `column ${fields.column}` : null,
  ].filter((part) => part !== null);
  return `${head}:${code || " (no code)"}${where.length > 0 ? ` (${where.join(", ")})` : ""}`;
}

function stringField(value: object, key: string): string | null {
  const field: unknown = Reflect.get(value, key);
  return typeof field === "string" && field !== "" ? field : null;
}

/** The driver's own error under drizzle's wrapper (and any other wrapper that sets `cause`). */
function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  while (typeof current === "object" && current !== null && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    current = Reflect.get(current, "cause");
  }
  return chain;
}

function unavailableCode(candidate: object): string | null {
  const code = stringField(candidate, "code");
  if (code !== null && (UNAVAILABLE_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return code;
  // AggregateError (a host name resolving to several addresses, all refused) keeps the codes inside.
  const inner: unknown = Reflect.get(candidate, "errors");
  if (Array.isArray(inner)) {
    for (const entry of inner) {
      if (typeof entry === "object" && entry !== null) {
        const found = unavailableCode(entry);
        if (found !== null) return found;
      }
    }
  }
  const message: unknown = Reflect.get(candidate, "message");
  if (typeof message === "string") {
    for (const [pattern, name] of UNAVAILABLE_MESSAGES) if (pattern.test(message)) return name;
  }
  return null;
}

/** The safe fields of any error thrown while talking to the database (a DbError is returned as is). */
export function toDbError(error: unknown): DbError {
  if (error instanceof DbError) return error;
  const chain = causeChain(error);
  for (const candidate of chain) {
    const code = unavailableCode(candidate);
    if (code !== null) return new DbError({ code, constraint: null, table: null, column: null, unavailable: true });
  }
  // The innermost error with a SQLSTATE is the database's own report.
  const reported = [...chain].reverse().find((candidate) => {
    const code = stringField(candidate, "code");
    return code !== null && /^[0-9A-Z]{5}$/.test(code);
  });
  if (!reported) return new DbError({ code: null, constraint: null, table: null, column: null, unavailable: false });
  return new DbError({
    code: stringField(reported, "code"),
    constraint: stringField(reported, "constraint"),
    table: stringField(reported, "table"),
    column: stringField(reported, "column"),
    unavailable: false,
  });
}

/**
 * True when the error (or anything in its cause chain) says the database cannot be reached now, as
 * opposed to a statement the database refused.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DbError) return error.unavailable;
  if (error instanceof DatabaseOpenError) return true;
  return causeChain(error).some((candidate) => candidate instanceof DbError ? candidate.unavailable : unavailableCode(candidate) !== null);
}

/** A unique violation, optionally of one named constraint (e.g. "trail_idempotency_key_unique"). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = causeChain(error).find((candidate): candidate is DbError => candidate instanceof DbError);
  const fields = found ?? toDbError(error);
  return fields.code === "23505" && (constraint === undefined || fields.constraint === constraint);
}

/**
 * One line about any error, safe for a log: a database error by its safe fields, anything else by
 * its class and message (whatever is under `cause` is left out, as it may be a driver error).
 */
export function describeErrorForLog(error: unknown): string {
  if (error instanceof DbError) return `${error.name}: ${error.message}`;
  const chain = causeChain(error);
  if (chain.some((candidate) => Reflect.get(candidate, "query") !== undefined || Reflect.get(candidate, "params") !== undefined || /^Failed query:/.test(String(Reflect.get(candidate, "message"))))) {
    const safe = toDbError(error);
    return `${safe.name}: ${safe.message}`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message.split("\n")[0] ?? ""}`;
  return "unknown error";
}

type QueryWithCache = (this: PgPreparedQuery<PreparedQueryConfig>, queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;
const SANITIZED = Symbol.for("payscore.db.sanitizedQueryErrors");

/**
 * Every statement drizzle runs on PostgreSQL or PGlite — selects, inserts, `db.execute`, relational
 * queries, a transaction's begin/commit/rollback — goes through PgPreparedQuery.queryWithCache, where
 * drizzle builds its DrizzleQueryError. Wrapping that one method turns every such failure into a
 * DbError before it reaches any caller. Idempotent; installed when a database is opened.
 */
export function installQueryErrorSanitizer(): void {
  const prototype = PgPreparedQuery.prototype as unknown as { queryWithCache?: QueryWithCache; [SANITIZED]?: true };
  if (prototype[SANITIZED]) return;
  const original = prototype.queryWithCache;
  if (typeof original !== "function") {
    // A drizzle upgrade moved it: refuse to run without the guarantee rather than leak parameters.
    throw new Error("drizzle-orm: PgPreparedQuery.queryWithCache not found; the query error sanitizer cannot be installed");
  }
  prototype.queryWithCache = async function queryWithSafeErrors(this: PgPreparedQuery<PreparedQueryConfig>, queryString, params, query) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (error) {
      throw toDbError(error);
    }
  };
  prototype[SANITIZED] = true;
}
