// The action wrapper's failures: what the browser gets (a closed code) and what the log gets (one
// line without a failed statement's parameters). The session is faked through next/headers and
// better-auth's getSession, as in tests/faults.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { z } from "zod";
import { DbError } from "@/server/db/errors";

let sessionLookup: () => Promise<unknown> = async () => ({
  user: { id: "user-agent-1", name: "演示客服", email: "agent@run-action.test", role: "agent", banned: false },
  session: { expiresAt: new Date(Date.now() + 3_600_000) },
});
const fakeAuth = { api: { getSession: () => sessionLookup() } };
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("@/server/auth", () => ({ getAuth: async () => fakeAuth }));
vi.mock("@/server/auth/index", () => ({ getAuth: async () => fakeAuth }));

const { runAction } = await import("./run-action");

const SECRET = "SECRET-REASON-123";
const ZInput = z.object({ reason: z.string() });
const signedIn = sessionLookup;

let logged: MockInstance<typeof console.error>;
beforeEach(() => {
  logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  logged.mockRestore();
  sessionLookup = signedIn;
});

function loggedText(): string {
  return logged.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
}

describe("[ACTIONS] runAction failures", () => {
  it("a thrown error that carries a failed statement's params: INTERNAL_ERROR, and the log line has no param", async () => {
    // What drizzle throws when something bypasses the database layer's sanitizer.
    const drizzleShaped = Object.assign(new Error(`Failed query: insert into "trail" ("reason_text") values ($1)\nparams: ${SECRET}`), {
      query: 'insert into "trail" ("reason_text") values ($1)',
      params: [SECRET],
      cause: Object.assign(new Error("duplicate key value violates unique constraint \"trail_idempotency_key_unique\""), { code: "23505", constraint: "trail_idempotency_key_unique", detail: `Key (reason_text)=(${SECRET}) already exists.` }),
    });
    const result = await runAction("canModify", ZInput, { reason: SECRET }, async () => {
      throw drizzleShaped;
    });
    expect(result).toEqual({ ok: false, error: { code: "INTERNAL_ERROR" } });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(loggedText()).toBe("[action] canModify failed: DbError: database statement failed: 23505 unique_violation (constraint trail_idempotency_key_unique)");
    expect(loggedText()).not.toContain(SECRET);
  });

  it("the database lost while the handler runs: SERVICE_UNAVAILABLE", async () => {
    const result = await runAction("canModify", ZInput, { reason: "x" }, async () => {
      throw new DbError({ code: "57P01", constraint: null, table: null, column: null, unavailable: true });
    });
    expect(result).toEqual({ ok: false, error: { code: "SERVICE_UNAVAILABLE" } });
    expect(loggedText()).toBe("[action] canModify: database unavailable (57P01)");
  });

  it("the database unreachable while the session is looked up: SERVICE_UNAVAILABLE, the handler never runs", async () => {
    sessionLookup = async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    };
    const handler = vi.fn();
    const result = await runAction("canModify", ZInput, { reason: "x" }, handler);
    expect(result).toEqual({ ok: false, error: { code: "SERVICE_UNAVAILABLE" } });
    expect(handler).not.toHaveBeenCalled();
    expect(loggedText()).toBe("[action] canModify: database unavailable (ECONNREFUSED)");
  });
});
