// The four-eyes policies as stored (server/db/schema/approvals.ts): the one that applies to an order
// (the sub-merchant's own, else the profile's), the admin's edits — each recorded with who, when,
// before and after — and the demo policy sandbox mode starts with.
import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { ApprovalPolicy } from "@/lib/approvals/policy";
import { DEMO_POLICY } from "@/lib/approvals/policy";
import type { Db } from "@/server/db";
import { approvalPolicy, approvalPolicyEvent, type ApprovalPolicyEventRow, type ApprovalPolicyRow } from "@/server/db/schema";

function toPolicy(row: ApprovalPolicyRow): ApprovalPolicy {
  return {
    maxReductionFen: row.maxReductionFen,
    maxReductionPercent: row.maxReductionPercent,
    maxCompleteRiskPercent: row.maxCompleteRiskPercent,
    reasonCategories: row.reasonCategories,
    cancelCompleted: row.cancelCompleted,
    expiresHours: row.expiresHours,
  };
}

/** The policy for an order of this profile (and sub-merchant): the sub-merchant's own, else the profile's; null = none. */
export async function findApprovalPolicy(db: Db, target: { profile: { id: string }; subMerchant: { sub_mchid: string } | null }): Promise<ApprovalPolicy | null> {
  const sub = target.subMerchant?.sub_mchid ?? "";
  const rows = await db
    .select()
    .from(approvalPolicy)
    .where(and(eq(approvalPolicy.profileId, target.profile.id), inArray(approvalPolicy.subMchid, sub === "" ? [""] : [sub, ""])));
  const own = rows.find((row) => row.subMchid === sub) ?? rows.find((row) => row.subMchid === "");
  return own ? toPolicy(own) : null;
}

export async function listApprovalPolicies(db: Db): Promise<ApprovalPolicyRow[]> {
  return db.select().from(approvalPolicy).orderBy(approvalPolicy.profileId, approvalPolicy.subMchid);
}

export async function listPolicyEvents(db: Db, limit = 100): Promise<ApprovalPolicyEventRow[]> {
  return db.select().from(approvalPolicyEvent).orderBy(desc(approvalPolicyEvent.createdAt)).limit(limit);
}

/**
 * Sets (or, with null, removes) the policy of a profile / sub-merchant, and records the change in the
 * same transaction. Returns false when nothing changed.
 */
export async function savePolicy(
  db: Db,
  admin: { id: string; name: string },
  scope: { profileId: string; subMchid: string },
  next: ApprovalPolicy | null,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(approvalPolicy)
      .where(and(eq(approvalPolicy.profileId, scope.profileId), eq(approvalPolicy.subMchid, scope.subMchid)))
      .for("update");
    const before = current ? toPolicy(current) : null;
    if (JSON.stringify(before) === JSON.stringify(next)) return false;
    if (next === null) {
      await tx.delete(approvalPolicy).where(and(eq(approvalPolicy.profileId, scope.profileId), eq(approvalPolicy.subMchid, scope.subMchid)));
    } else {
      const values = { ...scope, ...next, reasonCategories: [...next.reasonCategories], updatedAt: new Date(), updatedById: admin.id, updatedByName: admin.name };
      await tx.insert(approvalPolicy).values(values).onConflictDoUpdate({ target: [approvalPolicy.profileId, approvalPolicy.subMchid], set: values });
    }
    await tx.insert(approvalPolicyEvent).values({ ...scope, before, after: next, userId: admin.id, userName: admin.name });
    return true;
  });
}

/** Sandbox mode: every demo profile starts with the demo policy (once; an admin's edits stand). */
export async function ensureDemoPolicies(db: Db, profileIds: readonly string[]): Promise<number> {
  const existing = new Set((await db.select({ profileId: approvalPolicyEvent.profileId }).from(approvalPolicyEvent)).map((row) => row.profileId));
  let created = 0;
  for (const profileId of profileIds) {
    if (existing.has(profileId)) continue;
    if (await savePolicy(db, { id: "system:sandbox", name: "Sandbox" }, { profileId, subMchid: "" }, DEMO_POLICY)) created += 1;
  }
  return created;
}
