// Paths into a request body or form input, cloning, and the assertions every fuzz layer makes: a
// refusal names the damaged field, and Object.prototype stays as it was.
import { expect } from "vitest";
import type * as z from "zod/mini";
import { type RuleCode, type RuleIssue, ruleIssuesFromZod } from "@/lib/payscore/issues";

export type Path = (string | number)[];
export type Obj = Record<string, unknown>;

export function isObjectLike(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Sets an own property, even "__proto__" (plain assignment would change the prototype instead). */
export function defineKey(target: object, key: string | number, value: unknown): void {
  if (Array.isArray(target) && typeof key === "number") target[key] = value;
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function getAt(root: unknown, at: Path): unknown {
  let current: unknown = root;
  for (const part of at) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

export function setAt(root: unknown, at: Path, value: unknown): void {
  const parent = getAt(root, at.slice(0, -1));
  if (typeof parent !== "object" || parent === null) throw new Error(`no parent at ${JSON.stringify(at)}`);
  defineKey(parent, at[at.length - 1] as string | number, value);
}

export function deleteAt(root: unknown, at: Path): void {
  const parent = getAt(root, at.slice(0, -1));
  if (typeof parent !== "object" || parent === null) throw new Error(`no parent at ${JSON.stringify(at)}`);
  Reflect.deleteProperty(parent, at[at.length - 1] as string | number);
}

function startsWith(issuePath: readonly (string | number)[], prefix: Path): boolean {
  return prefix.every((part, index) => issuePath[index] === part);
}

/** A refusal as the console reports it: RuleIssues, each naming its field. */
export function refusal(schema: z.ZodMiniType, value: unknown): RuleIssue[] | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : ruleIssuesFromZod(parsed.error.issues);
}

export function expectFieldErrors(issues: readonly RuleIssue[] | undefined, expected: readonly Path[], codes?: readonly RuleCode[]): void {
  expect(issues?.length ?? 0).toBeGreaterThan(0);
  for (const issue of issues ?? []) expect(issue.path.length).toBeGreaterThan(0);
  const hit = (issues ?? []).some(
    (issue) => expected.some((prefix) => startsWith(issue.path, prefix)) && (codes === undefined || codes.includes(issue.code)),
  );
  if (!hit) throw new Error(`no issue at ${JSON.stringify(expected)}${codes ? ` with ${codes.join("|")}` : ""}: ${JSON.stringify(issues)}`);
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

export function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(Reflect.get({}, "polluted")).toBeUndefined();
}
