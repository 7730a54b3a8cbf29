// The one wrapper every server action goes through: authenticate, authorise by capability, parse
// the input with the operation's lib/ schema, then call the domain function. An action cannot
// forget the role check, and nothing but an ActionResult (no stack, no secret) reaches the browser.
// A database that cannot be reached (at the session lookup or later) answers SERVICE_UNAVAILABLE;
// log lines describe errors through describeErrorForLog, so a failed statement's params never appear.
import "server-only";
import { safeParse, type $ZodType, type output } from "zod/v4/core";
import { fail, type ActionResult } from "@/lib/actions/result";
import { ruleIssuesFromZod } from "@/lib/payscore/issues";
import { checkActionCapability, type ActionAuth, type AuthorizedUser, type Capability } from "@/server/auth/guard";
import { describeErrorForLog, isDatabaseUnavailable, toDbError } from "@/server/db/errors";

function unavailable<T>(capability: Capability, error: unknown): ActionResult<T> {
  console.error(`[action] ${capability}: database unavailable (${toDbError(error).code ?? "unknown"})`);
  return fail({ code: "SERVICE_UNAVAILABLE" });
}

export async function runAction<S extends $ZodType, T>(
  capability: Capability,
  schema: S,
  input: unknown,
  handler: (user: AuthorizedUser, data: output<S>) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  let auth: ActionAuth;
  try {
    auth = await checkActionCapability(capability);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable(capability, error);
    throw error;
  }
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
    if (isDatabaseUnavailable(error)) return unavailable(capability, error);
    // Only the error's class and a safe message: never request bodies, headers, keys or SQL params.
    console.error(`[action] ${capability} failed: ${describeErrorForLog(error)}`);
    return fail({ code: "INTERNAL_ERROR" });
  }
}
