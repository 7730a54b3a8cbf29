// A batch's numbers, computed by the database from its rows: the preview's totals (rows, sendable,
// refused, needing approval, Σ reductions) and the run's progress (done / failed / skipped / unknown /
// remaining, rows settled over the last minute, the ETA at that rate).
import "server-only";
import { sql } from "drizzle-orm";
import type { BulkPreviewTotals, BulkProgress } from "@/lib/bulk/types";
import type { Db } from "@/server/db";

const SENDABLE = sql.raw(`verdict in ('ok', 'needs_approval')`);

export async function batchTotals(db: Db, batchId: string): Promise<BulkPreviewTotals> {
  const result = await db.execute<{ rows: number; sendable: number; needs_approval: number; reduction: number }>(sql`
    select count(*)::int as rows,
      (count(*) filter (where ${SENDABLE}))::int as sendable,
      (count(*) filter (where verdict = 'needs_approval'))::int as needs_approval,
      coalesce(sum(total_before - total_after) filter (where ${SENDABLE}), 0)::int as reduction
    from bulk_row where batch_id = ${batchId}`);
  const row = result.rows[0];
  const rows = Number(row?.rows ?? 0);
  const sendable = Number(row?.sendable ?? 0);
  return { rows, sendable, refused: rows - sendable, needsApproval: Number(row?.needs_approval ?? 0), reductionFen: Number(row?.reduction ?? 0) };
}

export interface BatchCounts {
  checked: number;
  progress: BulkProgress;
}

/** The dry run's progress and the run's, in one statement. */
export async function batchCounts(db: Db, batchId: string): Promise<BatchCounts> {
  const result = await db.execute<{ total: number; checked: number; succeeded: number; failed: number; skipped: number; unknown: number; last_minute: number; first_in_minute: string | null }>(sql`
    select count(*)::int as total,
      (count(*) filter (where verdict is not null))::int as checked,
      (count(*) filter (where status = 'succeeded'))::int as succeeded,
      (count(*) filter (where status = 'failed'))::int as failed,
      (count(*) filter (where status = 'skipped'))::int as skipped,
      (count(*) filter (where status = 'unknown'))::int as unknown,
      (count(*) filter (where settled_at > now() - interval '60 seconds' and attempts > 0))::int as last_minute,
      (min(settled_at) filter (where settled_at > now() - interval '60 seconds' and attempts > 0))::text as first_in_minute
    from bulk_row where batch_id = ${batchId}`);
  const row = result.rows[0];
  const total = Number(row?.total ?? 0);
  const succeeded = Number(row?.succeeded ?? 0);
  const failed = Number(row?.failed ?? 0);
  const skipped = Number(row?.skipped ?? 0);
  const unknown = Number(row?.unknown ?? 0);
  const remaining = total - succeeded - failed - skipped - unknown;
  const lastMinute = Number(row?.last_minute ?? 0);
  // Over the last minute, or since the first row settled in it when the run is younger than that.
  const since = row?.first_in_minute ? Date.parse(row.first_in_minute) : null;
  const windowSeconds = since === null ? 60 : Math.min(60, Math.max(1, (Date.now() - since) / 1000));
  const ratePerSecond = lastMinute > 0 ? Math.round((lastMinute / windowSeconds) * 100) / 100 : null;
  const etaSeconds = ratePerSecond && remaining > 0 ? Math.ceil(remaining / ratePerSecond) : remaining === 0 ? 0 : null;
  return { checked: Number(row?.checked ?? 0), progress: { total, succeeded, failed, skipped, unknown, remaining, ratePerSecond, etaSeconds } };
}
