// The trends view's shaping: the default period (the last 30 days in Beijing time), and every day of
// the period present in the series — a day without changes is a zero, not a gap in the chart.
import type { ReviewFilters } from "./filters";
import type { TrendDay } from "./view";

export const TREND_DEFAULT_DAYS = 30;
export const TREND_MAX_DAYS = 366;
export const TREND_TOP_AGENTS = 10;

/** Today's date in Beijing time, YYYY-MM-DD. */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The filters with a period filled in (and capped at TREND_MAX_DAYS) where the URL gave none. */
export function trendFilters(filters: ReviewFilters, now: Date = new Date()): ReviewFilters & { from: string; to: string } {
  const to = filters.to ?? (filters.from && filters.from > beijingToday(now) ? filters.from : beijingToday(now));
  let from = filters.from ?? addDays(to, -(TREND_DEFAULT_DAYS - 1));
  if (addDays(from, TREND_MAX_DAYS - 1) < to) from = addDays(to, -(TREND_MAX_DAYS - 1));
  return { ...filters, from, to };
}

/** Every day from `from` to `to`, with the days found and zeros elsewhere. */
export function fillTrendDays(from: string, to: string, found: readonly TrendDay[]): TrendDay[] {
  const byDay = new Map(found.map((day) => [day.day, day]));
  const days: TrendDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(byDay.get(day) ?? { day, total: 0, byReason: {}, netDeltaFen: 0, reducedFen: 0, flagged: 0 });
  }
  return days;
}
