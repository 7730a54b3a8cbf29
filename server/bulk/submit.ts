// A batch's life after the dry run, each step one conditional statement (so two people at once → one
// wins, the other is told why):
//   submit   by its maker, as one unit: `awaiting_approval` when the four-eyes policy applies to any
//            row or to the batch's total (./approval.ts, decided by the dry run), else `queued`. Rows
//            that will not be sent are `skipped` with their verdict as the reason.
//   approve  by a supervisor who is not the maker, while it waits and has not expired → `queued`;
//   reject   likewise, with a comment → `rejected` (its rows `skipped`, reason rejected). Decisions
//            are final.
//   pause / resume / cancel  by a supervisor: taken between rows (a row already on its way finishes);
//            cancel leaves the rows not sent `skipped` (reason cancelled).
// The caller queues the work (server/bulk/jobs.ts) when a step answers `queued` / `running`.
import "server-only";
import { and, eq, inArray, isNull, ne, notInArray, sql } from "drizzle-orm";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { BulkBatchStatus } from "@/lib/bulk/types";
import type { Db } from "@/server/db";
import { bulkBatch, bulkRow, type BulkBatchRow } from "@/server/db/schema";
import type { Actor } from "@/server/orders/operation";
import { batchApproval } from "./approval";

export type BatchStepResult = ActionResult<{ batchId: string; status: BulkBatchStatus }>;

async function findBatch(db: Db, batchId: string): Promise<BulkBatchRow | undefined> {
  const [row] = await db.select().from(bulkBatch).where(eq(bulkBatch.id, batchId));
  return row;
}

/** Why a step did not apply: no such batch, not its maker / its own maker, or decided already. */
function refusal(batch: BulkBatchRow | undefined, reason?: string): BatchStepResult {
  if (!batch) return fail({ code: "NOT_FOUND" });
  return fail({ code: "ALREADY_DECIDED", reason: reason ?? batch.status });
}

/** Rows that will not be sent are settled `skipped` with their verdict (or `reason`) as the cause. */
async function skipUnsent(db: Db, batchId: string, reason: "verdict" | "rejected" | "cancelled"): Promise<void> {
  await db
    .update(bulkRow)
    .set({ status: "skipped", outcomeCode: reason === "verdict" ? sql`${bulkRow.verdict}` : reason, settledAt: new Date() })
    .where(
      and(
        eq(bulkRow.batchId, batchId),
        eq(bulkRow.status, "pending"),
        // A row on its way (claimed) finishes; one waiting for a retry has no call in flight.
        reason === "verdict" ? notInArray(bulkRow.verdict, ["ok", "needs_approval"]) : isNull(bulkRow.claimedAt),
      ),
    );
}

export async function submitBatch(db: Db, maker: Actor, batchId: string): Promise<BatchStepResult> {
  const batch = await findBatch(db, batchId);
  if (!batch) return fail({ code: "NOT_FOUND" });
  if (batch.createdById !== maker.id) return fail({ code: "FORBIDDEN", reason: "not_maker" });
  if (batch.status !== "previewed") return refusal(batch);
  if ((batch.totals?.sendable ?? 0) === 0) return fail({ code: "RULE_VIOLATION", reason: "nothing_to_send" });
  // The policy as it is now (an admin may have changed it since the dry run).
  const approval = await batchApproval(db, batchId);
  const required = approval.reasons.length > 0;
  const now = new Date();
  const [submitted] = await db
    .update(bulkBatch)
    .set({
      status: required ? "awaiting_approval" : "queued",
      submittedAt: now,
      approvalRequired: required,
      approvalReasons: approval.reasons,
      expiresAt: required ? new Date(now.getTime() + approval.expiresHours * 3_600_000) : null,
    })
    .where(and(eq(bulkBatch.id, batchId), eq(bulkBatch.status, "previewed"), eq(bulkBatch.createdById, maker.id)))
    .returning({ status: bulkBatch.status });
  if (!submitted) return refusal(await findBatch(db, batchId));
  await skipUnsent(db, batchId, "verdict");
  return ok({ batchId, status: submitted.status });
}

async function decisionRefusal(db: Db, checker: Actor, batchId: string): Promise<BatchStepResult> {
  const batch = await findBatch(db, batchId);
  if (!batch) return fail({ code: "NOT_FOUND" });
  if (batch.status === "awaiting_approval" && batch.createdById === checker.id) return fail({ code: "FORBIDDEN", reason: "own_request" });
  if (batch.status === "awaiting_approval" && batch.expiresAt && batch.expiresAt.getTime() <= Date.now()) return fail({ code: "ALREADY_DECIDED", reason: "expired" });
  return fail({ code: "ALREADY_DECIDED", reason: batch.status });
}

export async function approveBatch(db: Db, checker: Actor, batchId: string, comment: string | null): Promise<BatchStepResult> {
  const [approved] = await db
    .update(bulkBatch)
    .set({ status: "queued", decidedById: checker.id, decidedByName: checker.name, decidedAt: new Date(), decisionComment: comment })
    .where(and(eq(bulkBatch.id, batchId), eq(bulkBatch.status, "awaiting_approval"), ne(bulkBatch.createdById, checker.id), sql`${bulkBatch.expiresAt} > now()`))
    .returning({ status: bulkBatch.status });
  return approved ? ok({ batchId, status: approved.status }) : decisionRefusal(db, checker, batchId);
}

export async function rejectBatch(db: Db, checker: Actor, batchId: string, comment: string): Promise<BatchStepResult> {
  const now = new Date();
  const [rejected] = await db
    .update(bulkBatch)
    .set({ status: "rejected", decidedById: checker.id, decidedByName: checker.name, decidedAt: now, decisionComment: comment, finishedAt: now })
    .where(and(eq(bulkBatch.id, batchId), eq(bulkBatch.status, "awaiting_approval"), ne(bulkBatch.createdById, checker.id)))
    .returning({ status: bulkBatch.status });
  if (!rejected) return decisionRefusal(db, checker, batchId);
  await skipUnsent(db, batchId, "rejected");
  return ok({ batchId, status: rejected.status });
}

/** Batches past their approval time end `rejected` (reason expired). Returns how many. */
export async function expireBatches(db: Db): Promise<number> {
  const expired = await db
    .update(bulkBatch)
    .set({ status: "rejected", decisionComment: "expired", finishedAt: new Date() })
    .where(and(eq(bulkBatch.status, "awaiting_approval"), sql`${bulkBatch.expiresAt} <= now()`))
    .returning({ id: bulkBatch.id });
  for (const batch of expired) await skipUnsent(db, batch.id, "rejected");
  return expired.length;
}

const CONTROL: Record<"pause" | "resume" | "cancel", { from: BulkBatchStatus[]; to: BulkBatchStatus; action: "paused" | "resumed" | "cancelled" }> = {
  pause: { from: ["queued", "running"], to: "paused", action: "paused" },
  resume: { from: ["paused"], to: "running", action: "resumed" },
  cancel: { from: ["queued", "running", "paused"], to: "cancelled", action: "cancelled" },
};

export async function controlBatch(db: Db, supervisor: Actor, batchId: string, step: "pause" | "resume" | "cancel"): Promise<BatchStepResult> {
  const { from, to, action } = CONTROL[step];
  const now = new Date();
  const [changed] = await db
    .update(bulkBatch)
    .set({ status: to, controlAction: action, controlByName: supervisor.name, controlAt: now, ...(step === "cancel" ? { finishedAt: now } : {}) })
    .where(and(eq(bulkBatch.id, batchId), inArray(bulkBatch.status, from)))
    .returning({ status: bulkBatch.status });
  if (!changed) return refusal(await findBatch(db, batchId));
  if (step === "cancel") await skipUnsent(db, batchId, "cancelled");
  return ok({ batchId, status: changed.status });
}

/** Whether rows of this batch may be claimed now. */
export function isRunnable(status: BulkBatchStatus): boolean {
  return status === "queued" || status === "running";
}
