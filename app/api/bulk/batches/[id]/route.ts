// GET /api/bulk/batches/[id]: one batch (BulkBatchView), polled by the batch page.
import { getDb } from "@/server/db";
import { getBatchView } from "@/server/bulk/batches";
import { batchRoute } from "@/server/bulk/routes";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return batchRoute("bulk batch", id, async (batchId) => getBatchView(await getDb(), batchId));
}
