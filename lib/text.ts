// Text measures shared by the forms, the schemas and the sandbox. WeChat Pay counts a field's
// length in characters, so a Chinese description of 18 characters fits a 30-long field even
// though it is ~54 UTF-8 bytes (PAYSCORE_API Decision 9). We count Unicode code points, not the
// UTF-16 units that `String.prototype.length` counts (an emoji is 2 units but 1 code point).

/** Number of Unicode code points in `s`. */
export function charLength(s: string): number {
  let n = 0;
  // for..of iterates by code point.
  for (const _ of s) n += 1;
  return n;
}

// U+0000 (PostgreSQL text and jsonb cannot hold it) and a UTF-16 surrogate without its partner (not a
// character at all: it cannot be encoded as UTF-8, so it would be stored or sent as something else).
const MALFORMED_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `s` can be stored and sent exactly as it is: no NUL, no lone surrogate. */
export function isWellFormedText(s: string): boolean {
  return !MALFORMED_TEXT.test(s);
}

// The console's one rule for the free text people type and others read (reasons, internal notes,
// review comments, user names). Besides malformed text it refuses what is invisible or rearranges
// what is around it: C0 controls (\n and \t only in a field of several lines), DEL and C1 controls,
// the Unicode line and paragraph separators, and the bidirectional controls — an RTL override made
// `gnp.exe` read as `exe.png`. Stored text from before this rule is shown isolated (<bdi>).
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The issue code (a RuleCode) and message key of text that breaks the rule. */
export const INVALID_CHARACTERS = "invalid_characters";

export type TextLines = "single-line" | "multi-line";

/** True when `s` may be stored as free text: well formed, no control or bidirectional characters. */
export function isAcceptableText(s: string, lines: TextLines): boolean {
  if (!isWellFormedText(s) || BIDI_CONTROL.test(s)) return false;
  return !(lines === "multi-line" ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(s);
}

// What isAcceptableText refuses, one character at a time (a lone surrogate included), except \n, \t.
const HIDDEN_CHARACTER =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text stored before the rule, made safe to show: each control, bidirectional or malformed character
 * becomes a visible code such as "[U+202E]", so an override cannot reorder what follows it.
 */
export function revealControlCharacters(s: string): string {
  return s.replace(HIDDEN_CHARACTER, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}]`);
}
