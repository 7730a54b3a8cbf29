// GET /api/bulk/batches/[id]/results.csv?lang=zh|en: every row's outcome with its Request-ID
// (lib/bulk/csv-out.ts bulkResultsCsv).
import { bulkResultsCsv } from "@/lib/bulk/csv-out";
import { getDb } from "@/server/db";
import { getBatchRows } from "@/server/bulk/batches";
import { batchRoute, csv, csvLang } from "@/server/bulk/routes";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const lang = csvLang(request);
  return batchRoute("bulk results csv", id, async (batchId) => getBatchRows(await getDb(), batchId), (rows) => csv(bulkResultsCsv(rows, lang), `bulk-results-${id.slice(0, 8)}.csv`));
}
