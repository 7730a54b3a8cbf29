// The PGlite client that drizzle is given. drizzle's PGlite driver passes the same nine parsers with
// every query (dates, timestamps, intervals and their arrays stay text, as with node-postgres), and
// PGlite merges them into its own ~320 type parsers on each call: an object spread that cost about
// 0.1 ms per query here, a tenth of a trail write. This client holds those nine parsers itself and
// leaves drizzle's copy out of the call, so results are the same and nothing is merged per query.
import "server-only";
import { PGlite, type QueryOptions, type Results } from "@electric-sql/pglite";

/** The type OIDs drizzle-orm/pglite keeps as text: timestamp, timestamptz, interval, date, numeric[], and the arrays of the first four. */
export const DRIZZLE_TEXT_TYPE_OIDS: readonly number[] = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];

const asText = (value: string): string => value;
const TEXT_KEYS = new Set(DRIZZLE_TEXT_TYPE_OIDS.map(String));

/** Whether a query's parsers are exactly drizzle's text parsers (the same type OIDs). */
export function isDrizzleTextParsers(parsers: QueryOptions["parsers"]): boolean {
  if (!parsers) return false;
  const keys = Object.keys(parsers);
  return keys.length === TEXT_KEYS.size && keys.every((key) => TEXT_KEYS.has(key));
}

export class DrizzlePGlite extends PGlite {
  /** Call after waitReady (which builds the array parsers these override). */
  installDrizzleParsers(): void {
    for (const oid of DRIZZLE_TEXT_TYPE_OIDS) this.parsers[oid] = asText;
  }

  override query<T>(query: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    if (options && isDrizzleTextParsers(options.parsers)) {
      const { parsers: _sameAsOurs, ...rest } = options;
      return super.query<T>(query, params, rest);
    }
    return super.query<T>(query, params, options);
  }
}
