// GET /api/bulk/batches/[id]/errors.csv?lang=zh|en: the rows to fix, in the upload's own columns plus
// a problem column the parser ignores on re-upload (lib/bulk/csv-out.ts bulkErrorsCsv).
import { bulkErrorsCsv } from "@/lib/bulk/csv-out";
import { getDb } from "@/server/db";
import { getErrorRows } from "@/server/bulk/batches";
import { batchRoute, csv, csvLang } from "@/server/bulk/routes";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const lang = csvLang(request);
  return batchRoute("bulk errors csv", id, async (batchId) => getErrorRows(await getDb(), batchId), (rows) => csv(bulkErrorsCsv(rows, lang), `bulk-errors-${id.slice(0, 8)}.csv`));
}
