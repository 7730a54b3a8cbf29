// Whether a batch needs a supervisor (four-eyes, lib/approvals/policy.ts), decided from the dry run:
//   - any row the policy names (its verdict is needs_approval, with the row's reasons), or
//   - the batch's total: for each policy that applies to the batch's rows (a profile's, or a
//     sub-merchant's own), the Σ of the reductions of the sendable rows under it above that policy's
//     amount limit (max_reduction_fen). A limit that one change may not pass without a second person
//     is not to be passed by many small changes in one file either. The percent rules are per order
//     and stay per row.
// The batch's reasons name each rule once, with its largest value. It waits at most the shortest
// expiry among those policies (default 24 h).
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { DEFAULT_EXPIRES_HOURS, type ApprovalReason } from "@/lib/approvals/policy";
import type { Db } from "@/server/db";
import { bulkRow } from "@/server/db/schema";
import { findApprovalPolicy } from "@/server/approvals/policies";
import { resolveTarget } from "@/server/orders/target";
import { mergeReasons } from "./check";

export interface BatchApproval {
  reasons: ApprovalReason[];
  expiresHours: number;
}

export async function batchApproval(db: Db, batchId: string): Promise<BatchApproval> {
  const rows = await db
    .select({ profileId: bulkRow.profileId, subMchid: bulkRow.subMchid, totalBefore: bulkRow.totalBefore, totalAfter: bulkRow.totalAfter, reasons: bulkRow.approvalReasons })
    .from(bulkRow)
    .where(and(eq(bulkRow.batchId, batchId), inArray(bulkRow.verdict, ["ok", "needs_approval"])));
  const reasons: ApprovalReason[] = rows.flatMap((row) => row.reasons);
  const sums = new Map<string, { profileId: string; subMchid: string | null; reduction: number }>();
  for (const row of rows) {
    const key = `${row.profileId}|${row.subMchid ?? ""}`;
    const entry = sums.get(key) ?? { profileId: row.profileId, subMchid: row.subMchid, reduction: 0 };
    entry.reduction += (row.totalBefore ?? 0) - (row.totalAfter ?? 0);
    sums.set(key, entry);
  }
  // Sub-merchants without their own policy share their profile's: their sums add up under it.
  const underPolicy = new Map<string, { limit: number | null; expiresHours: number; reduction: number }>();
  for (const entry of sums.values()) {
    const target = resolveTarget(entry.profileId, entry.subMchid);
    if (!target) continue;
    const policy = await findApprovalPolicy(db, target);
    if (!policy) continue;
    const key = JSON.stringify([entry.profileId, policy]);
    const scope = underPolicy.get(key) ?? { limit: policy.maxReductionFen, expiresHours: policy.expiresHours, reduction: 0 };
    scope.reduction += entry.reduction;
    underPolicy.set(key, scope);
  }
  let expiresHours = DEFAULT_EXPIRES_HOURS;
  for (const scope of underPolicy.values()) {
    expiresHours = Math.min(expiresHours, scope.expiresHours);
    if (scope.limit !== null && scope.reduction > scope.limit) reasons.push({ rule: "reduction_amount", limit: scope.limit, actual: scope.reduction });
  }
  return { reasons: mergeReasons(reasons), expiresHours };
}
