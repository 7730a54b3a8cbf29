"use server";
// Bulk adjustment actions (issue #14). Each one: authenticate + authorise (runAction), parse with its
// lib/bulk/actions.ts schema, call the domain function (server/bulk/*), queue the work it starts.
//   upload                 whoever may change orders (canModify): agents and supervisors;
//   submit                 the batch's maker (the domain function checks it);
//   approve / reject       supervisors (canApprove), never on their own batch;
//   pause / resume / cancel  supervisors (canApprove).
import { fail, type ActionResult } from "@/lib/actions/result";
import { BULK_MAX_BYTES, type BulkBatchStatus } from "@/lib/bulk/types";
import { ZApproveBatch, ZBatchId, ZRejectBatch, ZUploadBulkFile, type TApproveBatchInput, type TBatchIdInput, type TRejectBatchInput } from "@/lib/bulk/actions";
import { getDb } from "@/server/db";
import { getBoss } from "@/server/jobs/boss";
import { queueDryRun, queueExecution } from "@/server/bulk/jobs";
import { parseUpload, storeBatch } from "@/server/bulk/upload";
import { approveBatch, controlBatch, rejectBatch, submitBatch, type BatchStepResult } from "@/server/bulk/submit";
import { runAction } from "./run-action";

function actorOf(user: { id: string; name: string; role: string }) {
  return { id: user.id, name: user.name, role: user.role };
}

type StatusResult = ActionResult<{ batchId: string; status: BulkBatchStatus }>;

/** A step that leaves the batch queued or running starts its lanes. */
async function thenQueue(result: BatchStepResult): Promise<StatusResult> {
  if (result.ok && (result.data.status === "queued" || result.data.status === "running")) await queueExecution(await getBoss(), result.data.batchId);
  return result;
}

export async function uploadBulkFileAction(input: FormData): Promise<ActionResult<{ batchId: string }>> {
  return runAction("canModify", ZUploadBulkFile, input, async (user, upload) => {
    if (!upload) return fail({ code: "INVALID_INPUT", issues: [{ path: ["file"], code: "required" }] });
    // Refused before reading it: the parser would refuse it anyway (too_large), without the bytes in memory.
    if (upload.file.size > BULK_MAX_BYTES) return fail({ code: "INVALID_INPUT", reason: "too_large", issues: [{ path: ["file"], code: "invalid_value", params: { file: "too_large", max: BULK_MAX_BYTES, size: upload.file.size } }] });
    const parsed = parseUpload(new Uint8Array(await upload.file.arrayBuffer()));
    const stored = await storeBatch(await getDb(), actorOf(user), upload.fileName, parsed);
    if (stored.ok) await queueDryRun(await getBoss(), stored.data.batchId);
    return stored;
  });
}

export async function submitBulkBatchAction(input: TBatchIdInput): Promise<StatusResult> {
  return runAction("canModify", ZBatchId, input, async (user, data) => thenQueue(await submitBatch(await getDb(), actorOf(user), data.batchId)));
}

export async function approveBulkBatchAction(input: TApproveBatchInput): Promise<StatusResult> {
  return runAction("canApprove", ZApproveBatch, input, async (user, data) => thenQueue(await approveBatch(await getDb(), actorOf(user), data.batchId, data.comment)));
}

export async function rejectBulkBatchAction(input: TRejectBatchInput): Promise<StatusResult> {
  return runAction("canApprove", ZRejectBatch, input, async (user, data) => rejectBatch(await getDb(), actorOf(user), data.batchId, data.comment));
}

export async function pauseBulkBatchAction(input: TBatchIdInput): Promise<StatusResult> {
  return runAction("canApprove", ZBatchId, input, async (user, data) => controlBatch(await getDb(), actorOf(user), data.batchId, "pause"));
}

export async function resumeBulkBatchAction(input: TBatchIdInput): Promise<StatusResult> {
  return runAction("canApprove", ZBatchId, input, async (user, data) => thenQueue(await controlBatch(await getDb(), actorOf(user), data.batchId, "resume")));
}

export async function cancelBulkBatchAction(input: TBatchIdInput): Promise<StatusResult> {
  // The lanes see the cancellation between rows; one is queued to settle what a dead process left claimed.
  return runAction("canApprove", ZBatchId, input, async (user, data) => {
    const result = await controlBatch(await getDb(), actorOf(user), data.batchId, "cancel");
    if (result.ok) await queueExecution(await getBoss(), data.batchId, 1);
    return result;
  });
}
