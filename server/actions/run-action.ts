// The one wrapper every server action goes through: authenticate, authorise by capability, parse
// the input with the operation's lib/ schema, then call the domain function. An action cannot
// forget the role check, and nothing but an ActionResult (no stack, no secret) reaches the browser.
import "server-only";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { safeParse, type $ZodType, type output } from "zod/v4/core";
import { fail, type ActionResult } from "@/lib/actions/result";
import { ruleIssuesFromZod } from "@/lib/payscore/issues";
import { checkActionCapability, type AuthorizedUser, type Capability } from "@/server/auth/guard";

/**
 * What the log may say about a failure: the class and message — but for a failed query only the
 * database's code and message, never drizzle's "Failed query: <sql> params: <values>" (the values
 * are what the user typed).
 */
export function describeActionError(error: unknown): string {
  if (error instanceof DrizzleQueryError) {
    const cause: unknown = error.cause;
    const code = typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string" ? `${cause.code} ` : "";
    const message = cause instanceof Error ? cause.message.slice(0, 200) : "query failed";
    return `DrizzleQueryError: ${code}${message}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
}

export async function runAction<S extends $ZodType, T>(
  capability: Capability,
  schema: S,
  input: unknown,
  handler: (user: AuthorizedUser, data: output<S>) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const auth = await checkActionCapability(capability);
  if (!auth.ok) return fail({ code: auth.code });
  let parsed: ReturnType<typeof safeParse<S>>;
  try {
    parsed = safeParse(schema, input);
  } catch (error) {
    // The parser itself can throw on values no form sends: React decodes a forged "$T" as an opaque
    // proxy that throws on any property read, and zod reads `.length` of a non-array before refusing it.
    console.error(`[action] ${capability}: unparseable input (${error instanceof Error ? error.name : "unknown"})`);
    return fail({ code: "INVALID_INPUT", issues: [{ path: [], code: "invalid_value" }] });
  }
  if (!parsed.success) return fail({ code: "INVALID_INPUT", issues: ruleIssuesFromZod(parsed.error.issues) });
  try {
    return await handler(auth.user, parsed.data);
  } catch (error) {
    // Only the error's class and message: never request bodies, headers or keys.
    console.error(`[action] ${capability} failed: ${describeActionError(error)}`);
    return fail({ code: "INTERNAL_ERROR" });
  }
}
