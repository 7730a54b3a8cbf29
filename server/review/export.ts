// The CSV export of a filtered review view, streamed: a ReadableStream whose pull() fetches the next
// keyset batch only when the consumer has taken the previous one, so a 100 000-row export holds one
// batch in memory, never the whole set. The BOM and the header go out first.
import "server-only";
import { CSV_BOM, csvLine } from "@/lib/review/csv";
import { type ExportLabels, exportCells, exportHeader } from "@/lib/review/export-rows";
import type { ReviewFilters } from "@/lib/review/filters";
import type { ReviewScope } from "@/lib/review/states";
import type { Db } from "@/server/db";
import { describeErrorForLog } from "@/server/db/errors";
import { iterateReviewRows } from "./queries";

export const EXPORT_BATCH_SIZE = 1000;

export function reviewCsvStream(
  db: Db,
  filters: ReviewFilters,
  scope: ReviewScope,
  labels: ExportLabels,
  options: { batchSize?: number; onBatch?: (rows: number) => void } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateReviewRows(db, filters, scope, options.batchSize ?? EXPORT_BATCH_SIZE);
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvLine(exportHeader(labels))));
          return;
        }
        try {
          const next = await batches.next();
          if (next.done) {
            controller.close();
            return;
          }
          options.onBatch?.(next.value.length);
          controller.enqueue(encoder.encode(next.value.map((row) => csvLine(exportCells(row, labels))).join("")));
        } catch (error) {
          console.error(`[export] review CSV failed: ${describeErrorForLog(error)}`);
          controller.error(new Error("export failed"));
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
