// A policy in words, for the admin page's server parts (the list, the history) and its editor alike:
// each rule as a phrase, and one rule's value for the history's "before → after". `t` is a
// translator of the `admin.policies` namespace (getTranslations on the server, useTranslations in
// the browser); money is shown as ¥0.00, categories in the reader's language.
import type { ApprovalPolicy } from "@/lib/approvals/policy";
import type { PolicyField } from "@/lib/approvals/policy-values";
import { formatFen } from "@/lib/money";
import { reasonLabel } from "@/lib/orders/reasons";

export type PolicyTranslate = (key: string, values?: Record<string, string | number>) => string;

function categories(list: readonly string[], locale: string): string {
  return list.map((category) => (locale === "en" ? `“${reasonLabel(category, locale)}”` : `「${reasonLabel(category, locale)}」`)).join(locale === "en" ? " or " : "或");
}

/** The situations that need approval, one phrase each, in the form's order. */
export function policyRuleTexts(policy: ApprovalPolicy, t: PolicyTranslate, locale: string): string[] {
  const texts: string[] = [];
  if (policy.maxReductionFen !== null) texts.push(t("rules.reductionAmount", { amount: formatFen(policy.maxReductionFen) }));
  if (policy.maxReductionPercent !== null) texts.push(t("rules.reductionPercent", { percent: policy.maxReductionPercent }));
  if (policy.maxCompleteRiskPercent !== null) texts.push(t("rules.completeRiskPercent", { percent: policy.maxCompleteRiskPercent }));
  if (policy.reasonCategories.length > 0) texts.push(t("rules.reasonCategories", { categories: categories(policy.reasonCategories, locale) }));
  if (policy.cancelCompleted) texts.push(t("rules.cancelCompleted"));
  return texts;
}

/** One rule's value in a version of the policy (null: there was none). */
export function policyFieldText(field: PolicyField, policy: ApprovalPolicy | null, t: PolicyTranslate, locale: string): string {
  if (!policy) return field === "expiresHours" ? t("history.values.none") : field === "cancelCompleted" ? t("history.values.cancelOff") : field === "reasonCategories" ? t("history.values.noCategories") : t("history.values.off");
  switch (field) {
    case "maxReductionFen":
      return policy.maxReductionFen === null ? t("history.values.off") : formatFen(policy.maxReductionFen);
    case "maxReductionPercent":
    case "maxCompleteRiskPercent": {
      const value = policy[field];
      return value === null ? t("history.values.off") : `${value}%`;
    }
    case "reasonCategories":
      return policy.reasonCategories.length === 0 ? t("history.values.noCategories") : policy.reasonCategories.map((category) => reasonLabel(category, locale)).join(locale === "en" ? ", " : "、");
    case "cancelCompleted":
      return policy.cancelCompleted ? t("history.values.cancelOn") : t("history.values.cancelOff");
    case "expiresHours":
      return t("history.values.hours", { hours: policy.expiresHours });
  }
}
