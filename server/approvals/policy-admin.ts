// The admin page's side of the approval policies: saving one for a scope that exists in the
// configuration (a profile, or one of its sub-merchants — the form's select offers nothing else, but
// a forged request could name anything), and reading what the page shows: every profile with its
// policy and its sub-merchants' own, the history of changes in words' raw material, and who can approve.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { PolicySubmission } from "@/lib/approvals/policy-form";
import { scopeKey, storedPolicy } from "@/lib/approvals/policy-values";
import { POLICY_HISTORY_LIMIT, type PolicyAdminView, type PolicyState, type SavedPolicy } from "@/lib/approvals/policy-view";
import type { PublicProfile } from "@/lib/profiles";
import { listConsoleUsers } from "@/server/auth/users";
import type { Db } from "@/server/db";
import type { ApprovalPolicyRow } from "@/server/db/schema";
import { listApprovalPolicies, listPolicyEvents, savePolicy } from "./policies";

/** Saves (policy null: removes) a scope's policy as `admin`; the history row is written with it. */
export async function savePolicyAsAdmin(
  db: Db,
  admin: { id: string; name: string },
  submission: PolicySubmission,
  profiles: readonly PublicProfile[],
): Promise<ActionResult<SavedPolicy>> {
  const profile = profiles.find((candidate) => candidate.id === submission.profileId);
  if (!profile) return fail({ code: "INVALID_INPUT", issues: [{ path: ["profileId"], code: "invalid_value" }] });
  if (submission.subMchid !== "" && !profile.subMerchants.some((sub) => sub.sub_mchid === submission.subMchid)) {
    return fail({ code: "INVALID_INPUT", issues: [{ path: ["subMchid"], code: "invalid_value" }] });
  }
  const changed = await savePolicy(db, admin, { profileId: submission.profileId, subMchid: submission.subMchid }, submission.policy);
  return ok({ changed, policy: submission.policy });
}

function stateOf(row: ApprovalPolicyRow): PolicyState {
  return {
    policy: {
      maxReductionFen: row.maxReductionFen,
      maxReductionPercent: row.maxReductionPercent,
      maxCompleteRiskPercent: row.maxCompleteRiskPercent,
      reasonCategories: [...row.reasonCategories],
      cancelCompleted: row.cancelCompleted,
      expiresHours: row.expiresHours,
    },
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
  };
}

export async function loadPolicyAdminView(db: Db, profiles: readonly PublicProfile[]): Promise<PolicyAdminView> {
  const [rows, events, users] = await Promise.all([listApprovalPolicies(db), listPolicyEvents(db, POLICY_HISTORY_LIMIT + 1), listConsoleUsers(db)]);
  const byScope = new Map(rows.map((row) => [scopeKey(row), row]));
  const configured = new Set<string>();
  const own = (profileId: string, subMchid: string): PolicyState | null => {
    const key = scopeKey({ profileId, subMchid });
    configured.add(key);
    const row = byScope.get(key);
    return row ? stateOf(row) : null;
  };
  const profileViews = profiles.map((profile) => ({
    id: profile.id,
    label: profile.label,
    mode: profile.mode,
    mchid: profile.mchid,
    own: own(profile.id, ""),
    subMerchants: profile.subMerchants.map((sub) => ({ subMchid: sub.sub_mchid, label: sub.label, own: own(profile.id, sub.sub_mchid) })),
  }));
  const labels = (profileId: string, subMchid: string) => {
    const profile = profiles.find((candidate) => candidate.id === profileId);
    const sub = subMchid === "" ? null : profile?.subMerchants.find((candidate) => candidate.sub_mchid === subMchid);
    return { profileLabel: profile?.label ?? profileId, subLabel: subMchid === "" ? null : (sub?.label ?? subMchid) };
  };
  return {
    profiles: profileViews,
    unconfigured: rows.filter((row) => !configured.has(scopeKey(row))).map((row) => ({ profileId: row.profileId, subMchid: row.subMchid, ...stateOf(row) })),
    events: events.slice(0, POLICY_HISTORY_LIMIT).map((event) => ({
      id: event.id,
      profileId: event.profileId,
      subMchid: event.subMchid,
      ...labels(event.profileId, event.subMchid),
      before: storedPolicy(event.before),
      after: storedPolicy(event.after),
      userName: event.userName,
      createdAt: event.createdAt.toISOString(),
    })),
    eventsTruncated: events.length > POLICY_HISTORY_LIMIT,
    supervisors: users.filter((user) => user.role === "supervisor" && user.active).map((user) => ({ id: user.id, name: user.name })),
  };
}
