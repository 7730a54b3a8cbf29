// The rate limit of bulk calls, per merchant identity (mchid) and API, shared by every app instance on
// the database: one row per key holds the next free slot; taking a slot moves it on by 1/rate in one
// statement (greatest(next_at, now()) + 1/rate), and the caller waits until its slot. A 429 halves the
// key's rate and pushes its next slot a second ahead; each call after that lets the rate recover by
// 2 % until it is back at the configured one. The clock is the database's, so instances agree.
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { getEnv } from "@/server/env";

export function configuredRate(): number {
  return getEnv().BULK_RATE_PER_SECOND;
}

export function rateKey(mchid: string, api: "query" | "modify"): string {
  return `${mchid}:${api}`;
}

/** Takes the key's next slot and waits until it comes. */
export async function takeSlot(db: Db, key: string, configured: number = configuredRate()): Promise<void> {
  const result = await db.execute<{ wait_ms: number }>(sql`
    insert into bulk_rate as r (key, next_at, rate)
    values (${key}, clock_timestamp() + make_interval(secs => 1.0 / ${configured}::float8), ${configured}::float8)
    on conflict (key) do update set
      rate = least(${configured}::float8, r.rate * 1.02),
      next_at = greatest(r.next_at, clock_timestamp()) + make_interval(secs => 1.0 / least(${configured}::float8, r.rate * 1.02))
    returning greatest(0, extract(epoch from (r.next_at - make_interval(secs => 1.0 / r.rate) - clock_timestamp())) * 1000)::float8 as wait_ms`);
  const wait = Number(result.rows[0]?.wait_ms ?? 0);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** WeChat said "too many": the key's rate halves (not below 0.5/s) and its next slot moves a second on. */
export async function throttle(db: Db, key: string, configured: number = configuredRate()): Promise<void> {
  await db.execute(sql`
    insert into bulk_rate as r (key, next_at, rate, throttled_at)
    values (${key}, clock_timestamp() + interval '1 second', greatest(0.5, ${configured}::float8 / 2), clock_timestamp())
    on conflict (key) do update set
      rate = greatest(0.5, r.rate / 2),
      next_at = greatest(r.next_at, clock_timestamp() + interval '1 second'),
      throttled_at = clock_timestamp()`);
}
