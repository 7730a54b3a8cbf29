// DrizzlePGlite must give drizzle exactly what a plain PGlite gives it: the same rows for every
// type drizzle keeps as text (and for the rest), through the query builder and through db.execute.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { DrizzlePGlite, DRIZZLE_TEXT_TYPE_OIDS, isDrizzleTextParsers } from "./pglite-client";

let plain: PGlite;
let ours: DrizzlePGlite;

beforeAll(async () => {
  plain = new PGlite("memory://");
  ours = new DrizzlePGlite("memory://");
  await Promise.all([plain.waitReady, ours.waitReady]);
  ours.installDrizzleParsers();
});

afterAll(async () => {
  await Promise.all([plain?.close(), ours?.close()]);
});

const TYPES_QUERY = sql`select
  timestamp '2026-12-07 12:34:56.789' as ts,
  timestamptz '2026-12-07 12:34:56.789+08' as tstz,
  interval '1 day 02:03:04' as iv,
  date '2026-12-07' as d,
  array[1.50, 2.25]::numeric[] as nums,
  array[timestamp '2026-12-07 01:02:03']::timestamp[] as tss,
  array[timestamptz '2026-12-07 01:02:03+00']::timestamptz[] as tstzs,
  array[interval '1 hour']::interval[] as ivs,
  array[date '2026-12-07']::date[] as ds,
  42::int as n, 'x'::text as t, '{"a":[1,2]}'::jsonb as j, array[1, 2]::int[] as ints, true as b`;

describe("DrizzlePGlite", () => {
  it("db.execute: the same rows as a plain PGlite, dates and intervals as text", async () => {
    const [a, b] = await Promise.all([drizzle({ client: plain }).execute(TYPES_QUERY), drizzle({ client: ours }).execute(TYPES_QUERY)]);
    expect(b.rows).toEqual(a.rows);
    expect(b.rows[0]).toEqual({
      ts: "2026-12-07 12:34:56.789",
      tstz: "2026-12-07 04:34:56.789+00",
      iv: "1 day 02:03:04",
      d: "2026-12-07",
      nums: "{1.50,2.25}",
      tss: '{"2026-12-07 01:02:03"}',
      tstzs: '{"2026-12-07 01:02:03+00"}',
      ivs: '{01:00:00}',
      ds: "{2026-12-07}",
      n: 42,
      t: "x",
      j: { a: [1, 2] },
      ints: [1, 2],
      b: true,
    });
  });

  it("the query builder (array rows, drizzle's mapping): the same values as a plain PGlite", async () => {
    const select = (client: PGlite) =>
      drizzle({ client })
        .select({ at: sql<Date>`timestamptz '2026-12-07 12:00:00+08'`.mapWith((value: string) => new Date(value)), n: sql<number>`7` })
        .from(sql`(select 1) as one`);
    const [a, b] = await Promise.all([select(plain), select(ours)]);
    expect(b).toEqual(a);
    expect(b[0]?.at.toISOString()).toBe("2026-12-07T04:00:00.000Z");
  });

  it("leaves out only drizzle's own set of parsers: other parsers still apply", async () => {
    expect(isDrizzleTextParsers(Object.fromEntries(DRIZZLE_TEXT_TYPE_OIDS.map((oid) => [oid, (v: string) => v])))).toBe(true);
    expect(isDrizzleTextParsers({ 1114: (v: string) => v })).toBe(false);
    expect(isDrizzleTextParsers(undefined)).toBe(false);
    const result = await ours.query<{ n: string }>("select 7::int as n", [], { parsers: { 23: (value: string) => `int:${value}` } });
    expect(result.rows).toEqual([{ n: "int:7" }]);
  });
});
