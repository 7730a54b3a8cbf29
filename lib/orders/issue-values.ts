// The values an issue's message is formatted with (its params, amounts in 分 shown as money, every
// argument the ICU message may reference present), so the forms and the error list word an issue
// the same way in both languages.
import type { RuleCode, RuleIssue } from "../payscore/issues";

/** Parameters that are amounts in 分 for these codes; shown as ¥0.00. */
export const MONEY_PARAMS: Partial<Record<RuleCode, readonly string[]>> = {
  total_mismatch: ["expected"],
  total_above_risk_fund: ["max"],
  total_not_lower: ["current"],
  total_above_complete_total: ["max"],
};

/** The ICU values for an issue's message: its params, with amounts formatted by `formatMoney`. */
export function issueMessageValues(issue: RuleIssue, formatMoney: (fen: number) => string): Record<string, string | number> {
  const values: Record<string, string | number> = { ...(issue.params ?? {}) };
  for (const key of MONEY_PARAMS[issue.code] ?? []) {
    const v = values[key];
    if (typeof v === "number" && Number.isSafeInteger(v)) values[key] = formatMoney(v);
  }
  // ICU's select/plural needs every referenced argument; absent ones read as "".
  for (const key of ["min", "max", "name", "names", "expected", "current", "format", "line"]) values[key] ??= "";
  values.hasMax = issue.params?.max === undefined ? "no" : "yes";
  return values;
}
