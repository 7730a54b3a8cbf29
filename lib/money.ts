// Money: amounts travel as integer 分 (fen); people type and read 元 (yuan). No floating point
// touches an amount: 元 strings are parsed digit by digit into integers.
//
// parseYuan accepts, after trimming surrounding whitespace:
//   digits, optionally followed by "." and one or two digits:  "12", "12.3", "12.30", "0.01", "0", "007"
// and refuses:
//   ""            → empty
//   "-1", "-0.5"  → negative (any leading minus sign in front of an otherwise valid number)
//   "12.345", "1.000" → too_many_decimals (more than two decimal places, even trailing zeros)
//   "12.", ".5", "+1", "1e3", "1,000", "¥1", "abc", "１２" (full-width) → not_a_number
//   anything above MAX_FEN → too_large
// "12." and ".5" are refused on purpose: an agent who types them probably did not finish typing,
// and a money field should not guess.

export type MoneyErrorCode = "empty" | "not_a_number" | "negative" | "too_many_decimals" | "too_large";

export type ParseYuanResult = { ok: true; fen: number } | { ok: false; code: MoneyErrorCode };

/** Largest amount we accept anywhere: 1,000,000,000.00 元 = 1e11 分 (well inside safe integers). */
export const MAX_FEN = 100_000_000_000;

const YUAN_RE = /^(\d+)(?:\.(\d{1,2}))?$/;
const MANY_DECIMALS_RE = /^\d+\.\d{3,}$/;

export function parseYuan(input: string): ParseYuanResult {
  const s = input.trim();
  if (s === "") return { ok: false, code: "empty" };
  if (s.startsWith("-")) {
    const rest = s.slice(1);
    return YUAN_RE.test(rest) || MANY_DECIMALS_RE.test(rest)
      ? { ok: false, code: "negative" }
      : { ok: false, code: "not_a_number" };
  }
  if (MANY_DECIMALS_RE.test(s)) return { ok: false, code: "too_many_decimals" };
  const m = YUAN_RE.exec(s);
  if (!m) return { ok: false, code: "not_a_number" };
  const intDigits = (m[1] ?? "0").replace(/^0+(?=\d)/, "");
  // MAX_FEN is 1e9 元: more than 10 integer digits is too large before any arithmetic.
  if (intDigits.length > 10) return { ok: false, code: "too_large" };
  const decimals = (m[2] ?? "").padEnd(2, "0");
  const fen = Number(intDigits) * 100 + Number(decimals);
  if (fen > MAX_FEN) return { ok: false, code: "too_large" };
  return { ok: true, fen };
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function splitFen(fen: number): { negative: boolean; yuan: string; cents: string } {
  assertFen(fen);
  const negative = fen < 0;
  const abs = String(Math.abs(fen)).padStart(3, "0");
  return { negative, yuan: abs.slice(0, -2), cents: abs.slice(-2) };
}

/** 123456 → "1234.56", -100 → "-1.00". For inputs and CSV (no symbol, no grouping). */
export function fenToYuanString(fen: number): string {
  const { negative, yuan, cents } = splitFen(fen);
  return `${negative ? "-" : ""}${yuan}.${cents}`;
}

/** 123456 → "¥1,234.56", 0 → "¥0.00", -100 → "-¥1.00". Throws on a non-integer. */
export function formatFen(fen: number): string {
  const { negative, yuan, cents } = splitFen(fen);
  return `${negative ? "-" : ""}¥${groupThousands(yuan)}.${cents}`;
}

/** A change in amount: 100 → "+¥1.00", -100 → "-¥1.00", 0 → "¥0.00". */
export function formatFenDelta(fen: number): string {
  const formatted = formatFen(fen);
  return fen > 0 ? `+${formatted}` : formatted;
}
