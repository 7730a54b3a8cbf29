// The action wrapper's failure log: the error's class and a safe message only — a failed SQL query
// must not print its text and parameters (the values a user typed) into the server log.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";

vi.mock("@/server/auth/guard", () => ({
  checkActionCapability: async () => ({ ok: true, user: { id: "u1", name: "演示主管", email: "s@example.com", role: "supervisor", sessionExpiresAt: new Date() } }),
}));

const { runAction } = await import("./run-action");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("[ACTION] runAction's failure log", () => {
  it("a failed query: INTERNAL_ERROR, and the log names the database error without the SQL or its parameters", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
    const result = await runAction("canReview", z.object({ comment: z.string() }), { comment: "x" }, async () => {
      throw new DrizzleQueryError('insert into "review_event" ("comment") values ($1)', ["客户密码是 hunter2"], cause);
    });
    expect(result).toEqual({ ok: false, error: { code: "INTERNAL_ERROR" } });
    expect(logged).toEqual(['[action] canReview failed: DrizzleQueryError: 22021 invalid byte sequence for encoding "UTF8": 0x00']);
  });

  it("any other error: its class and message", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
    const result = await runAction("canReview", z.object({}), {}, async () => {
      throw new TypeError("boom");
    });
    expect(result).toEqual({ ok: false, error: { code: "INTERNAL_ERROR" } });
    expect(logged).toEqual(["[action] canReview failed: TypeError: boom"]);
  });
});
