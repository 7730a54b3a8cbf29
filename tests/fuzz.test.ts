// Fuzzing and bad input (issue 6 §3), with fast-check. Over 10 000 generated inputs in all:
//   1. the request schemas (lib/payscore modify and complete bodies, three modes each): valid bodies
//      pass unchanged; a valid body with one targeted defect (wrong type, NaN, 1e21, negative or
//      fractional amounts, huge strings, NUL and lone surrogates, 101 lines, nested junk, unknown and
//      prototype-pollution keys) is refused with an issue at that field; arbitrary junk never throws
//      and is refused with field paths;
//   2. the form schemas (ZModifyForm / ZCompleteForm, what the server actions parse) the same way;
//   3. the server actions themselves (modifyOrderAction / completeOrderAction, against the sandbox):
//      invalid input comes back as an ActionResult with field errors and not one request reaches the
//      sandbox (its request log stays empty) nor one row the trail; valid input goes through;
//   4. hostile text (HTML, <script>, CSV formulas) in reasons and descriptions is stored in the trail
//      and sent to the sandbox verbatim.
import path from "node:path";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type * as z from "zod/mini";
import { makeTempDir, startTestSandbox } from "@/server/sandbox/test-support";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import { ZModifyInstitutionBody, ZModifyMerchantBody, ZModifyPartnerBody } from "@/lib/payscore/modify";
import { ZCompleteInstitutionBody, ZCompleteMerchantBody, ZCompletePartnerBody } from "@/lib/payscore/complete";
import { formatBeijingTime, parseBeijingTime } from "@/lib/payscore/fields";
import { ruleIssuesFromZod, type RuleCode, type RuleIssue } from "@/lib/payscore/issues";
import type { TServiceOrder } from "@/lib/payscore/order";
import { MAX_FEN } from "@/lib/money";
import { charLength, isAcceptableText, isWellFormedText } from "@/lib/text";
import { ZModifyForm, type TModifyFormInput } from "@/lib/orders/modify-form";
import { ZCompleteForm, type TCompleteFormInput } from "@/lib/orders/complete-form";
import { composeReason, reasonTextMax } from "@/lib/orders/reasons";
import { fenToInput } from "@/lib/orders/amount-form";
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { trail } from "@/server/db/schema";
import { completeHotel, lowerFirstLine, type OrderRef } from "./support/order-inputs";

// A fixed signed-in agent for the actions' wrapper (sessions are tested elsewhere; this is about input).
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
const fakeAuth = {
  api: {
    getSession: async () => ({
      user: { id: "user-agent-1", name: "演示客服", email: "agent@fuzz.test", role: "agent", banned: false },
      session: { expiresAt: new Date(Date.now() + 3_600_000) },
    }),
  },
};
vi.mock("@/server/auth", () => ({ getAuth: async () => fakeAuth }));
vi.mock("@/server/auth/index", () => ({ getAuth: async () => fakeAuth }));

const dir = makeTempDir("payscore-fuzz-");
const t = await startTestSandbox({ dir, keysDir: path.join(dir, "sandbox", "keys") });
process.env.DATA_DIR = dir;
process.env.SANDBOX_URL = t.sandbox.url;
process.env.PGLITE_DIR = "memory://";
process.env.WECHATPAY_TIMEOUT_MS = "5000";
delete process.env.DATABASE_URL;
delete process.env.PAYSCORE_PROFILES_FILE;

const { modifyOrderAction, completeOrderAction } = await import("@/server/actions/orders");
const { getDb, closeDb } = await import("@/server/db");
const { queryOrder, resolveTarget } = await import("@/server/orders/target");
const db = await getDb();

afterAll(async () => {
  await closeDb();
  await t.stop();
});

/** Every generated input counts here; the last test checks the total. */
let generated = 0;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

// ---------------------------------------------------------------------------------------------
// Paths and cloning
// ---------------------------------------------------------------------------------------------

type Path = (string | number)[];
type Obj = Record<string, unknown>;

function isObjectLike(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Sets an own property, even "__proto__" (plain assignment would change the prototype instead). */
function defineKey(target: object, key: string | number, value: unknown): void {
  if (Array.isArray(target) && typeof key === "number") target[key] = value;
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function getAt(root: unknown, at: Path): unknown {
  let current: unknown = root;
  for (const part of at) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function setAt(root: unknown, at: Path, value: unknown): void {
  const parent = getAt(root, at.slice(0, -1));
  if (typeof parent !== "object" || parent === null) throw new Error(`no parent at ${JSON.stringify(at)}`);
  defineKey(parent, at[at.length - 1] as string | number, value);
}

function deleteAt(root: unknown, at: Path): void {
  const parent = getAt(root, at.slice(0, -1));
  if (typeof parent !== "object" || parent === null) throw new Error(`no parent at ${JSON.stringify(at)}`);
  Reflect.deleteProperty(parent, at[at.length - 1] as string | number);
}

function startsWith(issuePath: readonly (string | number)[], prefix: Path): boolean {
  return prefix.every((part, index) => issuePath[index] === part);
}

/** A refusal as the console reports it: RuleIssues, each naming its field. */
function refusal(schema: z.ZodMiniType, value: unknown): RuleIssue[] | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : ruleIssuesFromZod(parsed.error.issues);
}

function expectFieldErrors(issues: readonly RuleIssue[] | undefined, expected: readonly Path[], codes?: readonly RuleCode[]): void {
  expect(issues?.length ?? 0).toBeGreaterThan(0);
  for (const issue of issues ?? []) expect(issue.path.length).toBeGreaterThan(0);
  const hit = (issues ?? []).some(
    (issue) => expected.some((prefix) => startsWith(issue.path, prefix)) && (codes === undefined || codes.includes(issue.code)),
  );
  if (!hit) throw new Error(`no issue at ${JSON.stringify(expected)}${codes ? ` with ${codes.join("|")}` : ""}: ${JSON.stringify(issues)}`);
}

// ---------------------------------------------------------------------------------------------
// Text and value generators
// ---------------------------------------------------------------------------------------------

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
const CODE_POINT = fc.oneof(
  fc.constantFrom("房", "间", "減", "é", "ß", "Ω", "ж", "ع", "ह", "😀", "𠮷", "🏽", "\u200b", "\u200d", "\u202e", "\u3000", "\u00a0", "<", ">", "&", "\"", "'", "=", "|", "\\"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter(isWellFormedText),
);

/** Well-formed text of `min`..`max` code points. */
function textArb(min: number, max: number): fc.Arbitrary<string> {
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
function trimmedTextArb(max: number): fc.Arbitrary<string> {
  return textArb(1, max).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A reason or note the console stores: trimmed text without control or bidirectional characters. */
function freeTextArb(max: number): fc.Arbitrary<string> {
  return trimmedTextArb(max).filter((s) => isAcceptableText(s, "multi-line"));
}

const ID = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 32 });
const FEN = fc.oneof(fc.constantFrom(0, 1, 99, MAX_FEN), fc.integer({ min: 0, max: MAX_FEN }));
const PAYSCORE_TIME = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 })
  .map((seconds) => formatBeijingTime(new Date(seconds * 1000)));
const ISO_TIME = PAYSCORE_TIME.map((s) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}+08:00`);

const HOSTILE_KEY = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isAdmin", "then", "length", "0", ""),
  fc.string({ maxLength: 8 }),
);

function deepNest(depth: number): unknown {
  let value: unknown = { polluted: true };
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { __proto__junk: value, a: [value] } : [value];
  return value;
}

/** Pollution attempts as own keys (JSON.parse keeps "__proto__" as an own property). */
const POLLUTERS: unknown[] = [
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
const NOT_A_STRING = fc.oneof(
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
const NOT_A_LIST = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.object({ key: HOSTILE_KEY, maxDepth: 2 }), fc.constantFrom<unknown>(new Map(), new Set([1]), { length: 2 }, POLLUTERS[0]));

/** Text that the field refuses: too long (some huge), empty, NUL or a lone surrogate, or not a string. */
function badTextArb(max: number): fc.Arbitrary<unknown> {
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
function badFormTextArb(max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    NOT_A_STRING,
    fc.string({ unit: CODE_POINT, minLength: max + 1, maxLength: max + 40 }).map((s) => s.replace(/\s/g, "x")).filter((s) => charLength(s) > max),
    fc.constantFrom(10_000, 1_000_000).map((n) => "好".repeat(n)),
    fc.constantFrom("a\u0000b", "\ud800", "x\udfff", "房\ud83d间", "\u0000"),
  );
}

const BAD_ID = fc.oneof(
  badTextArb(32),
  fc.tuple(fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 20 }), fc.constantFrom(" ", "\t", "\n", "é", "房", "😀", "\u007f", "\u00a0")).map(
    ([s, c]) => `${s}${c}${s}`,
  ),
);

const BAD_FEN = fc.oneof(
  fc.constantFrom(-1, -0.01, 0.5, 1.5, MAX_FEN + 1, 1e21, 2 ** 53, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.constantFrom("100", "1e3", "", "0x10", null, true, false, [], {}, [100]),
  fc.integer({ min: -1e12, max: -1 }),
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.integer({ min: MAX_FEN + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.bigInt(),
  JUNK_OBJECT,
);

function badIntArb(min: number, max: number | null): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(min - 1, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1", null, true, [], {}),
    fc.constant(max === null ? 2 ** 53 : max + 1),
    fc.integer({ min: -1e9, max: min - 1 }),
  );
}

const BAD_TIME = fc.oneof(
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

const BAD_ISO = fc.constantFrom(
  "2019-11-11 16:24:05+08:00",
  "2019-11-11T16:24:05",
  "20191111162405",
  "2019-11-11T16:24:05+0800",
  "2019-11-11T16:24:05+08:00 ",
  "",
  20191111,
  null,
);

const BAD_BOOL = fc.constantFrom("true", "false", 1, 0, null, "yes", [], {});

// ---------------------------------------------------------------------------------------------
// Body shapes: the valid generator and the places a defect can go come from one description
// ---------------------------------------------------------------------------------------------

type Leaf =
  | { kind: "text"; max: number }
  | { kind: "id" }
  | { kind: "fen" }
  | { kind: "int"; min: number; max: number | null }
  | { kind: "bool" }
  | { kind: "time" }
  | { kind: "iso" };
type Field = Leaf | { kind: "object"; shape: Shape } | { kind: "list"; item: Shape; min: number; max: number };
type Shape = Record<string, { field: Field; required: boolean }>;

const req = (field: Field) => ({ field, required: true });
const opt = (field: Field) => ({ field, required: false });
const text = (max: number): Leaf => ({ kind: "text", max });
const id: Leaf = { kind: "id" };
const fen: Leaf = { kind: "fen" };
const int = (min: number, max: number | null): Leaf => ({ kind: "int", min, max });
const object = (shape: Shape): Field => ({ kind: "object", shape });
const list = (item: Shape, min: number, max: number): Field => ({ kind: "list", item, min, max });

const PAYMENT: Shape = { name: req(text(20)), amount: opt(fen), description: opt(text(30)), count: opt(int(1, 100)) };
const DISCOUNT: Shape = { name: req(text(20)), description: opt(text(30)), amount: req(fen), count: opt(int(1, null)) };
const DISCOUNT_WITH_DESCRIPTION: Shape = { ...DISCOUNT, description: req(text(30)) };
const DEVICE: Shape = { start_device_id: opt(text(32)), end_device_id: opt(text(32)), materiel_no: opt(text(32)) };
const TIME_RANGE: Shape = {
  start_time: opt({ kind: "time" }),
  start_time_remark: opt(text(20)),
  end_time: opt({ kind: "time" }),
  end_time_remark: opt(text(20)),
};
const LOCATION: Shape = { start_location: opt(text(50)), end_location: opt(text(50)) };
const LINES = {
  post_payments: req(list(PAYMENT, 1, 100)),
  total_amount: req(fen),
};

interface BodySpec {
  name: string;
  schema: z.ZodMiniType;
  shape: Shape;
}

const BODIES: BodySpec[] = [
  {
    name: "modify/merchant",
    schema: ZModifyMerchantBody,
    shape: { appid: req(id), service_id: req(id), ...LINES, post_discounts: opt(list(DISCOUNT, 0, 30)), reason: req(text(50)), device: opt(object(DEVICE)) },
  },
  {
    name: "modify/partner",
    schema: ZModifyPartnerBody,
    shape: {
      service_id: opt(id),
      sub_mchid: req(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT_WITH_DESCRIPTION, 0, 30)),
      reason: req(text(50)),
      device: opt(object(DEVICE)),
    },
  },
  {
    name: "modify/institution",
    schema: ZModifyInstitutionBody,
    shape: {
      service_id: req(id),
      sub_mchid: req(id),
      channel_id: opt(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT_WITH_DESCRIPTION, 0, 30)),
      reason: req(text(50)),
    },
  },
  {
    name: "complete/merchant",
    schema: ZCompleteMerchantBody,
    shape: {
      appid: req(id),
      service_id: req(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT, 0, 30)),
      time_range: opt(object(TIME_RANGE)),
      location: opt(object({ end_location: opt(text(50)) })),
      profit_sharing: opt({ kind: "bool" }),
      goods_tag: opt(text(32)),
      device: opt(object(DEVICE)),
    },
  },
  {
    name: "complete/partner",
    schema: ZCompletePartnerBody,
    shape: {
      service_id: req(id),
      sub_mchid: req(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT_WITH_DESCRIPTION, 0, 30)),
      time_range: opt(object(TIME_RANGE)),
      location: opt(object(LOCATION)),
      profit_sharing: opt({ kind: "bool" }),
      complete_time: opt({ kind: "iso" }),
      goods_tag: opt(text(32)),
      device: opt(object(DEVICE)),
    },
  },
  {
    name: "complete/institution",
    schema: ZCompleteInstitutionBody,
    shape: {
      service_id: req(id),
      channel_id: opt(id),
      sub_mchid: req(id),
      ...LINES,
      post_discounts: opt(list(DISCOUNT_WITH_DESCRIPTION, 0, 30)),
      time_range: opt(object({ ...TIME_RANGE, start_time: req({ kind: "time" }) })),
      location: opt(object(LOCATION)),
      profit_sharing: opt({ kind: "bool" }),
      complete_time: opt({ kind: "iso" }),
      goods_tag: opt(text(32)),
    },
  },
];

function fieldArb(field: Field): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case "text":
      return textArb(1, field.max);
    case "id":
      return ID;
    case "fen":
      return FEN;
    case "int":
      return field.max === null ? fc.oneof(fc.integer({ min: field.min, max: 10_000 }), fc.constant(Number.MAX_SAFE_INTEGER)) : fc.integer({ min: field.min, max: field.max });
    case "bool":
      return fc.boolean();
    case "time":
      return PAYSCORE_TIME;
    case "iso":
      return ISO_TIME;
    case "object":
      return shapeArb(field.shape);
    case "list": {
      const item = shapeArb(field.item);
      // Mostly short lists, sometimes exactly at the limit (100 lines, 30 discounts).
      return fc.oneof(
        { weight: 9, arbitrary: fc.array(item, { minLength: field.min, maxLength: field.max }) },
        { weight: 1, arbitrary: fc.array(item, { minLength: field.max, maxLength: field.max }) },
      );
    }
  }
}

function shapeArb(shape: Shape): fc.Arbitrary<Obj> {
  const entries = Object.entries(shape);
  return fc.record(Object.fromEntries(entries.map(([key, entry]) => [key, fieldArb(entry.field)])), {
    requiredKeys: entries.filter(([, entry]) => entry.required).map(([key]) => key),
  });
}

type Site =
  | { type: "leaf"; at: Path; field: Leaf }
  | { type: "object"; at: Path; shape: Shape }
  | { type: "required"; at: Path }
  | { type: "list"; at: Path; field: Extract<Field, { kind: "list" }>; length: number };

function sitesOf(shape: Shape, value: Obj, at: Path): Site[] {
  const sites: Site[] = [{ type: "object", at, shape }];
  for (const [key, entry] of Object.entries(shape)) {
    if (!Object.hasOwn(value, key)) continue;
    const here = [...at, key];
    if (entry.required) sites.push({ type: "required", at: here });
    const field = entry.field;
    const current = value[key];
    if (field.kind === "object") sites.push(...sitesOf(field.shape, current as Obj, here));
    else if (field.kind === "list") {
      const items = current as Obj[];
      sites.push({ type: "list", at: here, field, length: items.length });
      items.forEach((item, index) => sites.push(...sitesOf(field.item, item, [...here, index])));
    } else sites.push({ type: "leaf", at: here, field });
  }
  return sites;
}

interface Defect {
  label: string;
  /** Where the refusal must point (an issue path starting with it). */
  at: Path;
  apply(target: Obj): void;
}

function badLeafArb(field: Leaf): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case "text":
      return badTextArb(field.max);
    case "id":
      return BAD_ID;
    case "fen":
      return BAD_FEN;
    case "int":
      return badIntArb(field.min, field.max);
    case "bool":
      return BAD_BOOL;
    case "time":
      return BAD_TIME;
    case "iso":
      return BAD_ISO;
  }
}

function defectArb(site: Site): fc.Arbitrary<Defect> {
  const { at } = site;
  switch (site.type) {
    case "leaf":
      return badLeafArb(site.field).map((value) => ({ label: `bad ${site.field.kind}`, at, apply: (target) => setAt(target, at, value) }));
    case "required":
      return fc.constant({ label: "missing", at, apply: (target: Obj) => deleteAt(target, at) });
    case "object": {
      const unknownKey = fc
        .tuple(HOSTILE_KEY.filter((key) => !Object.hasOwn(site.shape, key)), fc.oneof(NOT_A_STRING, fc.string()))
        .map(([key, value]): Defect => ({
          label: `unknown key ${JSON.stringify(key)}`,
          at: [...at, key],
          apply: (target) => defineKey(at.length === 0 ? target : (getAt(target, at) as object), key, value),
        }));
      if (at.length === 0) return unknownKey;
      const notAnObject = fc
        .constantFrom<unknown>(null, "x", 1, [], true, [{}])
        .map((value): Defect => ({ label: "not an object", at, apply: (target) => setAt(target, at, value) }));
      return fc.oneof(unknownKey, notAnObject);
    }
    case "list": {
      const options: fc.Arbitrary<Defect>[] = [
        fc
          .constantFrom<unknown>(null, "lines", 1, {}, JSON.parse('{"__proto__": []}'))
          .map((value): Defect => ({ label: "not a list", at, apply: (target) => setAt(target, at, value) })),
      ];
      if (site.field.min > 0) options.push(fc.constant({ label: "empty list", at, apply: (target: Obj) => setAt(target, at, []) }));
      if (site.length > 0) {
        options.push(
          fc.constant({
            label: `${site.field.max + 1} items`,
            at,
            apply: (target: Obj) => {
              const items = getAt(target, at) as unknown[];
              setAt(target, at, Array.from({ length: site.field.max + 1 }, (_, i) => clone(items[i % items.length])));
            },
          }),
          fc.tuple(fc.nat(site.length - 1), fc.oneof(NOT_A_STRING, fc.string())).map(
            ([index, value]): Defect => ({ label: "junk item", at: [...at, index], apply: (target) => setAt(target, [...at, index], value) }),
          ),
        );
      }
      return fc.oneof(...options);
    }
  }
}

function defectiveBodyArb(spec: BodySpec): fc.Arbitrary<{ body: Obj; defect: Defect }> {
  return shapeArb(spec.shape).chain((body) =>
    fc.constantFrom(...sitesOf(spec.shape, body, [])).chain((site) => defectArb(site).map((defect) => ({ body, defect }))),
  );
}

function junkArb(spec: BodySpec): fc.Arbitrary<unknown> {
  const anything = fc.anything({
    key: HOSTILE_KEY,
    maxDepth: 4,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  });
  const shaped = fc.record(Object.fromEntries(Object.keys(spec.shape).map((key) => [key, anything])), { requiredKeys: [] });
  return fc.oneof(anything, shaped, fc.constantFrom(...POLLUTERS));
}

function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(Reflect.get({}, "polluted")).toBeUndefined();
}

// ---------------------------------------------------------------------------------------------
// Form inputs from real sandbox orders, and their defects
// ---------------------------------------------------------------------------------------------

interface FormCase {
  op: "modify" | "complete";
  ref: OrderRef;
  outOrderNo: string;
}

function formCase(op: "modify" | "complete", mode: OrderRef["mode"]): FormCase {
  const industry = op === "complete" || mode === "merchant" ? "hotel" : "express";
  const [no] = seedOrderNumbers({ mode, industry, kind: op === "modify" ? "PAYING" : "READY" });
  if (!no) throw new Error(`no ${mode} ${industry} order`);
  const info = findSeedOrder(no);
  return { op, ref: { mode, subMchid: info.sub_mchid, industry: info.industry }, outOrderNo: no };
}

const MODIFY_CASES = [formCase("modify", "merchant"), formCase("modify", "partner")];
const COMPLETE_CASES = [formCase("complete", "merchant"), formCase("complete", "institution")];

async function currentOrder(c: FormCase): Promise<TServiceOrder> {
  const target = resolveTarget(`demo-${c.ref.mode}`, c.ref.subMchid);
  if (!target) throw new Error("no target");
  return (await queryOrder(target, c.outOrderNo)).order;
}

function baseInput(c: FormCase, order: TServiceOrder): Obj {
  const input = c.op === "modify" ? lowerFirstLine(c.ref, c.outOrderNo, order) : completeHotel(c.ref, c.outOrderNo, order);
  return clone(input) as unknown as Obj;
}

/** A form-level defect: refused by ZModifyForm / ZCompleteForm at `at` (form field names). */
function formDefectArb(op: "modify" | "complete", base: Obj): fc.Arbitrary<Defect> {
  const set = (label: string, at: Path) => (value: unknown): Defect => ({ label, at, apply: (target) => setAt(target, at, value) });
  const lines = (base.payments as unknown[]).length;
  const discounts = (base.discounts as unknown[]).length;
  const lineIndex = fc.nat(Math.max(0, lines - 1));
  const yuanBad = fc.constantFrom("-1", "-0.01", "1.234", "1.000", "abc", "1e21", "1e3", "NaN", "Infinity", "１２", "¥1", "1,000", "12.", ".5", "+1", "10000000000.00", "0x10");
  const countBad = fc.constantFrom("0", "101", "1.5", "-1", "abc", "1e2", "99999");
  const options: fc.Arbitrary<Defect>[] = [
    fc.oneof(fc.constant(""), NOT_A_STRING).map(set("profileId", ["profileId"])),
    NOT_A_STRING.map(set("subMchid", ["subMchid"])),
    fc.oneof(badTextArb(32), fc.constantFrom("../x", "a/b", "a b", "订单", "DEMO%2F1", "a".repeat(33))).map(set("outOrderNo", ["outOrderNo"])),
    fc.oneof(fc.constantFrom("", "x", "00000000-0000-0000-0000-00000000000g", `${randomUUID()} `), NOT_A_STRING).map(set("idempotencyKey", ["idempotencyKey"])),
    fc.oneof(fc.constantFrom(null, "order", 1, [], {}), NOT_A_STRING).map(set("basedOn", ["basedOn"])),
    fc.constantFrom("FOO", 1, null, 1.5).map(set("basedOn.state", ["basedOn", "state"])),
    fc.constantFrom(1.5, "100", Number.NaN, null).map(set("basedOn.total_amount", ["basedOn", "total_amount"])),
    fc.oneof(fc.constantFrom("nope", "__proto__", "constructor", "toString", "HOTEL", ""), NOT_A_STRING).map(set("industry", ["industry"])),
    fc.oneof(fc.constantFrom("__proto__", "constructor", "refund", ""), NOT_A_STRING).map(set("reasonCategory", ["reasonCategory"])),
    NOT_A_STRING.map(set("total", ["total"])),
    NOT_A_LIST.map(set("payments", ["payments"])),
    NOT_A_LIST.map(set("discounts", ["discounts"])),
    fc.constant({
      label: "101 lines",
      at: ["payments"],
      apply: (target: Obj) => setAt(target, ["payments"], Array.from({ length: 101 }, () => clone((base.payments as unknown[])[0]))),
    }),
    fc.constant({
      label: "31 discounts",
      at: ["discounts"],
      apply: (target: Obj) =>
        setAt(target, ["discounts"], Array.from({ length: 31 }, (_, i) => ({ name: `优惠${i}`, description: "d", amount: "0.01", count: "" }))),
    }),
    fc.tuple(lineIndex, fc.oneof(NOT_A_STRING, fc.string())).map(([i, value]) => set("junk line", ["payments", i])(value)),
    fc.tuple(lineIndex, yuanBad).map(([i, value]) => set("line amount", ["payments", i, "amount"])(value)),
    fc.tuple(lineIndex, countBad).map(([i, value]) => set("line count", ["payments", i, "count"])(value)),
    fc.tuple(lineIndex, fc.constantFrom("name", "amount", "description", "count"), NOT_A_STRING).map(([i, key, value]) =>
      set(`line ${key} type`, ["payments", i, key])(value),
    ),
    fc.tuple(lineIndex, fc.constantFrom("name", "amount", "description", "count")).map(([i, key]): Defect => ({
      label: `line without ${key}`,
      at: ["payments", i, key],
      apply: (target) => deleteAt(target, ["payments", i, key]),
    })),
    fc.constantFrom(null, "x", 1, []).map(set("device", ["device"])),
    fc.tuple(fc.constantFrom("start_device_id", "end_device_id", "materiel_no"), NOT_A_STRING).map(([key, value]) => set("device field", ["device", key])(value)),
    badFormTextArb(500).map(set("internalNote", ["internalNote"])),
  ];
  if (discounts > 0) {
    options.push(fc.tuple(fc.nat(discounts - 1), yuanBad).map(([i, value]) => set("discount amount", ["discounts", i, "amount"])(value)));
  }
  options.push(
    fc.constantFrom("", "0.00.0", "-5").map((value): Defect => ({
      label: "discount without a valid amount",
      at: ["discounts", discounts, "amount"],
      apply: (target) => setAt(target, ["discounts", discounts], { name: "新增优惠", description: "d", amount: value, count: "" }),
    })),
  );
  if (op === "modify") {
    const max = reasonTextMax("user_complaint");
    options.push(
      fc.oneof(fc.constantFrom("", "   ", "\u3000\t\n"), badFormTextArb(max)).map(set("reasonText", ["reasonText"])),
    );
  } else {
    options.push(
      badFormTextArb(200).map(set("reasonText", ["reasonText"])),
      fc.oneof(fc.constantFrom("yesterday", "2026-11-25 10:00", "20261125100000", "2026-11-25T10:00:00+08:00"), NOT_A_STRING).map(
        set("startTime", ["startTime"]),
      ),
      fc.constantFrom("2026-11-25", "now", "2026-11-25T10", "2026/11/25T10:00").map(set("endTime", ["endTime"])),
      fc.constantFrom("2026-11-25", "now", "2026-11-25T10:00Z").map(set("completeTime", ["completeTime"])),
      fc.constantFrom("true", 1, null, "on").map(set("profitSharing", ["profitSharing"])),
      fc.tuple(fc.constantFrom("startTimeRemark", "endTimeRemark", "startLocation", "endLocation", "goodsTag"), NOT_A_STRING).map(([key, value]) =>
        set(key, [key])(value),
      ),
    );
  }
  return fc.oneof(...options);
}

/** Unknown keys in a form input: not refused (the form schema is not strict) but dropped, never passed on. */
const EXTRA_KEYS = fc.dictionary(HOSTILE_KEY, fc.oneof(NOT_A_STRING, fc.string()), { minKeys: 1, maxKeys: 4 });

const modifyBase = await Promise.all(MODIFY_CASES.map(async (c) => ({ c, input: baseInput(c, await currentOrder(c)) })));
const completeBase = await Promise.all(COMPLETE_CASES.map(async (c) => ({ c, input: baseInput(c, await currentOrder(c)) })));

// ---------------------------------------------------------------------------------------------
// The server actions, called as a forged request would call them
// ---------------------------------------------------------------------------------------------

type ActionCall = (input: unknown) => Promise<ActionResult<OperationSuccess>>;
// The browser can send anything: the actions are called with untyped input, as a forged request would.
const callModify = modifyOrderAction as unknown as ActionCall;
const callComplete = completeOrderAction as unknown as ActionCall;

/** Defects the form lets through but the API body schema or the order rules refuse (API field names). */
function laterDefectArb(op: "modify" | "complete", base: Obj, mode: OrderRef["mode"]): fc.Arbitrary<Defect & { codes: RuleCode[] }> {
  const lines = (base.payments as unknown[]).length;
  const lineIndex = fc.nat(Math.max(0, lines - 1));
  const over = (max: number) => fc.string({ unit: CODE_POINT, minLength: max + 1, maxLength: max + 10 }).map((s) => s.replace(/\s/g, "x")).filter((s) => charLength(s) > max);
  const malformed = fc.constantFrom("a\u0000b", "a\ud800b", "\udfffz");
  const options: fc.Arbitrary<Defect & { codes: RuleCode[] }>[] = [
    fc.tuple(lineIndex, fc.oneof(over(20), malformed)).map(([i, value]) => ({
      label: "line name",
      at: ["post_payments", i, "name"],
      codes: ["too_long", "invalid_format"],
      apply: (target: Obj) => setAt(target, ["payments", i, "name"], value),
    })),
    fc.tuple(lineIndex, fc.oneof(over(30), malformed)).map(([i, value]) => ({
      label: "line description",
      at: ["post_payments", i, "description"],
      codes: ["too_long", "invalid_format"],
      apply: (target: Obj) => setAt(target, ["payments", i, "description"], value),
    })),
  ];
  if (mode !== "institution") {
    options.push(
      fc.oneof(over(32), malformed).map((value) => ({
        label: "device id",
        at: ["device", "start_device_id"],
        codes: ["too_long", "invalid_format"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["device", "start_device_id"], value),
      })),
    );
  }
  if (op === "modify") {
    options.push(
      fc.integer({ min: 1, max: 1_000_000 }).map((raise) => ({
        label: "total not lower",
        at: ["total_amount"],
        codes: ["total_not_lower", "total_above_risk_fund"] as RuleCode[],
        apply: (target: Obj) => {
          const payments = target.payments as { amount: string }[];
          const line = payments.find((p) => p.amount !== "");
          if (line) line.amount = fenToInput(Math.round(Number(line.amount) * 100) + 100 + raise);
        },
      })),
    );
  } else {
    options.push(
      fc.oneof(over(32), malformed).map((value) => ({
        label: "goods_tag",
        at: ["goods_tag"],
        codes: ["too_long", "invalid_format"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["goodsTag"], value),
      })),
      fc.oneof(over(20), malformed).map((value) => ({
        label: "start time remark",
        at: ["time_range", "start_time_remark"],
        codes: ["too_long", "invalid_format"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["startTimeRemark"], value),
      })),
      fc.constantFrom("2026-13-01T00:00", "2026-02-30T10:00", "2026-11-25T24:00").map((value) => ({
        label: "start time not on the calendar",
        at: ["time_range", "start_time"],
        codes: ["invalid_time"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["startTime"], value),
      })),
      fc.constantFrom("2099-01-01T00:00", "2030-06-01T12:00").map((value) => ({
        label: "end time in the future",
        at: ["time_range", "end_time"],
        codes: ["time_in_future"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["endTime"], value),
      })),
      fc.integer({ min: 200_001, max: 10_000_000 }).map((fenAmount) => ({
        label: "above the risk fund",
        at: ["total_amount"],
        codes: ["total_above_risk_fund"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["payments", 0, "amount"], fenToInput(fenAmount)),
      })),
    );
  }
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------
// 3a. Valid input through the actions, and 4. hostile text. First: the synchronous fuzz below holds
// the event loop for seconds, and a keep-alive connection the sandbox closed meanwhile would turn
// the next request into a reset (a test artefact, not what is being tested).
// ---------------------------------------------------------------------------------------------

describe("[FUZZ] server actions: valid input goes through, text verbatim", () => {
  async function freshInput(c: FormCase): Promise<Obj> {
    t.sandbox.state.reset();
    await db.delete(trail);
    return baseInput(c, await currentOrder(c));
  }

  it.each(MODIFY_CASES)("modify $ref.mode: lowered lines with any reason text are sent once and stored as typed", async (c) => {
    await fc.assert(
      fc.asyncProperty(freeTextArb(reasonTextMax("user_complaint")), freeTextArb(500), fc.integer({ min: 1, max: 100 }), async (reasonText, internalNote, lowerBy) => {
        generated += 1;
        const input = await freshInput(c);
        const payments = input.payments as { amount: string }[];
        const line = payments.find((p) => p.amount !== "");
        if (!line) throw new Error("no line with an amount");
        line.amount = fenToInput(Math.round(Number(line.amount) * 100) - lowerBy);
        Object.assign(input, { reasonText, internalNote });
        const result = await callModify(input);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const [sent, ...more] = t.sandbox.state.log.list({ op: "modify" });
        expect(more).toHaveLength(0);
        expect(sent?.status).toBe(c.ref.mode === "merchant" ? 200 : 204);
        expect((sent?.body as { reason: string }).reason).toBe(composeReason("user_complaint", reasonText));
        const [row] = await db.select().from(trail);
        expect(row).toMatchObject({ status: "succeeded", reasonText, internalNote });
        expect(row?.requestBody).toEqual(sent?.body);
      }),
      { numRuns: c.ref.mode === "merchant" ? 12 : 6 },
    );
  });

  it.each(COMPLETE_CASES)("complete $ref.mode: any line description is sent and stored verbatim", async (c) => {
    await fc.assert(
      fc.asyncProperty(trimmedTextArb(30), freeTextArb(200), async (description, reasonText) => {
        generated += 1;
        const input = await freshInput(c);
        Object.assign(input, { payments: [{ name: "酒店房费", amount: "300.00", description, count: "" }], reasonText });
        const result = await callComplete(input);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const [sent, ...more] = t.sandbox.state.log.list({ op: "complete" });
        expect(more).toHaveLength(0);
        expect((sent?.body as { post_payments: unknown[] }).post_payments).toEqual([{ name: "酒店房费", amount: 30000, description }]);
        const [row] = await db.select().from(trail);
        expect(row).toMatchObject({ status: "succeeded", reasonText, operation: "complete" });
        expect(row?.requestBody).toEqual(sent?.body);
        expect(result.data.order?.post_payments).toEqual([expect.objectContaining({ name: "酒店房费", description })]);
      }),
      { numRuns: 6 },
    );
  });
});

describe("[FUZZ] hostile text in reasons and descriptions is stored and sent verbatim", () => {
  const REASONS = [
    "<script>alert(document.cookie)</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "<img src=x onerror=alert(1)>&amp;",
    "'; DROP TABLE trail; --",
  ];

  it.each(REASONS)("modify with %s", async (hostile) => {
    const c = MODIFY_CASES[0] as FormCase;
    t.sandbox.state.reset();
    await db.delete(trail);
    const input = baseInput(c, await currentOrder(c)) as unknown as TModifyFormInput;
    const note = `备注 ${hostile} <b>bold</b> =1+1`;
    const result = await callModify({ ...input, reasonText: hostile, internalNote: note });
    expect(result).toMatchObject({ ok: true });
    const [sent] = t.sandbox.state.log.list({ op: "modify" });
    expect((sent?.body as { reason: string }).reason).toBe(`用户投诉：${hostile}`);
    const [row] = await db.select().from(trail);
    expect(row?.reasonText).toBe(hostile);
    expect(row?.internalNote).toBe(note);
    expect((row?.requestBody as { reason: string }).reason).toBe(`用户投诉：${hostile}`);
  });

  it.each(REASONS.filter((s) => charLength(s) <= 30))("complete with the line description %s", async (hostile) => {
    const c = COMPLETE_CASES[0] as FormCase;
    t.sandbox.state.reset();
    await db.delete(trail);
    const input = baseInput(c, await currentOrder(c)) as unknown as TCompleteFormInput;
    const result = await callComplete({ ...input, payments: [{ name: "酒店房费", amount: "300.00", description: hostile, count: "" }], reasonText: hostile });
    expect(result).toMatchObject({ ok: true });
    const [sent] = t.sandbox.state.log.list({ op: "complete" });
    expect((sent?.body as { post_payments: { description: string }[] }).post_payments[0]?.description).toBe(hostile);
    const [row] = await db.select().from(trail);
    expect(row?.reasonText).toBe(hostile);
    expect((row?.requestBody as { post_payments: { description: string }[] }).post_payments[0]?.description).toBe(hostile);
    // The sandbox keeps the text as sent: the order now shows it.
    expect((await currentOrder(c)).post_payments?.[0]?.description).toBe(hostile);
  });
});

describe("[FUZZ][TEXT] a reason or note with NUL, a lone surrogate or a direction override is refused at its field", () => {
  const CASES: [string, string][] = [
    ["NUL", "空调\u0000故障"],
    ["a lone surrogate", "空调\ud83d故障"],
    ["an RTL override", "附件 \u202egnp.exe"],
  ];

  it.each(CASES)("modify with %s: INVALID_INPUT at reasonText / internalNote, nothing sent, no trail row", async (_label, text) => {
    const c = MODIFY_CASES[0] as FormCase;
    t.sandbox.state.reset();
    await db.delete(trail);
    const input = baseInput(c, await currentOrder(c)) as unknown as TModifyFormInput;
    expect(await callModify({ ...input, reasonText: text })).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["reasonText"], code: "invalid_characters" }] },
    });
    expect(await callModify({ ...input, internalNote: text })).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["internalNote"], code: "invalid_characters" }] },
    });
    expect(t.sandbox.state.log.list({ op: "modify" })).toEqual([]);
    expect(await db.select().from(trail)).toEqual([]);
  });

  it.each(CASES)("complete with %s: INVALID_INPUT at reasonText, nothing sent", async (_label, text) => {
    const c = COMPLETE_CASES[0] as FormCase;
    t.sandbox.state.reset();
    const input = baseInput(c, await currentOrder(c)) as unknown as TCompleteFormInput;
    expect(await callComplete({ ...input, reasonText: text })).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["reasonText"], code: "invalid_characters" }] },
    });
    expect(t.sandbox.state.log.list({ op: "complete" })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 1. Request schemas, 2. form schemas, 3b. invalid input through the actions
// ---------------------------------------------------------------------------------------------

describe.each(BODIES)("[FUZZ] request schema $name", (spec) => {
  it("accepts every valid body, unchanged", () => {
    fc.assert(
      fc.property(shapeArb(spec.shape), (body) => {
        generated += 1;
        const parsed = spec.schema.safeParse(body);
        if (!parsed.success) throw new Error(`valid body refused: ${JSON.stringify(ruleIssuesFromZod(parsed.error.issues))}`);
        expect(parsed.data).toEqual(body);
      }),
      { numRuns: 150 },
    );
  });

  it("refuses a body with one defect, with an issue at that field", () => {
    fc.assert(
      fc.property(defectiveBodyArb(spec), ({ body, defect }) => {
        generated += 1;
        const damaged = clone(body);
        defect.apply(damaged);
        expectFieldErrors(refusal(spec.schema, damaged) ?? undefined, [defect.at]);
      }),
      { numRuns: 750 },
    );
    expectNoPollution();
  });

  it("never throws on junk; refuses it with field paths (or a root type error when it is not an object)", () => {
    fc.assert(
      fc.property(junkArb(spec), (junk) => {
        generated += 1;
        const issues = refusal(spec.schema, junk);
        expect(issues).not.toBeNull();
        expect(issues?.length ?? 0).toBeGreaterThan(0);
        for (const issue of issues ?? []) {
          if (isObjectLike(junk)) expect(issue.path.length).toBeGreaterThan(0);
          else expect(issue).toMatchObject({ path: [], code: expect.stringMatching(/^(invalid_type|required)$/) });
        }
      }),
      { numRuns: 300 },
    );
    expectNoPollution();
  });
});

describe("[FUZZ] form schemas (what the server actions parse)", () => {
  it("the base inputs (from the sandbox's orders) are valid", () => {
    for (const { input } of modifyBase) expect(ZModifyForm.safeParse(input).success).toBe(true);
    for (const { input } of completeBase) expect(ZCompleteForm.safeParse(input).success).toBe(true);
  });

  it("valid modify forms pass, with the reason composed from the trimmed text and the total in 分", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...modifyBase),
        freeTextArb(reasonTextMax("user_complaint")),
        fc.string({ maxLength: 500 }).filter((s) => isAcceptableText(s, "multi-line")),
        fc.nat(99),
        ({ input }, reasonText, internalNote, lowerBy) => {
          generated += 1;
          const form = clone(input);
          const payments = form.payments as { amount: string }[];
          const line = payments.find((p) => p.amount !== "");
          if (line) line.amount = fenToInput(Math.max(0, Math.round(Number(line.amount) * 100) - lowerBy));
          Object.assign(form, { reasonText: ` ${reasonText} `, internalNote });
          const parsed = ZModifyForm.safeParse(form);
          if (!parsed.success) throw new Error(JSON.stringify(ruleIssuesFromZod(parsed.error.issues)));
          expect(parsed.data.reasonText).toBe(reasonText);
          expect(parsed.data.reason).toBe(composeReason("user_complaint", reasonText));
          expect(parsed.data.internalNote).toBe(internalNote.trim() === "" ? null : internalNote.trim());
          expect(Number.isSafeInteger(parsed.data.total_amount)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("valid complete forms pass", () => {
    fc.assert(
      fc.property(fc.constantFrom(...completeBase), trimmedTextArb(30), fc.integer({ min: 0, max: 200_000 }), fc.string({ maxLength: 200 }).filter((s) => isAcceptableText(s, "multi-line")), ({ input }, description, fenAmount, reasonText) => {
        generated += 1;
        const form = clone(input);
        Object.assign(form, { payments: [{ name: "酒店房费", amount: fenToInput(fenAmount), description, count: "" }], reasonText });
        const parsed = ZCompleteForm.safeParse(form);
        if (!parsed.success) throw new Error(JSON.stringify(ruleIssuesFromZod(parsed.error.issues)));
        expect(parsed.data.post_payments).toEqual([{ name: "酒店房费", amount: fenAmount, description }]);
        expect(parsed.data.total_amount).toBe(fenAmount);
      }),
      { numRuns: 100 },
    );
  });

  it.each(["modify", "complete"] as const)("%s: a form with one defect is refused with an issue at that field", (op) => {
    const bases = op === "modify" ? modifyBase : completeBase;
    const schema = op === "modify" ? ZModifyForm : ZCompleteForm;
    fc.assert(
      fc.property(
        fc.constantFrom(...bases).chain(({ input }) => formDefectArb(op, input).map((defect) => ({ input, defect }))),
        ({ input, defect }) => {
          generated += 1;
          const damaged = clone(input);
          defect.apply(damaged);
          expectFieldErrors(refusal(schema, damaged) ?? undefined, [defect.at]);
        },
      ),
      { numRuns: 800 },
    );
    expectNoPollution();
  });

  it.each(["modify", "complete"] as const)("%s: unknown and prototype keys in the form are dropped, not passed on", (op) => {
    const bases = op === "modify" ? modifyBase : completeBase;
    const schema = op === "modify" ? ZModifyForm : ZCompleteForm;
    fc.assert(
      fc.property(fc.constantFrom(...bases), EXTRA_KEYS, ({ input }, extra) => {
        generated += 1;
        const withExtra = clone(input);
        for (const [key, value] of Object.entries(extra)) if (!Object.hasOwn(withExtra, key)) defineKey(withExtra, key, value);
        const plain = schema.safeParse(input);
        const parsed = schema.safeParse(withExtra);
        expect(parsed.success && plain.success).toBe(true);
        if (!parsed.success || !plain.success) return;
        expect(parsed.data).toEqual(plain.data);
        for (const key of Object.keys(extra)) if (!Object.hasOwn(input, key)) expect(Object.hasOwn(parsed.data, key)).toBe(false);
      }),
      { numRuns: 100 },
    );
    expectNoPollution();
  });
});

describe("[FUZZ] server actions: invalid input never reaches the sandbox", () => {
  beforeEach(async () => {
    t.sandbox.state.log.clear();
    await db.delete(trail);
  });

  it.each(["modify", "complete"] as const)("%s: form defects → INVALID_INPUT with field errors", async (op) => {
    const bases = op === "modify" ? modifyBase : completeBase;
    const call = op === "modify" ? callModify : callComplete;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases).chain(({ input }) => formDefectArb(op, input).map((defect) => ({ input, defect }))),
        async ({ input, defect }) => {
          generated += 1;
          const damaged = clone(input);
          defect.apply(damaged);
          const result = await call(damaged);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe("INVALID_INPUT");
          expectFieldErrors(result.error.issues, [defect.at]);
        },
      ),
      { numRuns: 350 },
    );
    expect(t.sandbox.state.log.list()).toEqual([]);
    expect(await db.select().from(trail)).toEqual([]);
    expectNoPollution();
  });

  it.each(["modify", "complete"] as const)("%s: defects the API schema or the order rules catch → field errors, nothing sent or written", async (op) => {
    const bases = op === "modify" ? modifyBase : completeBase;
    const call = op === "modify" ? callModify : callComplete;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases).chain(({ c, input }) => laterDefectArb(op, input, c.ref.mode).map((defect) => ({ input, defect }))),
        async ({ input, defect }) => {
          generated += 1;
          const damaged = clone(input);
          defect.apply(damaged);
          const result = await call(damaged);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(["INVALID_INPUT", "RULE_VIOLATION"]).toContain(result.error.code);
          expectFieldErrors(result.error.issues, [defect.at], defect.codes);
        },
      ),
      { numRuns: 100 },
    );
    expect(t.sandbox.state.log.list()).toEqual([]);
    expect(await db.select().from(trail)).toEqual([]);
  });

  it("values the parser itself chokes on (React's opaque temporary reference for a forged \"$T\") → INVALID_INPUT, not a thrown error", async () => {
    // What React's decodeReply makes of "$T": a function proxy that throws on any property read.
    const opaque = new Proxy(() => undefined, {
      get(_target, name) {
        if (name === Symbol.toPrimitive || name === "then" || name === "$$typeof") return undefined;
        throw new Error(`Cannot access ${String(name)} on the server.`);
      },
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const [call, base] of [
        [callModify, modifyBase[0]?.input],
        [callComplete, completeBase[0]?.input],
      ] as const) {
        for (const field of ["payments", "discounts", "basedOn", "device", "reasonText"]) {
          generated += 1;
          const result = await call({ ...base, [field]: opaque });
          expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
          expect(result.ok ? [] : (result.error.issues ?? [])).not.toHaveLength(0);
        }
        expect(await call(opaque)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
      }
    } finally {
      errors.mockRestore();
    }
    expect(t.sandbox.state.log.list()).toEqual([]);
  });

  it("junk of any shape → INVALID_INPUT, never a thrown error", async () => {
    // In-process junk may include null-prototype values zod cannot even compare (logged, refused).
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(callModify, callComplete), junkArb(BODIES[0] as BodySpec), async (call, junk) => {
        generated += 1;
        const result = await call(junk);
        expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
        expect(result.ok ? [] : (result.error.issues ?? [])).not.toHaveLength(0);
      }),
      { numRuns: 100 },
    );
    errors.mockRestore();
    expect(t.sandbox.state.log.list()).toEqual([]);
    expect(await db.select().from(trail)).toEqual([]);
    expectNoPollution();
  });
});

describe("[FUZZ] totals", () => {
  it("ran at least 10 000 generated inputs, left Object.prototype alone", () => {
    expect(generated).toBeGreaterThanOrEqual(10_000);
    expectNoPollution();
  });
});
