// The database lost while the console runs (PostgreSQL): a console process of its own on a database
// made for this test, which is then dropped (its connections are ended with it). Pages then show
// a page that says the database is unavailable (both languages), the order API and the CSV export
// answer 503 SERVICE_UNAVAILABLE, server actions return SERVICE_UNAVAILABLE and the open order form
// shows it; no stack and no SQL parameter reaches the browser or the log.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Client } from "pg";
import { actionResultCode, postServerAction } from "./support/actions";
import { signInApi, startApp, stopGracefully, waitUntilServing, type AppProcess } from "./support/app-process";
import { APP_PORT, DATA_DIR } from "./support/env";

const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const PORT = APP_PORT + 131;
const ORDER = "DEMO-M-HOTEL-PAYING-5";
const UNAVAILABLE = { ok: false, error: { code: "SERVICE_UNAVAILABLE" } };

test.describe.configure({ mode: "serial" });

async function adminQuery(text: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function postgresAnswers(): Promise<boolean> {
  return adminQuery("select 1").then(
    () => true,
    () => false,
  );
}

test("[DB][LOST]: the database dropped under a running console → 503 JSON, SERVICE_UNAVAILABLE actions and form message, a database-unavailable page in both languages", async ({
  playwright,
  browser,
}) => {
  test.setTimeout(180_000);
  const reachable = await postgresAnswers();
  if (!reachable && process.env.CI) throw new Error(`PostgreSQL (${ADMIN_URL}) is required on CI`);
  test.skip(!reachable, `PostgreSQL (${ADMIN_URL}) is not reachable`);

  const name = `payscore_e2e_lost_${process.pid}_${randomBytes(3).toString("hex")}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let app: AppProcess | undefined;
  const contexts: APIRequestContext[] = [];
  try {
    app = startApp(PORT, `${DATA_DIR}-lost/unused`, { DATABASE_URL: url.toString() });
    const agent = await playwright.request.newContext();
    const supervisor = await playwright.request.newContext();
    contexts.push(agent, supervisor);
    await waitUntilServing(app, agent);
    await signInApi(agent, app.url, "agent");
    await signInApi(supervisor, app.url, "supervisor");

    // Working before: the order API, and the order page in a browser with the agent's session.
    expect((await agent.get(`${app.url}/api/orders/demo-merchant/${ORDER}`)).status()).toBe(200);
    const context = await browser.newContext({ storageState: await agent.storageState(), baseURL: app.url });
    const page = await context.newPage();
    await page.goto(`/orders/demo-merchant/${ORDER}`);
    await expect(page.getByRole("heading", { level: 1, name: `订单 ${ORDER}` })).toBeVisible();

    await adminQuery(`drop database "${name}" with (force)`);

    // The open form: its action answers SERVICE_UNAVAILABLE and the form says so; nothing is sent.
    await page.getByLabel("酒店房费 金额（元）").fill("1.00");
    await page.getByLabel("原因类别").selectOption("billing_error");
    await page.getByLabel("修改原因说明").fill("数据库断开测试");
    await page.getByRole("button", { name: "核对并提交修改" }).click();
    const dialog = page.getByRole("dialog", { name: "确认修改订单金额" });
    await dialog.getByRole("button", { name: "确认修改", exact: true }).click();
    const error = page.getByTestId("operation-error");
    await expect(error).toHaveAttribute("data-code", "SERVICE_UNAVAILABLE");
    await expect(error).toContainText("控制台的数据库暂时不可用");

    // Route handlers: 503 with the code.
    const api = await agent.get(`${app.url}/api/orders/demo-merchant/${ORDER}`);
    expect(api.status()).toBe(503);
    expect(await api.json()).toEqual(UNAVAILABLE);
    const exported = await supervisor.get(`${app.url}/api/review/export`);
    expect(exported.status()).toBe(503);
    expect(await exported.json()).toEqual(UNAVAILABLE);

    // A server action posted directly.
    const action = await postServerAction(supervisor, "server/actions/review.ts", "markReviewedAction", [{ trailIds: ["00000000-0000-4000-8000-000000000000"] }], { baseUrl: app.url, path: "/review" });
    expect(actionResultCode(action.text)).toBe("SERVICE_UNAVAILABLE");

    // Pages: a page that says what is wrong, in the chosen language, without a stack.
    for (const [locale, heading, body] of [
      ["zh-CN", "数据库暂时不可用", "控制台现在无法连接它的数据库"],
      ["en", "Database unavailable", "The console cannot reach its database right now"],
    ] as const) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: app.url }]);
      for (const path of ["/orders", `/orders/demo-merchant/${ORDER}`, "/review"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(500);
        await expect(page.getByRole("heading", { level: 1, name: heading }), path).toBeVisible();
        await expect(page.getByRole("alert").filter({ hasText: body }), path).toBeVisible();
        const html = await page.content();
        // Neither the error's name or code nor a stack frame ("at fn (file.js:1:2)").
        expect(html, path).not.toMatch(/DbError|3D000|57P01|\bat [^\s"]+ \([^)]*:\d+:\d+\)/);
      }
    }
    await context.close();

    expect(app.output()).not.toContain("params:");
    expect(app.output()).not.toContain("数据库断开测试");
  } finally {
    if (app) await stopGracefully(app);
    for (const context of contexts) await context.dispose();
    await adminQuery(`drop database if exists "${name}" with (force)`).catch(() => undefined);
  }
});
