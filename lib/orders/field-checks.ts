// Checks the per-mode API schema makes that the form schema does not (text lengths in characters,
// partner and institution discount descriptions, the modify reason after its category, institution
// complete times): run before sending, so the agent sees them at the field; the server checks them
// again. No zod here: the forms run these on every render.
import type { TMode } from "../payscore/fields";
import type { RuleIssue } from "../payscore/issues";
import { LIMITS } from "../payscore/limits";
import { charLength } from "../text";
import type { TDiscountLineInput, TPaymentLineInput } from "./amount-form";
import { REASON_CATEGORIES, isReasonCategory, reasonTextMax } from "./reasons";

/** Partner and institution modes need a description on every discount line (Decision 14). */
export function discountModeIssues(mode: TMode, discounts: readonly TDiscountLineInput[]): RuleIssue[] {
  if (mode === "merchant") return [];
  return discounts.flatMap((d, i): RuleIssue[] => (d.description.trim() === "" ? [{ path: ["discounts", i, "description"], code: "required" }] : []));
}

/** Text fields the form schema does not bound but the API does (lengths in characters). */
export function lengthIssues(fields: Readonly<Record<string, { value: string; max: number }>>): RuleIssue[] {
  return Object.entries(fields).flatMap(([path, { value, max }]): RuleIssue[] =>
    charLength(value.trim()) > max ? [{ path: path.split("."), code: "too_long", params: { max } }] : [],
  );
}

/** The modify reason text: required, and within what `reason` leaves after the category (see reasons.ts). */
export function reasonTextIssues(values: { reasonCategory: string; reasonText: string }): RuleIssue[] {
  const text = values.reasonText.trim();
  if (text === "") return [{ path: ["reasonText"], code: "required" }];
  const max = isReasonCategory(values.reasonCategory) ? reasonTextMax(values.reasonCategory) : Math.min(...REASON_CATEGORIES.map(reasonTextMax));
  return charLength(text) > max ? [{ path: ["reasonText"], code: "too_long", params: { max } }] : [];
}

const LINE_TEXT_LIMITS = {
  payments: { name: LIMITS.paymentName, description: LIMITS.paymentDescription },
  discounts: { name: LIMITS.discountName, description: LIMITS.discountDescription },
} as const;

/** The API's limits on a line's name and description (LIMITS), per line, in characters. */
export function lineLengthIssues(payments: readonly TPaymentLineInput[], discounts: readonly TDiscountLineInput[]): RuleIssue[] {
  const lists = { payments, discounts };
  return (["payments", "discounts"] as const).flatMap((list) =>
    lists[list].flatMap((line, i) =>
      (["name", "description"] as const).flatMap((field): RuleIssue[] => {
        const max = LINE_TEXT_LIMITS[list][field];
        return charLength(line[field].trim()) > max ? [{ path: [list, i, field], code: "too_long", params: { max } }] : [];
      }),
    ),
  );
}

/** Institution complete: a sent time_range must carry start_time (seed 004). */
export function institutionTimeIssues(
  mode: TMode,
  times: { startTime: string; startTimeRemark: string; endTime: string; endTimeRemark: string },
): RuleIssue[] {
  if (mode !== "institution") return [];
  const anyTime = [times.startTime, times.startTimeRemark, times.endTime, times.endTimeRemark].some((v) => v.trim() !== "");
  return anyTime && times.startTime.trim() === "" ? [{ path: ["startTime"], code: "required" }] : [];
}
