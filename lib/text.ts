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
