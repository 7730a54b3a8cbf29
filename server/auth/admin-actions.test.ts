// The admin server actions end to end (wrapper → schema → better-auth → database), with the request
// faked: refused without a session and for every non-admin role, input re-validated on the server,
// results in the shared ActionResult shape.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { TEST_PASSWORD, type TestAuth, createTestAuth, createTestUser, signInOverHttp } from "./testing";
import { listConsoleUsers } from "./users";

const request = vi.hoisted(() => ({ headers: new Headers(), auth: undefined as unknown, db: undefined as unknown }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/server/auth", () => ({ getAuth: async () => request.auth }));
vi.mock("./index", () => ({ getAuth: async () => request.auth }));
vi.mock("@/server/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/server/db")>()), getDb: async () => request.db }));

const actions = await import("@/server/actions/admin-users");

let t: TestAuth;
const cookies: Partial<Record<Role, string>> = {};
const ids: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  t = await createTestAuth();
  request.auth = t.auth;
  request.db = t.database.db;
  for (const role of ["agent", "supervisor", "admin"] as const) {
    ids[role] = (await createTestUser(t.auth, `${role}@actions.test`, role)).id;
    cookies[role] = (await signInOverHttp(t.auth, `${role}@actions.test`, TEST_PASSWORD)).cookie ?? "";
  }
});
afterAll(async () => {
  await t?.database.dispose();
});
beforeEach(() => {
  request.headers = new Headers({ origin: "http://localhost:3000" });
});

function as(role: Role | null) {
  if (role) request.headers.set("cookie", cookies[role] ?? "");
}

const validCreate = { email: "made@actions.test", name: "新建", role: "agent", password: "0123456789ab" };

describe("[ADMIN][ACTIONS] who may call them", () => {
  const calls = {
    createUserAction: () => actions.createUserAction(validCreate),
    changeRoleAction: () => actions.changeRoleAction({ userId: ids.agent, role: "supervisor" }),
    resetPasswordAction: () => actions.resetPasswordAction({ userId: ids.agent, password: "another-password" }),
    setActiveAction: () => actions.setActiveAction({ userId: ids.agent, active: false }),
  } as const;

  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: no session → UNAUTHENTICATED; agent, supervisor → FORBIDDEN`, async () => {
      as(null);
      expect(await call()).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
      for (const role of ["agent", "supervisor"] as const) {
        request.headers.set("cookie", cookies[role] ?? "");
        expect(await call()).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
      }
    });
  }

  it("nothing changed for the refused calls", async () => {
    const users = await listConsoleUsers(t.database.db);
    expect(users.map((user) => user.email).sort()).toEqual(["admin@actions.test", "agent@actions.test", "supervisor@actions.test"]);
    expect(users.find((user) => user.email === "agent@actions.test")).toMatchObject({ role: "agent", active: true });
  });
});

describe("[ADMIN][ACTIONS] as an admin", () => {
  it("re-validates the input on the server", async () => {
    as("admin");
    const result = await actions.createUserAction({ ...validCreate, password: "short", role: "root" });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });

  it.each([
    ["NUL", "张\u0000三"],
    ["a lone surrogate", "张\ud83d三"],
    ["an RTL override", "\u202e管理员"],
    ["a line break", "张\n三"],
  ])("a name with %s: INVALID_INPUT at name (invalid_characters), no user", async (_label, name) => {
    as("admin");
    expect(await actions.createUserAction({ ...validCreate, email: "odd-name@actions.test", name })).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["name"], code: "invalid_characters" }] },
    });
    expect((await listConsoleUsers(t.database.db)).some((user) => user.email === "odd-name@actions.test")).toBe(false);
  });

  it("creates, refuses a taken email, changes role, resets password, deactivates", async () => {
    as("admin");
    const created = await actions.createUserAction(validCreate);
    expect(created).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    expect(await actions.createUserAction(validCreate)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", reason: "email_taken" } });
    const id = created.ok ? created.data.id : "";
    expect(await actions.changeRoleAction({ userId: id, role: "supervisor" })).toEqual({ ok: true, data: null });
    expect(await actions.resetPasswordAction({ userId: id, password: "fresh-password-1" })).toEqual({ ok: true, data: null });
    expect((await signInOverHttp(t.auth, validCreate.email, "fresh-password-1", "203.0.113.9")).status).toBe(200);
    expect(await actions.setActiveAction({ userId: id, active: false })).toEqual({ ok: true, data: null });
    expect((await signInOverHttp(t.auth, validCreate.email, "fresh-password-1", "203.0.113.9")).code).toBe("BANNED_USER");
  });

  it("cannot demote or deactivate themself", async () => {
    as("admin");
    expect(await actions.changeRoleAction({ userId: ids.admin, role: "agent" })).toEqual({ ok: false, error: { code: "FORBIDDEN", reason: "self" } });
    expect(await actions.setActiveAction({ userId: ids.admin, active: false })).toEqual({ ok: false, error: { code: "FORBIDDEN", reason: "self" } });
  });
});
