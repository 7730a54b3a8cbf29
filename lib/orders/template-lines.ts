// An industry template meets the order's lines: which template variant the form's lines belong to,
// the form lines seeded from the order (fields the template forbids left out), where a new line
// goes so the lines stay in template order, and whether a line may be added or removed. No zod
// here: the lines editor runs these on every render.
import {
  INDUSTRY_TEMPLATES,
  selectIndustryVariant,
  type IndustryGroup,
  type IndustryId,
  type IndustryVariant,
  type IndustryVariantId,
  type LineField,
} from "../industries";
import { LIMITS } from "../payscore/limits";
import type { TOrderPostDiscount, TOrderPostPayment } from "../payscore/order";
import type { TDiscountLineInput, TPaymentLineInput } from "./amount-form";
import { fenToInput } from "./amount-lines";

/** The template variant these form lines belong to (汽车租赁: a 租车相关费用 line means 0元完结). */
export function variantOfLines(industry: IndustryId, payments: readonly Pick<TPaymentLineInput, "name">[]): IndustryVariant {
  return selectIndustryVariant(
    industry,
    payments.map((line) => ({ name: line.name })),
  );
}

export function findVariant(industry: IndustryId, variantId: IndustryVariantId): IndustryVariant {
  const variants = INDUSTRY_TEMPLATES[industry].variants;
  const found = variants.find((v) => v.id === variantId) ?? variants[0];
  if (!found) throw new Error(`industry ${industry} has no variant`);
  return found;
}

/** Index of the group a line belongs to: its fixed name, else the free-name group; -1 when none. */
export function groupIndexOfLine(variant: IndustryVariant, line: Pick<TPaymentLineInput, "name">): number {
  const byName = variant.groups.findIndex((g) => g.name !== null && g.name === line.name);
  if (byName >= 0) return byName;
  return variant.groups.findIndex((g) => g.name === null);
}

/** Fields a line of this group shows as inputs; forbidden ones are never shown (nor sent). */
export function editableFields(group: IndustryGroup): LineField[] {
  // The 0-yuan 汽车租赁 line is fixed entirely: its description is shown read-only, no amount.
  if (group.fixedDescription !== undefined) return [];
  return (["amount", "description", "count"] as const).filter((f) => group.fields[f] !== "forbidden");
}

export function emptyLine(group: IndustryGroup): TPaymentLineInput {
  return {
    name: group.name ?? "",
    amount: "",
    description: group.fixedDescription ?? "",
    // A line that must carry a count starts at 1, the common case (one item).
    count: group.fields.count === "required" && group.fixedDescription === undefined ? "1" : "",
  };
}

function lineFromOrder(group: IndustryGroup, line: TOrderPostPayment): TPaymentLineInput {
  const shows = new Set(editableFields(group));
  return {
    name: group.name ?? line.name,
    amount: shows.has("amount") ? fenToInput(line.amount) : "",
    description: group.fixedDescription ?? (shows.has("description") ? (line.description ?? "") : ""),
    count: shows.has("count") && line.count !== undefined ? String(line.count) : "",
  };
}

export interface SeededPayments {
  payments: TPaymentLineInput[];
  /** Lines of the order that do not fit the template (unknown name, or over a group's maximum). */
  dropped: number;
}

/**
 * The form lines for a template variant, pre-filled from the order's lines: each group takes the
 * order's lines with its name (the free group takes the rest), in template order; a required group
 * the order lacks gets an empty line. Fields the group forbids are left out.
 */
export function seedPayments(
  industry: IndustryId,
  variantId: IndustryVariantId | undefined,
  orderLines: readonly TOrderPostPayment[] | undefined,
): SeededPayments {
  const lines = orderLines ?? [];
  const variant = variantId ? findVariant(industry, variantId) : selectIndustryVariant(industry, lines);
  const fixedNames = new Set(variant.groups.map((g) => g.name).filter((n): n is string => n !== null));
  const payments: TPaymentLineInput[] = [];
  let used = 0;
  for (const group of variant.groups) {
    const own = lines.filter((l) => (group.name === null ? !fixedNames.has(l.name) : l.name === group.name)).slice(0, group.maxLines);
    used += own.length;
    payments.push(...own.map((l) => lineFromOrder(group, l)));
    if (own.length === 0 && group.required) payments.push(emptyLine(group));
  }
  return { payments, dropped: lines.length - used };
}

export function seedDiscounts(orderLines: readonly TOrderPostDiscount[] | undefined): TDiscountLineInput[] {
  return (orderLines ?? []).slice(0, LIMITS.discountsMax).map((l) => ({
    name: l.name ?? "",
    description: l.description ?? "",
    amount: fenToInput(l.amount),
    count: l.count !== undefined ? String(l.count) : "",
  }));
}

export function emptyDiscount(): TDiscountLineInput {
  return { name: "", description: "", amount: "", count: "" };
}

/** How many lines each group of the variant has now. */
export function linesPerGroup(variant: IndustryVariant, payments: readonly Pick<TPaymentLineInput, "name">[]): number[] {
  const counts = variant.groups.map(() => 0);
  for (const line of payments) {
    const i = groupIndexOfLine(variant, line);
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** Where a new line of group `groupIndex` goes so the lines stay in template order. */
export function insertIndexForGroup(
  variant: IndustryVariant,
  payments: readonly Pick<TPaymentLineInput, "name">[],
  groupIndex: number,
): number {
  let at = 0;
  payments.forEach((line, i) => {
    const g = groupIndexOfLine(variant, line);
    if (g >= 0 && g <= groupIndex) at = i + 1;
  });
  return at;
}

export function canAddLine(variant: IndustryVariant, payments: readonly Pick<TPaymentLineInput, "name">[], groupIndex: number): boolean {
  const group = variant.groups[groupIndex];
  if (!group) return false;
  return (linesPerGroup(variant, payments)[groupIndex] ?? 0) < group.maxLines && payments.length < LIMITS.paymentsMax;
}

/** A required group keeps at least one line. */
export function canRemoveLine(variant: IndustryVariant, payments: readonly Pick<TPaymentLineInput, "name">[], index: number): boolean {
  const line = payments[index];
  if (!line) return false;
  const g = groupIndexOfLine(variant, line);
  const group = variant.groups[g];
  if (!group) return true;
  return !group.required || (linesPerGroup(variant, payments)[g] ?? 0) > 1;
}
