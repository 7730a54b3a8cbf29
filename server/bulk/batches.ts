// What the bulk pages and routes show: a batch (BulkBatchView: its dry run's and its run's progress,
// its totals, its approval and the last pause / resume / cancel) and its rows (BulkBatchRowView), as
// lib/bulk/types.ts defines them. Read-only.
import "server-only";
import { and, asc, desc, eq, notInArray, or, sql } from "drizzle-orm";
import { BULK_FIELDS, type BulkBatchRowView, type BulkBatchView, type BulkField, type BulkPreviewTotals, type BulkRowCells } from "@/lib/bulk/types";
import type { BulkErrorsCsvRow } from "@/lib/bulk/csv-out";
import type { Db } from "@/server/db";
import { bulkBatch, bulkRow, type BulkBatchRow } from "@/server/db/schema";
import { batchCounts, batchTotals } from "./totals";

const EMPTY_TOTALS: BulkPreviewTotals = { rows: 0, sendable: 0, refused: 0, needsApproval: 0, reductionFen: 0 };

async function toView(db: Db, batch: BulkBatchRow): Promise<BulkBatchView> {
  const counts = await batchCounts(db, batch.id);
  // While the dry run runs, the totals so far (the stored ones once it is done).
  const totals = batch.totals ?? (batch.status === "checking" ? await batchTotals(db, batch.id) : { ...EMPTY_TOTALS, rows: batch.rowCount });
  return {
    id: batch.id,
    status: batch.status,
    fileName: batch.fileName,
    encoding: batch.encoding,
    createdBy: { id: batch.createdById, name: batch.createdByName },
    createdAt: batch.createdAt.toISOString(),
    checked: counts.checked,
    totals,
    progress: counts.progress,
    approval: {
      required: batch.approvalRequired,
      reasons: batch.approvalReasons,
      decidedBy: batch.decidedByName,
      decidedAt: batch.decidedAt?.toISOString() ?? null,
      comment: batch.decisionComment,
    },
    control: batch.controlAction && batch.controlByName && batch.controlAt ? { by: batch.controlByName, at: batch.controlAt.toISOString(), action: batch.controlAction } : null,
  };
}

export async function getBatchView(db: Db, id: string): Promise<BulkBatchView | null> {
  const [batch] = await db.select().from(bulkBatch).where(eq(bulkBatch.id, id));
  return batch ? toView(db, batch) : null;
}

/** Newest first (the latest 200). */
export async function listBatchViews(db: Db, limit = 200): Promise<BulkBatchView[]> {
  const batches = await db.select().from(bulkBatch).orderBy(desc(bulkBatch.createdAt)).limit(limit);
  return Promise.all(batches.map((batch) => toView(db, batch)));
}

/** Every row of a batch in file order; null when there is no such batch. */
export async function getBatchRows(db: Db, id: string): Promise<BulkBatchRowView[] | null> {
  const [batch] = await db.select({ id: bulkBatch.id }).from(bulkBatch).where(eq(bulkBatch.id, id));
  if (!batch) return null;
  const rows = await db
    .select({
      line: bulkRow.line,
      profileId: bulkRow.profileId,
      subMchid: bulkRow.subMchid,
      outOrderNo: bulkRow.outOrderNo,
      verdict: bulkRow.verdict,
      problems: bulkRow.problems,
      totalBefore: bulkRow.totalBefore,
      totalAfter: bulkRow.totalAfter,
      approvalReasons: bulkRow.approvalReasons,
      status: bulkRow.status,
      outcomeCode: bulkRow.outcomeCode,
      outcomeMessage: bulkRow.outcomeMessage,
      requestId: bulkRow.requestId,
      trailId: bulkRow.trailId,
    })
    .from(bulkRow)
    .where(eq(bulkRow.batchId, id))
    .orderBy(asc(bulkRow.line));
  // A row the dry run has not reached yet says so (`checked` false); its verdict is a placeholder.
  return rows.map((row) => ({ ...row, verdict: row.verdict ?? "invalid", checked: row.verdict !== null }));
}

/**
 * The rows to fix (the errors CSV): problems found in the file, or a dry-run verdict that keeps the
 * row from being sent; with the cells as uploaded. Null when there is no such batch.
 */
export async function getErrorRows(db: Db, id: string): Promise<BulkErrorsCsvRow[] | null> {
  const [batch] = await db.select({ id: bulkBatch.id }).from(bulkBatch).where(eq(bulkBatch.id, id));
  if (!batch) return null;
  const rows = await db
    .select({ line: bulkRow.line, cells: bulkRow.cells, problems: bulkRow.problems, verdict: bulkRow.verdict, profileId: bulkRow.profileId, subMchid: bulkRow.subMchid, outOrderNo: bulkRow.outOrderNo })
    .from(bulkRow)
    .where(and(eq(bulkRow.batchId, id), or(sql`jsonb_array_length(${bulkRow.problems}) > 0`, notInArray(bulkRow.verdict, ["ok", "needs_approval"]))))
    .orderBy(asc(bulkRow.line));
  return rows.map((row) => ({
    line: row.line,
    // Rows stored without their cells (none from an upload) give back what is known of them.
    cells: row.cells ?? { ...EMPTY_CELLS, profileId: row.profileId, subMchid: row.subMchid ?? "", outOrderNo: row.outOrderNo },
    problems: row.problems,
    verdict: row.verdict,
  }));
}

const EMPTY_CELLS: BulkRowCells = Object.fromEntries(BULK_FIELDS.map((field) => [field, ""])) as Record<BulkField, string>;
