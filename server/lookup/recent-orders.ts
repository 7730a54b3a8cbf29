// The lookup page's "recent orders": the orders changed last, one line per order (its latest
// change), as the page and GET /api/orders/recent hand them to the browser.
import "server-only";
import { latestPerOrder, type RecentOrder } from "@/lib/orders/recent";
import { findRecentTrail } from "@/server/audit/trail";
import { getDb } from "@/server/db";

/** How many trail rows are read to find the recent orders (several rows may be one order's). */
const ROWS_READ = 50;

export async function findRecentOrders(): Promise<RecentOrder[]> {
  const rows = await findRecentTrail(await getDb(), ROWS_READ);
  return latestPerOrder(
    rows.map((row) => ({
      id: row.id,
      profileId: row.profileId,
      subMchid: row.subMchid,
      outOrderNo: row.outOrderNo,
      operation: row.operation,
      status: row.status,
      userName: row.userName,
      createdAt: row.createdAt.toISOString(),
    })),
  );
}
