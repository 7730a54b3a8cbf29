// User administration as the admin page uses it: list (no secrets), create, role change, password
// reset (ends sessions), deactivate/reactivate — and the guard rails (not yourself, not as a non-admin).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    await changeUserRole(t.auth, target.id, "supervisor", admin);
    expect((await listConsoleUsers(t.database.db)).find((user) => user.id === target.id)?.role).toBe("supervisor");
    await expect(changeUserRole(t.auth, admin.id, "agent", admin)).rejects.toMatchObject({ code: "FORBIDDEN", reason: "self" });
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
    await setUserActive(t.auth, target.id, false, admin);
    expect((await listConsoleUsers(t.database.db)).find((user) => user.id === target.id)?.active).toBe(false);
    expect((await signInOverHttp(t.auth, "pause@example.com", TEST_PASSWORD)).code).toBe("BANNED_USER");
    await setUserActive(t.auth, target.id, true, admin);
    expect((await signInOverHttp(t.auth, "pause@example.com", TEST_PASSWORD)).status).toBe(200);
    await expect(setUserActive(t.auth, admin.id, false, admin)).rejects.toMatchObject({ code: "FORBIDDEN", reason: "self" });
  });

  it("refuses every write to a non-admin, inside better-auth too", async () => {
    const target = await createTestUser(t.auth, "victim@example.com", "agent");
    await expect(changeUserRole(t.auth, target.id, "admin", supervisor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetUserPassword(t.auth, target.id, "hijacked-password", supervisor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setUserActive(t.auth, target.id, false, supervisor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createConsoleUser(t.auth, { email: "sneaky@example.com", name: "s", role: "admin", password: "0123456789" }, supervisor),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
