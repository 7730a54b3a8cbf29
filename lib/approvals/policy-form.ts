// The admin's approval-policy form, one schema for the browser and the server action: which scope
// (a profile, optionally one sub-merchant), and each rule — empty means the rule is off. Amounts are
// typed in 元 and travel as 分; percentages are whole numbers 1–100; a request expires after 1–168
// hours. The amount is capped at ¥10,000,000.00: the column is a PostgreSQL integer (≤ 2^31 − 1 分),
// and a larger limit would fail as a database error instead of a field message.
import * as z from "zod/mini";
import { REASON_CATEGORIES } from "../orders/reasons";
import { parseYuan } from "../money";
import { maxLength, minLength } from "../zod-length";
import { encodeIssueMessage } from "../payscore/issues";
import { DEFAULT_EXPIRES_HOURS, type ApprovalPolicy } from "./policy";
import { MAX_EXPIRES_HOURS, MAX_POLICY_REDUCTION_FEN } from "./policy-values";

export const ZPolicyFormInput = z.object({
  profileId: z.string().check(minLength(1), maxLength(40)),
  /** '' = the whole profile. */
  subMchid: z.string().check(maxLength(32)),
  /** false: remove the policy of this scope (nothing needs approval, or the profile's applies). */
  enabled: z.boolean(),
  maxReductionYuan: z.string().check(maxLength(16)),
  maxReductionPercent: z.string().check(maxLength(4)),
  maxCompleteRiskPercent: z.string().check(maxLength(4)),
  reasonCategories: z.array(z.enum(REASON_CATEGORIES)).check(maxLength(REASON_CATEGORIES.length)),
  cancelCompleted: z.boolean(),
  expiresHours: z.string().check(maxLength(4)),
});
export type TPolicyFormInput = z.input<typeof ZPolicyFormInput>;

export interface PolicySubmission {
  profileId: string;
  subMchid: string;
  policy: ApprovalPolicy | null;
}

type AddIssue = (path: string, code: Parameters<typeof encodeIssueMessage>[0], params?: Parameters<typeof encodeIssueMessage>[1]) => void;

function percent(value: string, path: string, addIssue: AddIssue): number | null {
  const text = value.trim();
  if (text === "") return null;
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 100) {
    addIssue(path, "out_of_range", { min: 1, max: 100 });
    return null;
  }
  return Number(text);
}

export const ZPolicyForm = z.pipe(
  ZPolicyFormInput,
  z.transform((input: z.output<typeof ZPolicyFormInput>, ctx): PolicySubmission => {
    const addIssue: AddIssue = (path, code, params) => ctx.issues.push({ code: "custom", path: [path], message: encodeIssueMessage(code, params), input });
    const scope = { profileId: input.profileId, subMchid: input.subMchid };
    if (!input.enabled) return { ...scope, policy: null };
    let maxReductionFen: number | null = null;
    if (input.maxReductionYuan.trim() !== "") {
      const parsed = parseYuan(input.maxReductionYuan);
      if (!parsed.ok) addIssue("maxReductionYuan", parsed.code === "empty" ? "required" : parsed.code);
      else if (parsed.fen > MAX_POLICY_REDUCTION_FEN) addIssue("maxReductionYuan", "too_large", { max: MAX_POLICY_REDUCTION_FEN });
      else maxReductionFen = parsed.fen;
    }
    // Digits only: Number() would also take "1e2", "0x10" and "12.0".
    const hoursText = input.expiresHours.trim();
    let hours = DEFAULT_EXPIRES_HOURS;
    if (hoursText !== "") {
      if (/^\d{1,3}$/.test(hoursText) && Number(hoursText) >= 1 && Number(hoursText) <= MAX_EXPIRES_HOURS) hours = Number(hoursText);
      else addIssue("expiresHours", "out_of_range", { min: 1, max: MAX_EXPIRES_HOURS });
    }
    const policy: ApprovalPolicy = {
      maxReductionFen,
      maxReductionPercent: percent(input.maxReductionPercent, "maxReductionPercent", addIssue),
      maxCompleteRiskPercent: percent(input.maxCompleteRiskPercent, "maxCompleteRiskPercent", addIssue),
      // In the list's own order, so the same choice is always stored (and compared) the same way.
      reasonCategories: REASON_CATEGORIES.filter((category) => input.reasonCategories.includes(category)),
      cancelCompleted: input.cancelCompleted,
      expiresHours: hours,
    };
    // A policy that names nothing would look like a rule and do nothing: remove it instead. Said once,
    // for the rules as a whole, and only when no field is wrong (an invalid field is not "empty").
    const anything = policy.maxReductionFen !== null || policy.maxReductionPercent !== null || policy.maxCompleteRiskPercent !== null || policy.reasonCategories.length > 0 || policy.cancelCompleted;
    if (!anything && ctx.issues.length === 0) addIssue("rules", "required");
    return { ...scope, policy };
  }),
);
