// The approval-policy form's values and the history's comparison, without zod: the admin page
// renders and hydrates with these, and loads the schema (./policy-form.ts) only when the form is
// first used. A scope is a profile ('' sub_mchid) or one of its sub-merchants.
import { fenToYuanString } from "../money";
import { REASON_CATEGORIES } from "../orders/reasons";
import { DEFAULT_EXPIRES_HOURS, type ApprovalPolicy } from "./policy";
import type { TPolicyFormInput } from "./policy-form";

/** ¥10,000,000.00: far above any Payscore order, well inside the integer column (≤ 2^31 − 1 分). */
export const MAX_POLICY_REDUCTION_FEN = 1_000_000_000;
export const MAX_EXPIRES_HOURS = 168;

export interface PolicyScope {
  profileId: string;
  /** '' = the whole profile. */
  subMchid: string;
}

/** One string per scope (select values, map keys): "demo-partner|1900001201", "demo-merchant|". */
export function scopeKey(scope: PolicyScope): string {
  return `${scope.profileId}|${scope.subMchid}`;
}

export function parseScopeKey(key: string): PolicyScope {
  const at = key.indexOf("|");
  return at < 0 ? { profileId: key, subMchid: "" } : { profileId: key.slice(0, at), subMchid: key.slice(at + 1) };
}

/** The form's values for a scope: its policy's rules as typed text, or empty rules when it has none. */
export function policyFormValues(scope: PolicyScope, policy: ApprovalPolicy | null): TPolicyFormInput {
  return {
    profileId: scope.profileId,
    subMchid: scope.subMchid,
    enabled: true,
    maxReductionYuan: policy?.maxReductionFen == null ? "" : fenToYuanString(policy.maxReductionFen),
    maxReductionPercent: policy?.maxReductionPercent == null ? "" : String(policy.maxReductionPercent),
    maxCompleteRiskPercent: policy?.maxCompleteRiskPercent == null ? "" : String(policy.maxCompleteRiskPercent),
    reasonCategories: REASON_CATEGORIES.filter((category) => policy?.reasonCategories.includes(category) ?? false),
    cancelCompleted: policy?.cancelCompleted ?? false,
    expiresHours: String(policy?.expiresHours ?? DEFAULT_EXPIRES_HOURS),
  };
}

function limit(value: unknown): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) ? value : null;
}

/**
 * A policy as stored in a history row's jsonb (`before` / `after`), or null for "none". Written by
 * savePolicy from an ApprovalPolicy; read defensively, so a row from an older shape still reads.
 */
export function storedPolicy(value: unknown): ApprovalPolicy | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const row = value as Record<string, unknown>;
  return {
    maxReductionFen: limit(row.maxReductionFen),
    maxReductionPercent: limit(row.maxReductionPercent),
    maxCompleteRiskPercent: limit(row.maxCompleteRiskPercent),
    reasonCategories: Array.isArray(row.reasonCategories) ? row.reasonCategories.filter((c): c is string => typeof c === "string") : [],
    cancelCompleted: row.cancelCompleted === true,
    expiresHours: limit(row.expiresHours) ?? DEFAULT_EXPIRES_HOURS,
  };
}

export const POLICY_FIELDS = ["maxReductionFen", "maxReductionPercent", "maxCompleteRiskPercent", "reasonCategories", "cancelCompleted", "expiresHours"] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

/** A field's value, comparable: "none" when there is no policy at all (so a creation lists every rule it sets). */
function fieldValue(policy: ApprovalPolicy | null, field: PolicyField): string {
  if (!policy) return field === "expiresHours" ? "none" : field === "cancelCompleted" ? "false" : field === "reasonCategories" ? "[]" : "null";
  const value = policy[field];
  return JSON.stringify(Array.isArray(value) ? [...value].sort() : value);
}

/** The rules that differ between two versions of a policy (null = none), in the form's order. */
export function changedPolicyFields(before: ApprovalPolicy | null, after: ApprovalPolicy | null): PolicyField[] {
  return POLICY_FIELDS.filter((field) => fieldValue(before, field) !== fieldValue(after, field));
}
