// The "recent orders" list of the lookup page: the orders changed last, one line per order (its
// latest change), newest first. The server picks the rows; the browser keeps them fresh.
import type { TrailRowView } from "./snapshot";

export interface RecentOrder {
  /** The trail row of the order's latest change. */
  id: string;
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
  operation: TrailRowView["operation"];
  status: TrailRowView["status"];
  userName: string;
  createdAt: string;
}

/** How many orders the list shows. */
export const RECENT_ORDERS_SHOWN = 10;

/** One line per order (its first row, the rows being newest first), at most `limit` lines. */
export function latestPerOrder<T extends { profileId: string; subMchid: string | null; outOrderNo: string }>(rows: readonly T[], limit = RECENT_ORDERS_SHOWN): T[] {
  const seen = new Set<string>();
  const latest: T[] = [];
  for (const row of rows) {
    const key = `${row.profileId}|${row.subMchid ?? ""}|${row.outOrderNo}`;
    if (seen.has(key)) continue;
    seen.add(key);
    latest.push(row);
    if (latest.length === limit) break;
  }
  return latest;
}
