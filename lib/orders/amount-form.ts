// The amount form's values and their parsing: what an agent types (元 as text, empty = not sent)
// becomes the API's integer-分 lines. One schema per operation (modify, complete) in ./modify-form
// and ./complete-form builds on these parts; the form's zodResolver and the server action parse
// with the same schema, so the browser and the server cannot disagree.
import * as z from "zod/mini";
import { parseYuan, type MoneyErrorCode } from "../money";
import { encodeIssueMessage, type RuleCode } from "../payscore/issues";
import type { TPostDiscount, TPostPayment } from "../payscore/fields";

export const MONEY_ERROR_RULES: Record<MoneyErrorCode, RuleCode> = {
  empty: "required",
  not_a_number: "not_a_number",
  negative: "negative",
  too_many_decimals: "too_many_decimals",
  too_large: "too_large",
};

/** Form values of one post_payments line; "" means "not sent". */
export const ZPaymentLineInput = z.object({
  name: z.string(),
  amount: z.string(),
  description: z.string(),
  count: z.string(),
});
export type TPaymentLineInput = z.infer<typeof ZPaymentLineInput>;

export const ZDiscountLineInput = z.object({
  name: z.string(),
  description: z.string(),
  amount: z.string(),
  count: z.string(),
});
export type TDiscountLineInput = z.infer<typeof ZDiscountLineInput>;

type AddIssue = (path: (string | number)[], code: RuleCode, params?: Record<string, string | number>) => void;

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

/**
 * Adapter from a zod refinement context to AddIssue (messages in the lib/payscore code format).
 * Takes a superRefine context (has `addIssue`) or the payload a zod/mini `z.transform` gets (has no
 * `addIssue`: the issue is pushed as full zod's transform context would push it).
 */
export function issueAdder(ctx: z.core.$RefinementCtx | z.core.ParsePayload): AddIssue {
  return (path, code, params) => {
    const issue = { code: "custom" as const, path, message: encodeIssueMessage(code, params) };
    if ("addIssue" in ctx) ctx.addIssue(issue);
    else ctx.issues.push({ ...issue, input: ctx.value });
  };
}

/** 分 → the 元 text the form shows (no thousands separators, always two decimals). */
export function fenToInput(fen: number | undefined): string {
  if (fen === undefined) return "";
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
