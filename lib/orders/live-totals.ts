// What the amounts typed so far come to, while the agent types: the live totals (summed from the
// lines, typed in, or fixed at 0, as the template decides), the amount part of the body the order
// rules are checked against, and the field errors the form schema's transform would report. No zod
// here: the forms run these on every render, before the schemas have loaded.
import type { IndustryId } from "../industries";
import { parseYuan } from "../money";
import type { TPostDiscount, TPostPayment } from "../payscore/fields";
import type { RuleCode, RuleIssue } from "../payscore/issues";
import type { TServiceOrder } from "../payscore/order";
import { currentOrderTotal, expectedTotal } from "../payscore/rules";
import type { TDiscountLineInput, TPaymentLineInput } from "./amount-form";
import { discountsFromInput, paymentsFromInput, yuanField } from "./amount-lines";
import { variantOfLines } from "./template-lines";

/** The part of both forms' values that the lines editor and the totals read. */
export interface AmountValues {
  industry: IndustryId;
  payments: TPaymentLineInput[];
  discounts: TDiscountLineInput[];
  total: string;
}

export type LiveTotalMode = "sum" | "entered" | "zero";

/** Whether the total is computed from the lines, typed in, or fixed at 0 — as the schema decides it. */
export function liveTotalMode(industry: IndustryId, payments: readonly TPaymentLineInput[]): LiveTotalMode {
  const variant = variantOfLines(industry, payments);
  if (variant.totalMode === "zero") return "zero";
  if (variant.totalMode === "sum") return "sum";
  if (variant.totalMode === "entered") return "entered";
  return payments.some((l) => l.amount.trim() !== "") ? "sum" : "entered";
}

export interface LiveTotals {
  mode: LiveTotalMode;
  /** Σ of the payment amounts typed so far; null while one does not parse. */
  paymentsFen: number | null;
  discountsFen: number | null;
  /** The total that would be sent; null while it cannot be known (a field does not parse). */
  newTotal: number | null;
  /** The order's current total (total_amount, else the collection's); null when it has none. */
  oldTotal: number | null;
  /** newTotal − oldTotal. */
  delta: number | null;
  riskFund: number | null;
}

function sumYuan(values: readonly string[], emptyIsZero: boolean): number | null {
  let sum = 0;
  for (const v of values) {
    if (v.trim() === "" && emptyIsZero) continue;
    const parsed = parseYuan(v);
    if (!parsed.ok) return null;
    sum += parsed.fen;
  }
  return sum;
}

export function computeLiveTotals(values: Pick<AmountValues, "industry" | "payments" | "discounts" | "total">, order: TServiceOrder): LiveTotals {
  const mode = liveTotalMode(values.industry, values.payments);
  const paymentsFen = sumYuan(
    values.payments.map((l) => l.amount),
    true,
  );
  const discountsFen = sumYuan(
    values.discounts.map((l) => l.amount),
    false,
  );
  let newTotal: number | null;
  if (mode === "sum") newTotal = paymentsFen !== null && discountsFen !== null ? paymentsFen - discountsFen : null;
  else {
    const parsed = parseYuan(values.total);
    newTotal = parsed.ok ? parsed.fen : null;
  }
  const oldTotal = currentOrderTotal(order) ?? null;
  return {
    mode,
    paymentsFen,
    discountsFen,
    newTotal,
    oldTotal,
    delta: newTotal !== null && oldTotal !== null ? newTotal - oldTotal : null,
    riskFund: order.risk_fund?.amount ?? null,
  };
}

export interface DraftBody {
  post_payments: TPostPayment[];
  post_discounts: TPostDiscount[];
  total_amount: number;
}

/**
 * The amount part of the body as the schema would build it, or null while a field does not parse
 * (then the field's own error says what is wrong and the order rules would only add noise).
 */
export function draftBody(values: Pick<AmountValues, "payments" | "discounts" | "total">): DraftBody | null {
  let broken = false;
  const addIssue = () => {
    broken = true;
  };
  const post_payments = paymentsFromInput(values.payments, "payments", addIssue);
  const post_discounts = discountsFromInput(values.discounts, "discounts", addIssue);
  const computed = expectedTotal(post_payments, post_discounts);
  let total_amount = computed;
  if (total_amount === null) {
    const parsed = parseYuan(values.total);
    total_amount = parsed.ok ? parsed.fen : null;
  }
  if (broken || total_amount === null) return null;
  return { post_payments, post_discounts, total_amount };
}

/**
 * The field errors the form schema's transform would report (amounts, counts, an entered total).
 * The schema runs its transform only once every field has the right shape, so while e.g. no reason
 * category is chosen these are added here, and the agent sees every error at once.
 */
export function amountFieldIssues(values: Pick<AmountValues, "payments" | "discounts" | "total">): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (path: (string | number)[], code: RuleCode, params?: Record<string, string | number>) => {
    issues.push(params ? { path, code, params } : { path, code });
  };
  const post_payments = paymentsFromInput(values.payments, "payments", add);
  const post_discounts = discountsFromInput(values.discounts, "discounts", add);
  if (expectedTotal(post_payments, post_discounts) === null) yuanField(values.total, ["total"], add);
  return issues;
}
