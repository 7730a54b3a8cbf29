// Aggregates for the trends view, over the same filtered set as the list: changes per day by reason
// category, the amount adjusted per day (succeeded changes only — a failed call moved no money),
// flagged share, and the agents with the most changes. Days are calendar days in Beijing time.
// The counts read trail alone; flags come from a second, small query over flagged rows — joining
// every trail row to its review state would cost more than the whole aggregate.
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { ReviewFilters } from "@/lib/review/filters";
import type { ReviewScope } from "@/lib/review/states";
import { TREND_TOP_AGENTS, fillTrendDays, trendFilters } from "@/lib/review/trends";
import type { ReviewTrends, TrendAgent, TrendDay } from "@/lib/review/view";
import type { Db } from "@/server/db";
import { trail, trailReview } from "@/server/db/schema";
import { reviewConditions } from "./queries";

/** The Beijing calendar day of a row (grouped on the date, formatted once per group). */
const dayKey = sql`(${trail.createdAt} at time zone 'Asia/Shanghai')::date`;
const dayText = sql<string>`to_char(${dayKey}, 'YYYY-MM-DD')`;
const succeededDelta = sql`case when ${trail.status} = 'succeeded' then ${trail.delta} end`;
const netDelta = sql<string>`coalesce(sum(${succeededDelta}), 0)::bigint`;
const reduced = sql<string>`coalesce(sum(least(${succeededDelta}, 0)), 0)::bigint`;
const changes = sql<number>`count(*)::int`;

export async function loadReviewTrends(db: Db, filters: ReviewFilters, scope: ReviewScope, now: Date = new Date()): Promise<ReviewTrends & { from: string; to: string }> {
  const period = trendFilters(filters, now);
  const conditions = reviewConditions(period, scope);
  // A reviewed/flagged filter names trail_review's state: only then must the counts join it.
  const joinsReview = period.review === "reviewed" || period.review === "flagged";
  const from = () => {
    const base = db.select({ day: dayText, reason: trail.reasonCategory, changes, netDelta, reduced }).from(trail);
    return joinsReview ? base.innerJoin(trailReview, eq(trailReview.trailId, trail.id)) : base;
  };
  const agentsFrom = () => {
    const base = db.select({ userId: trail.userId, userName: sql<string>`max(${trail.userName})`, changes, netDelta }).from(trail);
    return joinsReview ? base.innerJoin(trailReview, eq(trailReview.trailId, trail.id)) : base;
  };
  const [dayRows, agentRows, flaggedRows] = await Promise.all([
    from()
      .where(and(...conditions))
      .groupBy(dayKey, trail.reasonCategory),
    agentsFrom()
      .where(and(...conditions))
      .groupBy(trail.userId)
      .orderBy(desc(changes), trail.userId)
      .limit(TREND_TOP_AGENTS),
    db
      .select({ day: dayText, userId: trail.userId, flagged: changes })
      .from(trail)
      .innerJoin(trailReview, eq(trailReview.trailId, trail.id))
      .where(and(...conditions, eq(trailReview.state, "flagged")))
      .groupBy(dayKey, trail.userId),
  ]);

  const days = new Map<string, TrendDay>();
  const dayOf = (day: string) => {
    const entry = days.get(day) ?? { day, total: 0, byReason: {}, netDeltaFen: 0, reducedFen: 0, flagged: 0 };
    days.set(day, entry);
    return entry;
  };
  for (const row of dayRows) {
    const entry = dayOf(row.day);
    entry.total += row.changes;
    entry.byReason[row.reason] = (entry.byReason[row.reason] ?? 0) + row.changes;
    entry.netDeltaFen += Number(row.netDelta);
    entry.reducedFen += Number(row.reduced);
  }
  const flaggedByAgent = new Map<string, number>();
  for (const row of flaggedRows) {
    dayOf(row.day).flagged += row.flagged;
    flaggedByAgent.set(row.userId, (flaggedByAgent.get(row.userId) ?? 0) + row.flagged);
  }
  const series = fillTrendDays(period.from, period.to, [...days.values()]);
  const agents: TrendAgent[] = agentRows.map((row) => ({
    userId: row.userId,
    userName: row.userName,
    changes: row.changes,
    flagged: flaggedByAgent.get(row.userId) ?? 0,
    netDeltaFen: Number(row.netDelta),
  }));
  return {
    from: period.from,
    to: period.to,
    days: series,
    agents,
    total: series.reduce((sum, d) => sum + d.total, 0),
    flagged: series.reduce((sum, d) => sum + d.flagged, 0),
  };
}
