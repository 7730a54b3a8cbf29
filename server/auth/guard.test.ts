// The guard: its decision for every role × capability (asserted against an explicit table, not
// derived from ROLE_MATRIX), and the page / action variants against real sessions on PGlite —
// no session, expired session, deactivated user, wrong role, right role.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CAPABILITIES, type Capability, ROLES, type Role } from "@/lib/auth/roles";
import { session as sessionTable, user as userTable } from "@/server/db/schema";
import { TEST_PASSWORD, type TestAuth, createTestAuth, createTestUser, signInOverHttp } from "./testing";

const request = vi.hoisted(() => ({ headers: new Headers(), auth: undefined as unknown }));

vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  forbidden: () => {
    throw new Error("FORBIDDEN 403");
  },
}));
vi.mock("./index", () => ({ getAuth: async () => request.auth }));

const guard = await import("./guard");

// Written out by hand on purpose: a change to the matrix must change this test too.
const EXPECTED: Record<Role, Capability[]> = {
  agent: ["canLookup", "canModify", "canComplete", "canViewTrail"],
  supervisor: ["canLookup", "canModify", "canComplete", "canViewTrail", "canReview", "canApprove", "canExport"],
  admin: ["canLookup", "canViewTrail", "canExport", "canManageUsers", "canManageProfiles"],
};

function fakeUser(role: Role | null): import("./guard").SessionUser {
  return { id: "u", name: "n", email: "e@example.com", role, sessionExpiresAt: new Date() };
}

describe("[AUTH][GUARD] decisions", () => {
  for (const role of ROLES) {
    for (const capability of CAPABILITIES) {
      const expected = EXPECTED[role].includes(capability) ? "allow" : "forbidden";
      it(`${role} × ${capability} → ${expected}`, () => {
        expect(guard.decideCapability(fakeUser(role), capability)).toBe(expected);
        expect(guard.can(role, capability)).toBe(expected === "allow");
      });
    }
  }

  it.each(CAPABILITIES)("no session × %s → unauthenticated", (capability) => {
    expect(guard.decideCapability(null, capability)).toBe("unauthenticated");
  });

  it.each(CAPABILITIES)("a role the console does not know × %s → forbidden", (capability) => {
    expect(guard.decideCapability(fakeUser(null), capability)).toBe("forbidden");
  });

  it("decides by role lists too", () => {
    expect(guard.decideAccess(fakeUser("agent"), ["agent", "supervisor"])).toBe("allow");
    expect(guard.decideAccess(fakeUser("admin"), ["agent", "supervisor"])).toBe("forbidden");
    expect(guard.decideAccess(null, ["admin"])).toBe("unauthenticated");
  });
});

describe("[AUTH][GUARD] against real sessions", () => {
  let t: TestAuth;
  const cookies: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await createTestAuth();
    request.auth = t.auth;
    for (const role of ROLES) {
      await createTestUser(t.auth, `${role}@guard.test`, role);
      const result = await signInOverHttp(t.auth, `${role}@guard.test`, TEST_PASSWORD);
      if (!result.cookie) throw new Error(`sign-in failed for ${role}`);
      cookies[role] = result.cookie;
    }
  });
  afterAll(async () => {
    await t?.database.dispose();
  });
  beforeEach(() => {
    request.headers = new Headers({ "x-console-path": "/admin/users?page=2" });
  });

  function as(role: Role) {
    request.headers.set("cookie", cookies[role] ?? "");
  }

  it("reads the signed-in user with their role", async () => {
    as("supervisor");
    expect(await guard.getSessionUser()).toMatchObject({ email: "supervisor@guard.test", role: "supervisor" });
  });

  it("pages: no session → redirect to /login with the path to come back to", async () => {
    await expect(guard.requireRole("admin")).rejects.toThrow("REDIRECT /login?next=%2Fadmin%2Fusers%3Fpage%3D2");
  });

  it("pages: wrong role → 403; right role → the user", async () => {
    as("agent");
    await expect(guard.requireRole("admin")).rejects.toThrow("FORBIDDEN 403");
    await expect(guard.requireCapability("canReview")).rejects.toThrow("FORBIDDEN 403");
    await expect(guard.requireCapability("canModify")).resolves.toMatchObject({ role: "agent" });
    as("admin");
    await expect(guard.requireRole("admin")).resolves.toMatchObject({ email: "admin@guard.test", role: "admin" });
  });

  it("actions: a typed refusal, never a redirect", async () => {
    await expect(guard.checkActionRole("admin")).resolves.toEqual({ ok: false, code: "UNAUTHENTICATED" });
    await expect(guard.requireActionRole("admin")).rejects.toMatchObject({ name: "AuthRefusal", code: "UNAUTHENTICATED" });
    as("supervisor");
    await expect(guard.requireActionRole("admin")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(guard.checkActionCapability("canReview")).resolves.toMatchObject({ ok: true, user: { role: "supervisor" } });
    const refusal = await guard.requireActionCapability("canManageUsers").catch((error: unknown) => error);
    expect(guard.isAuthRefusal(refusal)).toBe(true);
  });

  it("an expired session counts as no session", async () => {
    const temporary = "expiring@guard.test";
    const created = await createTestUser(t.auth, temporary, "supervisor");
    const result = await signInOverHttp(t.auth, temporary, TEST_PASSWORD);
    request.headers.set("cookie", result.cookie ?? "");
    await expect(guard.checkActionRole("supervisor")).resolves.toMatchObject({ ok: true });
    await t.database.db
      .update(sessionTable)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessionTable.userId, created.id));
    await expect(guard.checkActionRole("supervisor")).resolves.toEqual({ ok: false, code: "UNAUTHENTICATED" });
    await expect(guard.requireRole("supervisor")).rejects.toThrow(/^REDIRECT \/login\?next=/);
  });

  it("a role changed in the database applies on the next request", async () => {
    const temporary = "promoted@guard.test";
    const created = await createTestUser(t.auth, temporary, "agent");
    const result = await signInOverHttp(t.auth, temporary, TEST_PASSWORD);
    request.headers.set("cookie", result.cookie ?? "");
    await expect(guard.checkActionCapability("canReview")).resolves.toMatchObject({ ok: false, code: "FORBIDDEN" });
    await t.database.db.update(userTable).set({ role: "supervisor" }).where(eq(userTable.id, created.id));
    await expect(guard.checkActionCapability("canReview")).resolves.toMatchObject({ ok: true });
  });

  it("the user's name is the users table's at the time (what the trail records), not one the session kept", async () => {
    const temporary = "renamed@guard.test";
    const created = await createTestUser(t.auth, temporary, "agent");
    const result = await signInOverHttp(t.auth, temporary, TEST_PASSWORD);
    request.headers.set("cookie", result.cookie ?? "");
    expect((await guard.checkActionCapability("canModify")).ok).toBe(true);
    await t.database.db.update(userTable).set({ name: "改名后的客服" }).where(eq(userTable.id, created.id));
    await expect(guard.checkActionCapability("canModify")).resolves.toMatchObject({ ok: true, user: { id: created.id, name: "改名后的客服" } });
  });

  it("pages: a path that normalises to //host is not carried to the login page", async () => {
    for (const path of ["/.//127.0.0.1:4399/x", "/%2e//127.0.0.1:4399/x", "/a/..//127.0.0.1:4399/x"]) {
      request.headers = new Headers({ "x-console-path": path });
      await expect(guard.requireRole("admin")).rejects.toThrow(/^REDIRECT \/login$/);
    }
  });
});
