// Text and value generators for the fuzz layers: valid text in every script (and hostile strings),
// identifiers, amounts, Beijing times; and the bad values each kind of field must refuse.
import fc from "fast-check";
import { MAX_FEN } from "@/lib/money";
import { formatBeijingTime, parseBeijingTime } from "@/lib/payscore/fields";
import { charLength, isAcceptableText, isWellFormedText } from "@/lib/text";

const HOSTILE_TEXT = [
  "<script>alert(document.cookie)</script>",
  "<img src=x onerror=alert(1)>",
  "\"><svg/onload=alert(1)>",
  "=cmd|' /C calc'!A0",
  "=HYPERLINK(\"http://evil\",\"x\")",
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "'; DROP TABLE trail; --",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "../../etc/passwd",
  "\u202eevil\u202c",
  "Zalgo: Z̵̡̢a̸l̷g̶o̴",
  "😀👍🏽👨‍👩‍👧‍👦🏳️‍🌈",
  "𠮷野家・房间空调故障",
  "a\tb\nc\r\nd",
];

/** Single code points from many scripts, including astral ones (2 UTF-16 units, 1 character). */
export const CODE_POINT = fc.oneof(
  fc.constantFrom("房", "间", "減", "é", "ß", "Ω", "ж", "ع", "ह", "😀", "𠮷", "🏽", "\u200b", "\u200d", "\u202e", "\u3000", "\u00a0", "<", ">", "&", "\"", "'", "=", "|", "\\"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter(isWellFormedText),
);

/** Well-formed text of `min`..`max` code points. */
export function textArb(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: CODE_POINT, minLength: min, maxLength: max }) },
      { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: min, maxLength: max }) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: min, maxLength: max }) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT).map((s) => [...s].slice(0, max).join("")) },
    )
    .filter((s) => isWellFormedText(s) && charLength(s) >= min && charLength(s) <= max);
}

/** Text a form trims: non-blank, with no surrounding whitespace. */
export function trimmedTextArb(max: number): fc.Arbitrary<string> {
  return textArb(1, max).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A reason or note the console stores: trimmed text without control or bidirectional characters. */
export function freeTextArb(max: number): fc.Arbitrary<string> {
  return trimmedTextArb(max).filter((s) => isAcceptableText(s, "multi-line"));
}

export const ID = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 32 });
export const FEN = fc.oneof(fc.constantFrom(0, 1, 99, MAX_FEN), fc.integer({ min: 0, max: MAX_FEN }));
export const PAYSCORE_TIME = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 })
  .map((seconds) => formatBeijingTime(new Date(seconds * 1000)));
export const ISO_TIME = PAYSCORE_TIME.map((s) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}+08:00`);

export const HOSTILE_KEY = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isAdmin", "then", "length", "0", ""),
  fc.string({ maxLength: 8 }),
);

function deepNest(depth: number): unknown {
  let value: unknown = { polluted: true };
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { __proto__junk: value, a: [value] } : [value];
  return value;
}

/** Pollution attempts as own keys (JSON.parse keeps "__proto__" as an own property). */
export const POLLUTERS: unknown[] = [
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('[{"__proto__": {"polluted": "yes"}}]'),
];

/** Nested junk as a forged server-action request can carry it (React's reply format: plain objects, Map, Set, Date, BigInt, typed arrays). */
const JUNK_OBJECT = fc.oneof(
  fc.object({ key: HOSTILE_KEY, maxDepth: 3 }),
  fc.constantFrom<unknown>(deepNest(200), ...POLLUTERS, new Map([["name", "x"]]), new Set(["x"]), new Uint8Array(4), { length: 1e21 }, { length: {} }),
);

/** A value that is not a string. */
export const NOT_A_STRING = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.array(fc.string(), { maxLength: 3 }),
  JUNK_OBJECT,
  fc.date(),
);

/** A value that is not a list (an empty list can be valid). */
export const NOT_A_LIST = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.object({ key: HOSTILE_KEY, maxDepth: 2 }), fc.constantFrom<unknown>(new Map(), new Set([1]), { length: 2 }, POLLUTERS[0]));

/** Text that the field refuses: too long (some huge), empty, NUL or a lone surrogate, or not a string. */
export function badTextArb(max: number): fc.Arbitrary<unknown> {
  const valid = textArb(1, Math.max(1, max - 1));
  return fc.oneof(
    NOT_A_STRING,
    fc.constant(""),
    fc.string({ unit: CODE_POINT, minLength: max + 1, maxLength: max + 40 }).filter((s) => charLength(s) > max),
    fc.constantFrom(10_000, 1_000_000).map((n) => "房".repeat(n)),
    fc.tuple(valid, fc.nat(), fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff")).map(
      ([s, at, bad]) => {
        const units = Math.min(at, s.length);
        return s.slice(0, units) + bad + s.slice(units);
      },
    ),
  );
}

/** Bad text for a form field the form trims: trimming cannot make it valid. */
export function badFormTextArb(max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    NOT_A_STRING,
    fc.string({ unit: CODE_POINT, minLength: max + 1, maxLength: max + 40 }).map((s) => s.replace(/\s/g, "x")).filter((s) => charLength(s) > max),
    fc.constantFrom(10_000, 1_000_000).map((n) => "好".repeat(n)),
    fc.constantFrom("a\u0000b", "\ud800", "x\udfff", "房\ud83d间", "\u0000"),
  );
}

export const BAD_ID = fc.oneof(
  badTextArb(32),
  fc.tuple(fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 20 }), fc.constantFrom(" ", "\t", "\n", "é", "房", "😀", "\u007f", "\u00a0")).map(
    ([s, c]) => `${s}${c}${s}`,
  ),
);

export const BAD_FEN = fc.oneof(
  fc.constantFrom(-1, -0.01, 0.5, 1.5, MAX_FEN + 1, 1e21, 2 ** 53, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.constantFrom("100", "1e3", "", "0x10", null, true, false, [], {}, [100]),
  fc.integer({ min: -1e12, max: -1 }),
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.integer({ min: MAX_FEN + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.bigInt(),
  JUNK_OBJECT,
);

export function badIntArb(min: number, max: number | null): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(min - 1, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1", null, true, [], {}),
    fc.constant(max === null ? 2 ** 53 : max + 1),
    fc.integer({ min: -1e9, max: min - 1 }),
  );
}

export const BAD_TIME = fc.oneof(
  fc.constantFrom(
    "20261301000000",
    "20260230120000",
    "20261125250000",
    "20261125106000",
    "2026112510000",
    "202611251000000",
    "2026-11-25T10:00:00",
    "20261125 100000",
    "２０２６１１２５１０００００",
    "20261125100000\n",
    "",
    20261125100000,
    null,
  ),
  fc.string({ unit: fc.constantFrom("0", "1", "2", "3", "9"), minLength: 14, maxLength: 14 }).filter((s) => parseBeijingTime(s) === null),
);

export const BAD_ISO = fc.constantFrom(
  "2019-11-11 16:24:05+08:00",
  "2019-11-11T16:24:05",
  "20191111162405",
  "2019-11-11T16:24:05+0800",
  "2019-11-11T16:24:05+08:00 ",
  "",
  20191111,
  null,
);

export const BAD_BOOL = fc.constantFrom("true", "false", 1, 0, null, "yes", [], {});
