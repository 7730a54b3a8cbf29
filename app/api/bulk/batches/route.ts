// GET /api/bulk/batches: every batch, newest first (BulkBatchView[]), for the bulk page's list.
import { getDb } from "@/server/db";
import { listBatchViews } from "@/server/bulk/batches";
import { bulkRoute, json } from "@/server/bulk/routes";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return bulkRoute("bulk batches", async () => json(await listBatchViews(await getDb())));
}
