// better-auth as configured for the console, on a fresh in-memory PGlite: accounts and roles, no
// public sign-up, deactivated users refused, one answer for unknown email and wrong password, and
// sign-in rate limits (per IP through the HTTP handler, per address across IPs).
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimit, signInThrottle, user } from "@/server/db/schema";
import { createTestPostgres, shouldTestPostgres } from "@/server/db/testing";
import { TOO_MANY_ATTEMPTS } from "./throttle";
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoUsers } from "./demo-users";
import { CLIENT_IP_HEADER } from "./client-ip";
import { TEST_BASE_URL, TEST_PASSWORD, type TestAuth, cookieHeaders, createTestAuth, createTestUser, signInOverHttp } from "./testing";

let t: TestAuth;
beforeAll(async () => {
  t = await createTestAuth({ signInPerMinute: 5, throttle: { maxFailures: 3, windowSeconds: 60 } });
});
afterAll(async () => {
  await t?.database.dispose();
});

async function adminCookie(): Promise<string> {
  const email = "boss@example.com";
  const existing = await t.database.db.select().from(user).where(eq(user.email, email));
  if (existing.length === 0) await createTestUser(t.auth, email, "admin");
  const result = await signInOverHttp(t.auth, email, TEST_PASSWORD, "198.51.100.200");
  if (!result.cookie) throw new Error(`admin sign-in failed: ${result.status} ${result.code}`);
  return result.cookie;
}

describe("[AUTH] accounts and roles", () => {
  it("has no public sign-up", async () => {
    await expect(
      t.auth.api.signUpEmail({ body: { email: "self@example.com", password: TEST_PASSWORD, name: "Self" } }),
    ).rejects.toMatchObject({ statusCode: 400 });
    expect(await t.database.db.select().from(user).where(eq(user.email, "self@example.com"))).toEqual([]);
  });

  it("gives a new user the agent role by default, or the role it is created with", async () => {
    const plain = await createTestUser(t.auth, "plain@example.com");
    const boss = await createTestUser(t.auth, "sup@example.com", "supervisor");
    expect(plain.role).toBe("agent");
    expect(boss.role).toBe("supervisor");
  });

  it("signs in with email and password; the session carries the role", async () => {
    await createTestUser(t.auth, "Mixed.Case@Example.com", "supervisor");
    const result = await signInOverHttp(t.auth, "mixed.case@example.com", TEST_PASSWORD, "198.51.100.1");
    expect(result.status).toBe(200);
    expect(result.cookie).toMatch(/session_token=/);
    const session = await t.auth.api.getSession({ headers: cookieHeaders(result.cookie!) });
    expect(session?.user).toMatchObject({ email: "mixed.case@example.com", role: "supervisor" });
    // Sessions live in the database.
    const sessions = await t.database.db.query.session.findMany({ where: (s, { eq: equals }) => equals(s.userId, session!.user.id) });
    expect(sessions.length).toBeGreaterThan(0);
  });

  it("answers unknown email and wrong password identically (no user enumeration)", async () => {
    await createTestUser(t.auth, "known@example.com", "agent");
    const wrongPassword = await signInOverHttp(t.auth, "known@example.com", "not-the-password", "198.51.100.2");
    const unknownEmail = await signInOverHttp(t.auth, "nobody@example.com", "not-the-password", "198.51.100.3");
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail).toEqual(wrongPassword);
    expect(wrongPassword.code).toBe("INVALID_EMAIL_OR_PASSWORD");
  });

  it("refuses a deactivated user, ends their sessions, and lets them in again once reactivated", async () => {
    const agent = await createTestUser(t.auth, "leaver@example.com", "agent");
    const before = await signInOverHttp(t.auth, "leaver@example.com", TEST_PASSWORD, "198.51.100.4");
    expect(before.status).toBe(200);

    const admin = cookieHeaders(await adminCookie());
    await t.auth.api.banUser({ body: { userId: agent.id, banReason: "left" }, headers: admin });

    expect(await t.auth.api.getSession({ headers: cookieHeaders(before.cookie!) })).toBeNull();
    const refused = await signInOverHttp(t.auth, "leaver@example.com", TEST_PASSWORD, "198.51.100.4");
    expect(refused.status).toBe(403);
    expect(refused.code).toBe("BANNED_USER");
    expect(refused.cookie).toBeNull();

    await t.auth.api.unbanUser({ body: { userId: agent.id }, headers: admin });
    expect((await signInOverHttp(t.auth, "leaver@example.com", TEST_PASSWORD, "198.51.100.4")).status).toBe(200);
  });

  it("lets only admins use the admin API, and only with the console's roles", async () => {
    const target = await createTestUser(t.auth, "target@example.com", "agent");
    await createTestUser(t.auth, "mere@example.com", "supervisor");
    const supervisor = await signInOverHttp(t.auth, "mere@example.com", TEST_PASSWORD, "198.51.100.5");
    await expect(
      t.auth.api.setRole({ body: { userId: target.id, role: "admin" }, headers: cookieHeaders(supervisor.cookie!) }),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(t.auth.api.listUsers({ query: {}, headers: cookieHeaders(supervisor.cookie!) })).rejects.toMatchObject({
      statusCode: 403,
    });

    const admin = cookieHeaders(await adminCookie());
    await t.auth.api.setRole({ body: { userId: target.id, role: "supervisor" }, headers: admin });
    const [row] = await t.database.db.select().from(user).where(eq(user.id, target.id));
    expect(row?.role).toBe("supervisor");
    await expect(
      t.auth.api.setRole({ body: { userId: target.id, role: "user" as "admin" }, headers: admin }),
    ).rejects.toMatchObject({ statusCode: 400 });
    // Impersonation is not granted even to admins: the trail must name who really acted.
    await expect(t.auth.api.impersonateUser({ body: { userId: target.id }, headers: admin })).rejects.toMatchObject({
      statusCode: 403,
    });
  });
});

describe("[AUTH] sign-in rate limits", () => {
  it("limits sign-in attempts per client IP (5 per minute here), stored in the database", async () => {
    await createTestUser(t.auth, "busy@example.com", "agent");
    const ip = "192.0.2.77";
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      // Correct password each time: the IP limiter counts every attempt, good or bad.
      statuses.push((await signInOverHttp(t.auth, "busy@example.com", TEST_PASSWORD, ip)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Another client is not affected.
    expect((await signInOverHttp(t.auth, "busy@example.com", TEST_PASSWORD, "192.0.2.78")).status).toBe(200);
    const buckets = await t.database.db.select().from(rateLimit);
    expect(buckets.some((bucket) => bucket.key.startsWith(`${ip}|`))).toBe(true);
  });

  it("keys on the client address the server computed, not on a forged X-Forwarded-For (issue #11)", async () => {
    // What a client reaching `next start` directly controls: X-Forwarded-For (Next keeps it). What it
    // does not: the socket address, which the server puts into CLIENT_IP_HEADER (server/auth/client-ip.ts).
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const response = await t.auth.handler(
        new Request(`${TEST_BASE_URL}/api/auth/sign-in/email`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: TEST_BASE_URL,
            "x-forwarded-for": `203.0.113.${attempt + 1}`,
            [CLIENT_IP_HEADER]: "192.0.2.99",
          },
          body: JSON.stringify({ email: `forger${attempt}@example.com`, password: "wrong-password" }),
        }),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("locks an address after 3 failures even when every attempt comes from a new IP", async () => {
    await createTestUser(t.auth, "target2@example.com", "agent");
    const results = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      results.push(await signInOverHttp(t.auth, "target2@example.com", `guess-${attempt}-xxxx`, `192.0.2.${100 + attempt}`));
    }
    expect(results.map((result) => result.status)).toEqual([401, 401, 401]);
    // Now even the right password is refused for this address, from yet another IP…
    const locked = await signInOverHttp(t.auth, "target2@example.com", TEST_PASSWORD, "192.0.2.150");
    expect(locked.status).toBe(429);
    expect(locked.code).toBe(TOO_MANY_ATTEMPTS);
    expect(locked.cookie).toBeNull();
    // …an unknown address gets the very same treatment (no enumeration through the limiter)…
    for (let attempt = 0; attempt < 3; attempt += 1) await signInOverHttp(t.auth, "ghost@example.com", "x-guess-xxxx", `192.0.2.${160 + attempt}`);
    const ghost = await signInOverHttp(t.auth, "ghost@example.com", "x-guess-xxxx", "192.0.2.170");
    expect({ status: ghost.status, code: ghost.code }).toEqual({ status: locked.status, code: locked.code });
    // …and other addresses are unaffected.
    expect((await signInOverHttp(t.auth, "busy@example.com", TEST_PASSWORD, "192.0.2.151")).status).toBe(200);
  });

  it("clears an address's failures after a successful sign-in", async () => {
    await createTestUser(t.auth, "typo@example.com", "agent");
    await signInOverHttp(t.auth, "typo@example.com", "typo-password-1", "192.0.2.201");
    await signInOverHttp(t.auth, "typo@example.com", "typo-password-2", "192.0.2.201");
    expect((await signInOverHttp(t.auth, "typo@example.com", TEST_PASSWORD, "192.0.2.201")).status).toBe(200);
    const key = createHash("sha256").update("typo@example.com").digest("hex");
    expect(await t.database.db.select().from(signInThrottle).where(eq(signInThrottle.emailHash, key))).toEqual([]);
    await signInOverHttp(t.auth, "typo@example.com", "typo-password-3", "192.0.2.202");
    await signInOverHttp(t.auth, "typo@example.com", "typo-password-4", "192.0.2.202");
    expect((await signInOverHttp(t.auth, "typo@example.com", TEST_PASSWORD, "192.0.2.202")).status).toBe(200);
  });
});

describe("[AUTH] sandbox demo users", () => {
  it("creates one demo user per role, idempotently, and they can sign in", async () => {
    const created = await ensureDemoUsers(t.auth, t.database.db);
    expect(created).toEqual(DEMO_USERS.map((demo) => demo.email));
    expect(await ensureDemoUsers(t.auth, t.database.db)).toEqual([]);
    for (const demo of DEMO_USERS) {
      const result = await signInOverHttp(t.auth, demo.email, DEMO_PASSWORD, "192.0.2.220");
      expect(result.status).toBe(200);
      const session = await t.auth.api.getSession({ headers: cookieHeaders(result.cookie!) });
      expect(session?.user).toMatchObject({ name: demo.name, role: demo.role });
    }
  });
});

// The same configuration on PostgreSQL (node-postgres driver): sessions, bans and both limiters.
const runPostgres = await shouldTestPostgres();
describe.runIf(runPostgres)("[AUTH][PG] on PostgreSQL", () => {
  let pg: TestAuth;
  beforeAll(async () => {
    pg = await createTestAuth({ database: await createTestPostgres(), signInPerMinute: 3, throttle: { maxFailures: 2, windowSeconds: 60 } });
  });
  afterAll(async () => {
    await pg?.database.dispose();
  });

  it("signs in, keeps the session, refuses a deactivated user, and rate-limits", async () => {
    const admin = await createTestUser(pg.auth, "pg-admin@example.com", "admin");
    const agent = await createTestUser(pg.auth, "pg-agent@example.com");
    expect(agent.role).toBe("agent");
    const signedIn = await signInOverHttp(pg.auth, "pg-admin@example.com", TEST_PASSWORD, "192.0.2.1");
    const session = await pg.auth.api.getSession({ headers: cookieHeaders(signedIn.cookie!) });
    expect(session?.user).toMatchObject({ id: admin.id, role: "admin" });

    await pg.auth.api.banUser({ body: { userId: agent.id }, headers: cookieHeaders(signedIn.cookie!) });
    expect((await signInOverHttp(pg.auth, "pg-agent@example.com", TEST_PASSWORD, "192.0.2.2")).code).toBe("BANNED_USER");

    const perIp = [];
    // Different addresses from one IP: the per-IP limiter (3 per minute here) answers.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      perIp.push((await signInOverHttp(pg.auth, `x${attempt}@example.com`, "wrong-password", "192.0.2.3")).status);
    }
    expect(perIp).toEqual([401, 401, 401, 429]);
    expect((await pg.database.db.select().from(rateLimit)).length).toBeGreaterThan(0);
    // One address from different IPs: the per-address limiter (2 failures here) answers.
    const perAddress = [];
    for (let attempt = 0; attempt < 3; attempt += 1) perAddress.push((await signInOverHttp(pg.auth, "y@example.com", "wrong-password", `192.0.2.${10 + attempt}`)).status);
    expect(perAddress).toEqual([401, 401, 429]);
    expect((await signInOverHttp(pg.auth, "y@example.com", "wrong-password", "192.0.2.20")).code).toBe(TOO_MANY_ATTEMPTS);
  });
});
