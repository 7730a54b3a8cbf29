// Issue #11 against the production build (`next start`): better-auth's routes other than sign-in,
// sign-out and the session answer 404 for every caller; a `next` that normalises to //host never
// leaves the site; a client rotating forged X-Forwarded-For headers still meets the per-IP limit.
// (Every route × every caller is asserted in server/auth/http.test.ts.)
import { rmSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startApp, stopGracefully, waitUntilServing } from "./support/app-process";
import { APP_PORT, APP_URL, DATA_DIR, DEMO_EMAIL, DEMO_PASSWORD, storageStatePath, type E2ERole } from "./support/env";

type Who = "anonymous" | E2ERole;

async function contextFor(playwright: { request: { newContext: typeof import("@playwright/test").request.newContext } }, who: Who): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: APP_URL, storageState: who === "anonymous" ? undefined : storageStatePath(who) });
}

const CLOSED: { method: "GET" | "POST"; path: string; data?: unknown }[] = [
  { method: "POST", path: "/api/auth/admin/set-role", data: { userId: "x", role: "supervisor" } },
  { method: "POST", path: "/api/auth/update-user", data: { name: "演示主管" } },
  { method: "POST", path: "/api/auth/admin/create-user", data: { email: "weak@demo.local", password: "a", name: "弱", role: "agent" } },
  { method: "GET", path: "/api/auth/admin/list-users" },
  { method: "GET", path: "/api/auth/list-sessions" },
  { method: "POST", path: "/api/auth/sign-up/email", data: { email: "self@demo.local", password: "0123456789ab", name: "自助" } },
];

for (const who of ["anonymous", "agent", "supervisor", "admin"] as const) {
  test(`[AUTH][SURFACE] ${who}: closed better-auth routes answer 404; the session read answers 200`, async ({ playwright }) => {
    const request = await contextFor(playwright, who);
    for (const route of CLOSED) {
      const response = await request.fetch(route.path, { method: route.method, data: route.data, headers: { Origin: APP_URL }, maxRedirects: 0 });
      expect(response.status(), `${route.method} ${route.path}`).toBe(404);
    }
    const session = await request.get("/api/auth/get-session");
    expect(session.status()).toBe(200);
    const body = (await session.json()) as { user?: { email: string; name: string } } | null;
    if (who === "anonymous") expect(body).toBeNull();
    else expect(body?.user?.email).toBe(DEMO_EMAIL[who]);
    await request.dispose();
  });
}

test("[AUTH][SURFACE]: the demo users' names and roles are unchanged by those calls", async ({ playwright }) => {
  const request = await contextFor(playwright, "agent");
  const body = (await (await request.get("/api/auth/get-session")).json()) as { user: { name: string; role: string } };
  expect(body.user).toMatchObject({ name: "演示客服", role: "agent" });
  await request.dispose();
});

test.describe("[AUTH][REDIRECT]", () => {
  const FOREIGN = ["/.//127.0.0.1:4399/x", "/%2e//127.0.0.1:4399/x", "/a/..//127.0.0.1:4399/x"];

  test("[AUTH][REDIRECT]: signed in, /login?next=<path that normalises to //host> → 307 to / (not the foreign host)", async ({ playwright }) => {
    const request = await contextFor(playwright, "agent");
    for (const next of FOREIGN) {
      const response = await request.get(`/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect(response.status(), next).toBe(307);
      expect(response.headers().location, next).toBe("/");
    }
    await request.dispose();
  });

  test("[AUTH][REDIRECT]: signing in through /login?next=/.//127.0.0.1:4399/x lands on this site", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("127.0.0.1:4399")) foreign.push(request.url());
    });
    await page.goto(`/login?next=${encodeURIComponent("/.//127.0.0.1:4399/x")}`);
    await page.getByLabel(/邮箱|Email/).fill(DEMO_EMAIL.agent);
    await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
    await expect(page).not.toHaveURL(/\/login/);
    expect(new URL(page.url()).origin).toBe(APP_URL);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

test("[AUTH][XFF]: rotating forged X-Forwarded-For headers meet the per-IP sign-in limit (429)", async ({ playwright }) => {
  test.setTimeout(120_000);
  const dir = `${DATA_DIR}-xff`;
  rmSync(dir, { recursive: true, force: true });
  // An app of its own with a low limit (the suite's app allows 1000 a minute); TRUSTED_PROXY_HOPS unset.
  const app = startApp(APP_PORT + 103, `${dir}/pglite`, { AUTH_SIGN_IN_LIMIT: "3" });
  const request = await playwright.request.newContext();
  try {
    await waitUntilServing(app, request);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await request.post(`${app.url}/api/auth/sign-in/email`, {
        // A new address per attempt (no per-address lockout), a new forged client address too.
        data: { email: `forger${attempt}@demo.local`, password: "wrong-password" },
        headers: { Origin: app.url, "X-Forwarded-For": `203.0.113.${attempt + 1}`, "X-Console-Client-Ip": `198.51.100.${attempt + 1}` },
      });
      statuses.push(response.status());
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  } finally {
    await request.dispose();
    await stopGracefully(app);
    rmSync(dir, { recursive: true, force: true });
  }
});
