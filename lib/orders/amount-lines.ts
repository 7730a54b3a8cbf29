// What an agent types in the amount forms (元 as text, empty = not sent) → the API's integer-分 lines,
// with an issue per field that does not parse. No zod here: the forms run these on every render (live
// totals and rule checks), while the schemas that call them (./amount-form, ./modify-form,
// ./complete-form) load only when a form is first validated.
import { parseYuan, type MoneyErrorCode } from "../money";
import type { RuleCode } from "../payscore/issues";
import type { TPostDiscount, TPostPayment } from "../payscore/fields";
import type { TDiscountLineInput, TPaymentLineInput } from "./amount-form";

export const MONEY_ERROR_RULES: Record<MoneyErrorCode, RuleCode> = {
  empty: "required",
  not_a_number: "not_a_number",
  negative: "negative",
  too_many_decimals: "too_many_decimals",
  too_large: "too_large",
};

export type AddIssue = (path: (string | number)[], code: RuleCode, params?: Record<string, string | number>) => void;

/** 元 text → 分, or an issue at `path`. */
export function yuanField(value: string, path: (string | number)[], addIssue: AddIssue): number | undefined {
  const parsed = parseYuan(value);
  if (parsed.ok) return parsed.fen;
  addIssue(path, MONEY_ERROR_RULES[parsed.code]);
  return undefined;
}

function countField(value: string, path: (string | number)[], addIssue: AddIssue, min: number, max: number): number | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,4}$/.test(trimmed)) {
    addIssue(path, /^-/.test(trimmed) ? "negative" : "not_integer");
    return undefined;
  }
  const n = Number(trimmed);
  if (n < min || n > max) {
    addIssue(path, "out_of_range", { min, max });
    return undefined;
  }
  return n;
}

export function paymentsFromInput(lines: readonly TPaymentLineInput[], base: string, addIssue: AddIssue): TPostPayment[] {
  return lines.map((line, index) => {
    const out: TPostPayment = { name: line.name.trim() };
    if (line.amount.trim() !== "") {
      const fen = yuanField(line.amount, [base, index, "amount"], addIssue);
      if (fen !== undefined) out.amount = fen;
    }
    if (line.description.trim() !== "") out.description = line.description.trim();
    if (line.count.trim() !== "") {
      const count = countField(line.count, [base, index, "count"], addIssue, 1, 100);
      if (count !== undefined) out.count = count;
    }
    return out;
  });
}

export function discountsFromInput(lines: readonly TDiscountLineInput[], base: string, addIssue: AddIssue): TPostDiscount[] {
  return lines.map((line, index) => {
    const fen = yuanField(line.amount, [base, index, "amount"], addIssue);
    const out: TPostDiscount = { name: line.name.trim(), amount: fen ?? 0 };
    if (line.description.trim() !== "") out.description = line.description.trim();
    if (line.count.trim() !== "") {
      const count = countField(line.count, [base, index, "count"], addIssue, 1, 10_000);
      if (count !== undefined) out.count = count;
    }
    return out;
  });
}

/** 分 → the 元 text the form shows (no thousands separators, always two decimals). */
export function fenToInput(fen: number | undefined): string {
  if (fen === undefined) return "";
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
