// The admin's approval-policy form, one schema for the browser and the server action: which scope
// (a profile, optionally one sub-merchant), and each rule — empty means the rule is off. Amounts are
// typed in 元 and travel as 分; percentages are whole numbers 1–100.
import * as z from "zod/mini";
import { REASON_CATEGORIES } from "../orders/reasons";
import { parseYuan } from "../money";
import { maxLength, minLength } from "../zod-length";
import { encodeIssueMessage } from "../payscore/issues";
import type { ApprovalPolicy } from "./policy";

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
      if (!parsed.ok) addIssue("maxReductionYuan", "invalid_format", { format: "0.00" });
      else maxReductionFen = parsed.fen;
    }
    const hours = input.expiresHours.trim() === "" ? 24 : Number(input.expiresHours.trim());
    if (!Number.isInteger(hours) || hours < 1 || hours > 168) addIssue("expiresHours", "out_of_range", { min: 1, max: 168 });
    const policy: ApprovalPolicy = {
      maxReductionFen,
      maxReductionPercent: percent(input.maxReductionPercent, "maxReductionPercent", addIssue),
      maxCompleteRiskPercent: percent(input.maxCompleteRiskPercent, "maxCompleteRiskPercent", addIssue),
      reasonCategories: [...new Set(input.reasonCategories)],
      cancelCompleted: input.cancelCompleted,
      expiresHours: Number.isInteger(hours) ? hours : 24,
    };
    const anything = policy.maxReductionFen !== null || policy.maxReductionPercent !== null || policy.maxCompleteRiskPercent !== null || policy.reasonCategories.length > 0 || policy.cancelCompleted;
    if (!anything) addIssue("maxReductionYuan", "required");
    return { ...scope, policy };
  }),
);
