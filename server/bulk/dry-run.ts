// The dry run of a batch (a pg-boss job, server/bulk/jobs.ts): every row is checked like a single
// change — the file's problems first, then the order is queried from WeChat through the console's
// query client (bounded concurrency, the shared rate limit of ./rate.ts, bounded retries; a 429 slows
// the key down) and the modify the row stands for (./check.ts) is judged by the single modify's own
// rules and the four-eyes policy (server/orders/operation.ts buildRequest + the MODIFY write kind).
// Each row stores its verdict, totals before → after, the order as read (execution compares it with
// the order then, and sends nothing if it changed) and the submission to send. Rows already checked
// are not checked again, so a job retried after a crash carries on where it stopped. Once every row
// is checked the batch's totals and whether it needs a supervisor (any row, or the batch's total:
// ./approval.ts) are stored and the batch is `previewed`.
import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { BulkRowInput, BulkRowProblem, BulkVerdict } from "@/lib/bulk/types";
import type { ApprovalReason } from "@/lib/approvals/policy";
import type { TServiceOrder } from "@/lib/payscore/order";
import { currentOrderTotal } from "@/lib/payscore/rules";
import type { Db } from "@/server/db";
import { bulkBatch, bulkRow } from "@/server/db/schema";
import { getEnv } from "@/server/env";
import { buildRequest } from "@/server/orders/operation";
import { MODIFY } from "@/server/orders/modify-order";
import { queryOrder, resolveTarget, type OrderTarget } from "@/server/orders/target";
import { isWechatPayError, WechatPayError } from "@/server/wechatpay/errors";
import { problemsOf, submissionOf, verdictOfIssues, verdictOfRefusal } from "./check";
import { rateKey, takeSlot, throttle } from "./rate";
import { batchApproval } from "./approval";
import { batchTotals } from "./totals";

/** Queries of one order before the row is `query_failed`. */
export const DRY_RUN_QUERY_ATTEMPTS = 4;

export interface DryRunOptions {
  concurrency?: number;
  /** Back-off between query attempts (tests shorten it). */
  retryDelayMs?: number;
  /** The query rate per merchant identity (default BULK_RATE_PER_SECOND; the bench sets its own). */
  ratePerSecond?: number;
  /** Stop taking rows after this long (s): the job hands over to a fresh one before it could expire. */
  maxSeconds?: number;
}

interface RowCheck {
  verdict: BulkVerdict;
  problems: BulkRowProblem[];
  totalBefore: number | null;
  totalAfter: number | null;
  approvalReasons: ApprovalReason[];
  orderSnapshot: TServiceOrder | null;
  submission: unknown;
  outcomeMessage: string | null;
}

const refused = (verdict: BulkVerdict, problems: BulkRowProblem[] = [], extra: Partial<RowCheck> = {}): RowCheck => ({
  verdict,
  problems,
  totalBefore: null,
  totalAfter: null,
  approvalReasons: [],
  orderSnapshot: null,
  submission: null,
  outcomeMessage: null,
  ...extra,
});

/** Reads the order, with bounded retries of faults that may pass (5xx, 429, timeout, network). */
export async function queryWithRetries(db: Db, target: OrderTarget, outOrderNo: string, options: { attempts?: number; retryDelayMs?: number; ratePerSecond?: number } = {}): Promise<{ ok: true; order: TServiceOrder } | { ok: false; error: unknown }> {
  const attempts = options.attempts ?? DRY_RUN_QUERY_ATTEMPTS;
  const key = rateKey(target.profile.mchid, "query");
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    await takeSlot(db, key, options.ratePerSecond);
    try {
      return { ok: true, order: (await queryOrder(target, outOrderNo)).order };
    } catch (error) {
      lastError = error;
      if (!isWechatPayError(error)) return { ok: false, error };
      const limited = error.category === "rate_limited" || error.httpStatus === 429;
      if (limited) await throttle(db, key, options.ratePerSecond);
      const retryable = limited || error.retryable || error.kind === "timeout" || error.kind === "network";
      if (!retryable || attempt === attempts) return { ok: false, error };
      await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 250) * 2 ** (attempt - 1)));
    }
  }
  return { ok: false, error: lastError };
}

function describeError(error: unknown): string {
  if (error instanceof WechatPayError) return `${error.code}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ""}: ${error.message}`;
  return "INTERNAL_ERROR";
}

/** One row's check (nothing is written here). */
export async function checkRow(db: Db, row: { line: number; input: BulkRowInput | null; problems: BulkRowProblem[] }, options: DryRunOptions = {}): Promise<RowCheck> {
  if (!row.input || row.problems.length > 0) {
    const duplicate = row.problems.some((problem) => problem.issue.code === "duplicate_order");
    return refused(duplicate ? "duplicate" : "invalid", row.problems);
  }
  const input = row.input;
  const target = resolveTarget(input.profileId, input.subMchid);
  if (!target) return refused("invalid", [{ line: row.line, column: "", issue: { path: ["profileId"], code: "invalid_value" } }]);
  const queried = await queryWithRetries(db, target, input.outOrderNo, { retryDelayMs: options.retryDelayMs, ratePerSecond: options.ratePerSecond });
  if (!queried.ok) {
    const notFound = isWechatPayError(queried.error) && queried.error.code === "ORDER_NOT_EXIST";
    return refused(notFound ? "not_found" : "query_failed", [], { outcomeMessage: describeError(queried.error) });
  }
  const order = queried.order;
  const totalBefore = currentOrderTotal(order) ?? null;
  const built = submissionOf(input, target, order);
  if (!built.ok) return refused(verdictOfIssues(built.issues), problemsOf(row.line, built.issues), { totalBefore, orderSnapshot: order });
  const submission = built.submission;
  const seen = { totalBefore, totalAfter: submission.total_amount, orderSnapshot: order };
  // The single modify's request: its body schema, its rules against the order, its approval policy.
  const request = await buildRequest(db, MODIFY, { ...submission, idempotencyKey: `bulk-dry-run:${row.line}` });
  if (!request.ok) return refused(verdictOfRefusal(request.error), problemsOf(row.line, request.error.issues ?? []), seen);
  const refusal = request.data.check(order);
  if (refusal) return refused(verdictOfRefusal(refusal), problemsOf(row.line, refusal.issues ?? []), seen);
  const approvalReasons = request.data.approval?.reasons(order) ?? [];
  const { basedOn: _basedOn, ...stored } = submission;
  return { verdict: approvalReasons.length > 0 ? "needs_approval" : "ok", problems: [], approvalReasons, submission: stored, outcomeMessage: null, ...seen };
}

/** Marks the later rows of an order that appears more than once in the file (the first one stands). */
async function markDuplicates(db: Db, batchId: string): Promise<void> {
  await db.execute(sql`
    update bulk_row r set verdict = 'duplicate', checked_at = now()
    where r.batch_id = ${batchId} and r.verdict is null and r.input is not null
      and exists (select 1 from bulk_row e where e.batch_id = r.batch_id and e.line < r.line and e.input is not null
        and e.profile_id = r.profile_id and coalesce(e.sub_mchid, '') = coalesce(r.sub_mchid, '') and e.out_order_no = r.out_order_no)`);
}

/**
 * Runs (or carries on) the dry run of a batch: "done" once every row is checked (the batch is then
 * previewed), "more" when its time was up first (a fresh job carries on), "not_checking" otherwise.
 */
export async function runDryRun(db: Db, batchId: string, options: DryRunOptions = {}): Promise<"done" | "more" | "not_checking"> {
  const [batch] = await db.select({ status: bulkBatch.status }).from(bulkBatch).where(eq(bulkBatch.id, batchId));
  if (batch?.status !== "checking") return "not_checking";
  const deadline = Date.now() + (options.maxSeconds ?? 300) * 1000;
  await markDuplicates(db, batchId);
  const rows = await db
    .select({ id: bulkRow.id, line: bulkRow.line, input: bulkRow.input, problems: bulkRow.problems })
    .from(bulkRow)
    .where(and(eq(bulkRow.batchId, batchId), isNull(bulkRow.verdict)))
    .orderBy(asc(bulkRow.line));
  let next = 0;
  const concurrency = Math.max(1, options.concurrency ?? getEnv().BULK_CONCURRENCY * 2);
  const lane = async () => {
    for (;;) {
      if (Date.now() >= deadline) return;
      const row = rows[next++];
      if (!row) return;
      const checked = await checkRow(db, row, options);
      await db
        .update(bulkRow)
        .set({
          verdict: checked.verdict,
          problems: checked.problems,
          totalBefore: checked.totalBefore,
          totalAfter: checked.totalAfter,
          approvalReasons: checked.approvalReasons,
          orderSnapshot: checked.orderSnapshot,
          submission: checked.submission,
          outcomeMessage: checked.outcomeMessage,
          checkedAt: new Date(),
        })
        .where(and(eq(bulkRow.id, row.id), isNull(bulkRow.verdict)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
  if (next < rows.length) return "more";
  await finishDryRun(db, batchId);
  return "done";
}

/** Every row checked: the batch's totals and approval are stored and it is `previewed`. */
export async function finishDryRun(db: Db, batchId: string): Promise<void> {
  const totals = await batchTotals(db, batchId);
  const approval = await batchApproval(db, batchId);
  await db
    .update(bulkBatch)
    .set({ status: "previewed", checked: totals.rows, totals, approvalRequired: approval.reasons.length > 0, approvalReasons: approval.reasons })
    .where(and(eq(bulkBatch.id, batchId), eq(bulkBatch.status, "checking")));
}
