// GET /api/bulk/batches/[id]/rows: every row of a batch in file order (BulkBatchRowView[]).
import { getDb } from "@/server/db";
import { getBatchRows } from "@/server/bulk/batches";
import { batchRoute } from "@/server/bulk/routes";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return batchRoute("bulk rows", id, async (batchId) => getBatchRows(await getDb(), batchId));
}
