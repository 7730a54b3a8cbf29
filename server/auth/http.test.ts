// better-auth's HTTP surface, through the route handler's own code path (handleAuthRequest), for the
// four callers with real sessions. Every route better-auth mounts is enumerated from the instance
// itself (each endpoint in auth.api carries its path and method), so a route an upgrade adds is
// covered without touching this file: only sign-in, sign-out and the session read may answer; every
// other route is 404 for everyone, and nothing it would have changed has changed.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { user } from "@/server/db/schema";
import { AUTH_HTTP_ROUTES, handleAuthRequest } from "./http";
import { CLIENT_IP_HEADER } from "./client-ip";
import { TEST_BASE_URL, TEST_PASSWORD, type TestAuth, createTestAuth, createTestUser } from "./testing";

type Caller = "anonymous" | Role;
const CALLERS: readonly Caller[] = ["anonymous", "agent", "supervisor", "admin"];

let t: TestAuth;
const cookies: Partial<Record<Role, string>> = {};
const ids: Partial<Record<Role, string>> = {};
let ipCounter = 0;

function nextIp(): string {
  ipCounter += 1;
  return `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

async function call(method: string, path: string, options: { caller?: Caller; body?: unknown } = {}): Promise<Response> {
  const headers = new Headers({ origin: TEST_BASE_URL, [CLIENT_IP_HEADER]: nextIp() });
  const cookie = options.caller && options.caller !== "anonymous" ? cookies[options.caller] : undefined;
  if (cookie) headers.set("cookie", cookie);
  const init: RequestInit = { method, headers };
  if (method !== "GET" && method !== "HEAD") {
    headers.set("content-type", "application/json");
    init.body = JSON.stringify(options.body ?? {});
  }
  return handleAuthRequest(t.auth, new Request(`${TEST_BASE_URL}/api/auth${path}`, init));
}

async function signIn(email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await call("POST", "/sign-in/email", { body: { email, password } });
  const cookie = response.headers.getSetCookie().find((value) => value.includes("session_token="));
  if (response.status !== 200 || !cookie) throw new Error(`sign-in ${email}: ${response.status}`);
  return cookie.split(";")[0] ?? "";
}

async function usersSnapshot() {
  const rows = await t.database.db.select({ id: user.id, email: user.email, name: user.name, image: user.image, role: user.role, banned: user.banned }).from(user);
  return rows.sort((a, b) => a.email.localeCompare(b.email));
}

beforeAll(async () => {
  t = await createTestAuth();
  for (const role of ["agent", "supervisor", "admin"] as const) {
    ids[role] = (await createTestUser(t.auth, `${role}@surface.test`, role)).id;
    cookies[role] = await signIn(`${role}@surface.test`);
  }
});
afterAll(async () => {
  await t?.database.dispose();
});

interface MountedRoute {
  name: string;
  method: string;
  path: string;
}

/** Every HTTP route of the instance: auth.api endpoints with a path (server-only ones have none). */
function mountedRoutes(): MountedRoute[] {
  const endpoints = Object.entries(t.auth.api as unknown as Record<string, { path?: unknown; options?: { method?: unknown } }>);
  return endpoints.flatMap(([name, endpoint]) => {
    if (typeof endpoint.path !== "string") return [];
    const methods = endpoint.options?.method;
    const list = (Array.isArray(methods) ? methods : [methods]).filter((method): method is string => typeof method === "string");
    const concrete = list.includes("*") ? ["GET", "POST"] : list;
    // Path parameters (/callback/:id, /reset-password/:token) get a sample value.
    const path = endpoint.path.replace(/:[A-Za-z]+/g, "x");
    return concrete.map((method) => ({ name, method, path }));
  });
}

const ALLOWED = ["POST /sign-in/email", "POST /sign-out", "GET /get-session"];

describe("[AUTH][SURFACE] every route better-auth mounts", () => {
  it("the enumeration finds the routes (admin plugin included) and the allowed ones among them", () => {
    const routes = mountedRoutes().map((route) => `${route.method} ${route.path}`);
    expect(AUTH_HTTP_ROUTES).toEqual(ALLOWED);
    expect(routes.length).toBeGreaterThan(40);
    for (const route of [...ALLOWED, "POST /admin/set-role", "POST /update-user", "POST /admin/create-user", "POST /sign-up/email"]) {
      expect(routes).toContain(route);
    }
  });

  it("answers 404 on every route but sign-in, sign-out and the session, for anonymous, agent, supervisor and admin", async () => {
    const before = await usersSnapshot();
    const answers: string[] = [];
    for (const route of mountedRoutes()) {
      if (ALLOWED.includes(`${route.method} ${route.path}`)) continue;
      for (const caller of CALLERS) {
        const response = await call(route.method, route.path, { caller });
        answers.push(`${caller} ${route.method} ${route.path} → ${response.status}`);
      }
    }
    expect(answers.filter((answer) => !answer.endsWith("→ 404"))).toEqual([]);
    expect(await usersSnapshot()).toEqual(before);
    // Every caller is still signed in: no route ended a session either.
    for (const role of ["agent", "supervisor", "admin"] as const) {
      const session = (await (await call("GET", "/get-session", { caller: role })).json()) as { user?: { id: string } } | null;
      expect(session?.user?.id).toBe(ids[role]);
    }
  });

  it("the issue's attacks: admin set-role on oneself (and two roles), agent update-user, create-user with password 'a'", async () => {
    const before = await usersSnapshot();
    const setRoleSelf = await call("POST", "/admin/set-role", { caller: "admin", body: { userId: ids.admin, role: "supervisor" } });
    const twoRoles = await call("POST", "/admin/set-role", { caller: "admin", body: { userId: ids.agent, role: ["admin", "agent"] } });
    const rename = await call("POST", "/update-user", { caller: "agent", body: { name: "演示主管" } });
    const emptyName = await call("POST", "/update-user", { caller: "agent", body: { name: "" } });
    const hugeName = await call("POST", "/update-user", { caller: "agent", body: { name: "长".repeat(100_000) } });
    const image = await call("POST", "/update-user", { caller: "agent", body: { image: "javascript:alert(1)" } });
    const weak = await call("POST", "/admin/create-user", { caller: "admin", body: { email: "weak@surface.test", password: "a", name: "弱", role: "agent" } });
    expect([setRoleSelf, twoRoles, rename, emptyName, hugeName, image, weak].map((response) => response.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(await setRoleSelf.json()).toEqual({ code: "NOT_FOUND", message: "Not found" });
    expect(await usersSnapshot()).toEqual(before);
    const [admin] = await t.database.db.select().from(user).where(eq(user.id, ids.admin ?? ""));
    expect(admin?.role).toBe("admin");
  });

  it.each([
    ["POST", "/sign-in/email/"],
    ["POST", "//sign-in/email"],
    ["POST", "/SIGN-IN/EMAIL"],
    ["POST", "/sign-in/%65mail"],
    ["GET", "/sign-in/email"],
    ["POST", "/get-session"],
    ["GET", "/sign-out"],
    ["POST", "/admin/set-role/"],
    ["POST", "/admin//set-role"],
    ["POST", "/admin/%73et-role"],
    ["POST", "/sign-in/../admin/set-role"],
    ["GET", "/"],
    ["GET", ""],
    ["GET", "/nothing-here"],
  ])("%s %s (another spelling or method) → 404", async (method, path) => {
    const response = await call(method, path, { caller: "admin", body: { userId: ids.agent, role: "admin", email: "admin@surface.test", password: TEST_PASSWORD } });
    expect(response.status).toBe(404);
  });
});

describe("[AUTH][SURFACE] the routes the console uses", () => {
  it("get-session: null for anonymous, the caller's user for each role", async () => {
    const anonymous = await call("GET", "/get-session");
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toBeNull();
    for (const role of ["agent", "supervisor", "admin"] as const) {
      const response = await call("GET", "/get-session", { caller: role });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { user: { id: string; role: string } }).user).toMatchObject({ id: ids[role], role });
    }
  });

  it("sign-in/email: 401 INVALID_EMAIL_OR_PASSWORD for a wrong password, 200 and a session cookie for the right one", async () => {
    const wrong = await call("POST", "/sign-in/email", { body: { email: "agent@surface.test", password: "not-the-password" } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe("INVALID_EMAIL_OR_PASSWORD");
    expect(await signIn("agent@surface.test")).toMatch(/session_token=/);
  });

  it("sign-out: ends the caller's session", async () => {
    const cookie = await signIn("supervisor@surface.test");
    const headers = new Headers({ origin: TEST_BASE_URL, cookie, "content-type": "application/json" });
    const response = await handleAuthRequest(t.auth, new Request(`${TEST_BASE_URL}/api/auth/sign-out`, { method: "POST", headers, body: "{}" }));
    expect(response.status).toBe(200);
    expect(await t.auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });
});
