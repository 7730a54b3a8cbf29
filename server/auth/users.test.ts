// User administration as the admin page uses it: list (no secrets), create, role change, password
// reset (ends sessions), deactivate/reactivate — and the guard rails (not yourself, not as a non-admin).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { createTestPostgres, shouldTestPostgres } from "@/server/db/testing";
import { TEST_PASSWORD, type TestAuth, cookieHeaders, createTestAuth, createTestUser, signInOverHttp } from "./testing";
import { changeUserRole, createConsoleUser, listConsoleUsers, resetUserPassword, setUserActive } from "./users";

let t: TestAuth;
let admin: { id: string; headers: Headers };
let supervisor: { id: string; headers: Headers };

beforeAll(async () => {
  t = await createTestAuth();
  const adminUser = await createTestUser(t.auth, "root@example.com", "admin");
  const supervisorUser = await createTestUser(t.auth, "lead@example.com", "supervisor");
  admin = { id: adminUser.id, headers: cookieHeaders((await signInOverHttp(t.auth, "root@example.com", TEST_PASSWORD)).cookie ?? "") };
  supervisor = {
    id: supervisorUser.id,
    headers: cookieHeaders((await signInOverHttp(t.auth, "lead@example.com", TEST_PASSWORD)).cookie ?? ""),
  };
});
afterAll(async () => {
  await t?.database.dispose();
});

describe("[ADMIN] user administration", () => {
  it("creates a user with a role; a second user with the same email is refused", async () => {
    const input = { email: "new@example.com", name: "新人", role: "supervisor" as const, password: "first-password" };
    const { id } = await createConsoleUser(t.auth, input, admin);
    const listed = await listConsoleUsers(t.database.db);
    expect(listed.find((user) => user.id === id)).toMatchObject({ email: "new@example.com", role: "supervisor", active: true, lastSignInAt: null });
    await expect(createConsoleUser(t.auth, { ...input, name: "again" }, admin)).rejects.toMatchObject({ code: "INVALID_INPUT", reason: "email_taken" });
  });

  it("lists users without password hashes or tokens", async () => {
    const listed = await listConsoleUsers(t.database.db);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(["active", "createdAt", "email", "id", "lastSignInAt", "name", "role"]);
    expect(listed.find((user) => user.email === "root@example.com")?.lastSignInAt).not.toBeNull();
  });

  it("changes a role, but never the admin's own", async () => {
    const target = await createTestUser(t.auth, "promote@example.com", "agent");
    await changeUserRole(t.auth, t.database.db, target.id, "supervisor", admin);
    expect((await listConsoleUsers(t.database.db)).find((user) => user.id === target.id)?.role).toBe("supervisor");
    await expect(changeUserRole(t.auth, t.database.db, admin.id, "agent", admin)).rejects.toMatchObject({ code: "FORBIDDEN", reason: "self" });
  });

  it("resets a password: the old one stops working and the user's sessions end", async () => {
    const target = await createTestUser(t.auth, "forgot@example.com", "agent");
    const before = await signInOverHttp(t.auth, "forgot@example.com", TEST_PASSWORD);
    await resetUserPassword(t.auth, target.id, "brand-new-password", admin);
    expect(await t.auth.api.getSession({ headers: cookieHeaders(before.cookie ?? "") })).toBeNull();
    expect((await signInOverHttp(t.auth, "forgot@example.com", TEST_PASSWORD)).status).toBe(401);
    expect((await signInOverHttp(t.auth, "forgot@example.com", "brand-new-password")).status).toBe(200);
  });

  it("deactivates and reactivates, but never the admin themself", async () => {
    const target = await createTestUser(t.auth, "pause@example.com", "agent");
    await setUserActive(t.auth, t.database.db, target.id, false, admin);
    expect((await listConsoleUsers(t.database.db)).find((user) => user.id === target.id)?.active).toBe(false);
    expect((await signInOverHttp(t.auth, "pause@example.com", TEST_PASSWORD)).code).toBe("BANNED_USER");
    await setUserActive(t.auth, t.database.db, target.id, true, admin);
    expect((await signInOverHttp(t.auth, "pause@example.com", TEST_PASSWORD)).status).toBe(200);
    await expect(setUserActive(t.auth, t.database.db, admin.id, false, admin)).rejects.toMatchObject({ code: "FORBIDDEN", reason: "self" });
  });

  it("refuses every write to a non-admin, inside better-auth too", async () => {
    const target = await createTestUser(t.auth, "victim@example.com", "agent");
    await expect(changeUserRole(t.auth, t.database.db, target.id, "admin", supervisor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetUserPassword(t.auth, target.id, "hijacked-password", supervisor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setUserActive(t.auth, t.database.db, target.id, false, supervisor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createConsoleUser(t.auth, { email: "sneaky@example.com", name: "s", role: "admin", password: "0123456789" }, supervisor),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("[ADMIN] the rules hold in the domain functions, whoever calls them", () => {
  it("passwords follow the form's rule (10–128 characters), for a new user and a reset", async () => {
    const base = { email: "weak@example.com", name: "弱", role: "agent" as const };
    await expect(createConsoleUser(t.auth, { ...base, password: "a" }, admin)).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: ["password"] }] });
    await expect(createConsoleUser(t.auth, { ...base, password: "x".repeat(129) })).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: ["password"] }] });
    const target = await createTestUser(t.auth, "reset-weak@example.com", "agent");
    await expect(resetUserPassword(t.auth, target.id, "a", admin)).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: ["password"] }] });
    expect((await listConsoleUsers(t.database.db)).some((user) => user.email === "weak@example.com")).toBe(false);
    expect((await signInOverHttp(t.auth, "reset-weak@example.com", TEST_PASSWORD)).status).toBe(200);
  });

  it("one role per user, from the console's three", async () => {
    const target = await createTestUser(t.auth, "two-roles@example.com", "agent");
    await expect(changeUserRole(t.auth, t.database.db, target.id, "admin,agent" as Role, admin)).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: ["role"] }] });
    await expect(
      createConsoleUser(t.auth, { email: "multi@example.com", name: "多", role: ["admin", "agent"] as unknown as Role, password: "0123456789" }, admin),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: ["role"] }] });
    expect((await listConsoleUsers(t.database.db)).find((user) => user.id === target.id)?.role).toBe("agent");
  });

  it("names follow the form's rule (1–80 characters after trimming)", async () => {
    const base = { email: "noname@example.com", role: "agent" as const, password: "0123456789" };
    await expect(createConsoleUser(t.auth, { ...base, name: "   " }, admin)).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: ["name"] }] });
    await expect(createConsoleUser(t.auth, { ...base, name: "长".repeat(81) }, admin)).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: ["name"] }] });
  });
});

// Two admins demoting (or deactivating) each other at the same moment: each call alone leaves an
// admin (the caller), together they would leave none. Exactly one of them may win.
const runPostgres = await shouldTestPostgres();
describe.each([
  ["PGlite", false],
  ["PostgreSQL", true],
] as const)("[ADMIN] never zero admins (%s)", (_name, onPostgres) => {
  let u: TestAuth;
  beforeAll(async () => {
    if (onPostgres && !runPostgres) return;
    u = await createTestAuth(onPostgres ? { database: await createTestPostgres() } : {});
  });
  afterAll(async () => {
    await u?.database.dispose();
  });

  async function twoAdmins(tag: string) {
    const made = [];
    for (const name of ["a", "b"]) {
      const email = `${tag}-${name}@example.com`;
      const created = await createTestUser(u.auth, email, "admin");
      made.push({ id: created.id, headers: cookieHeaders((await signInOverHttp(u.auth, email, TEST_PASSWORD)).cookie ?? "") });
    }
    return made as [{ id: string; headers: Headers }, { id: string; headers: Headers }];
  }

  async function activeAdmins(ids: string[]): Promise<number> {
    const users = await listConsoleUsers(u.database.db);
    return users.filter((user) => ids.includes(user.id) && user.role === "admin" && user.active).length;
  }

  it.runIf(!onPostgres || runPostgres)("demoting each other at once: one succeeds, the other is refused, one admin is left", async () => {
    const [a, b] = await twoAdmins("demote");
    const results = await Promise.allSettled([
      changeUserRole(u.auth, u.database.db, b.id, "agent", a),
      changeUserRole(u.auth, u.database.db, a.id, "agent", b),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((result) => result.status === "rejected");
    expect(refused?.status === "rejected" ? refused.reason : null).toMatchObject({ code: "FORBIDDEN" });
    expect(await activeAdmins([a.id, b.id])).toBe(1);
  });

  it.runIf(!onPostgres || runPostgres)("deactivating each other at once: one admin is left active", async () => {
    const [a, b] = await twoAdmins("ban");
    const results = await Promise.allSettled([setUserActive(u.auth, u.database.db, b.id, false, a), setUserActive(u.auth, u.database.db, a.id, false, b)]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await activeAdmins([a.id, b.id])).toBe(1);
  });

  it.runIf(!onPostgres || runPostgres)("one demotes, the other deactivates, at once: one admin is left", async () => {
    const [a, b] = await twoAdmins("mixed");
    await Promise.allSettled([changeUserRole(u.auth, u.database.db, b.id, "supervisor", a), setUserActive(u.auth, u.database.db, a.id, false, b)]);
    expect(await activeAdmins([a.id, b.id])).toBe(1);
  });
});
