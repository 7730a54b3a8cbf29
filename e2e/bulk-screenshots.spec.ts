// Screenshots of the bulk pages for a person to look at (not a test of behaviour): run with
//   BULK_SCREENSHOTS=1 npx playwright test e2e/bulk-screenshots.spec.ts
// PNGs go to test-results/bulk-screens/ (1280 px and 768 px wide): /bulk with the list, a 10 000-row
// preview (top and scrolled), awaiting approval (the supervisor's view), running, completed.
// An app and a sandbox of their own; the rate limit out of the way so that the 10 000-row dry run
// (mostly orders the sandbox does not have) ends in a minute or two.
import { mkdirSync, rmSync } from "node:fs";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { APIRequestContext } from "@playwright/test";
import { SYNTHETIC_TARGETS, syntheticBulkCsv } from "../tests/support/bulk-synthetic";
import { measureBulkPreview } from "../scripts/bench/bulk-preview-measure";
import { signInApi, startApp, startSandboxProcess, stopGracefully, waitForSandbox, waitUntilServing, type AppProcess } from "./support/app-process";
import { APP_PORT, DATA_DIR, type E2ERole } from "./support/env";

test.skip(!process.env.BULK_SCREENSHOTS, "screenshots only on demand (BULK_SCREENSHOTS=1)");
test.describe.configure({ mode: "serial" });

const PORT = APP_PORT + 162;
const SANDBOX_PORT = APP_PORT + 1162;
const DIR = `${DATA_DIR}-bulk-screens`;
const OUT = "test-results/bulk-screens";
const WIDTHS = [1280, 768] as const;

let app: AppProcess;
let sandboxProcess: AppProcess;
let control: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  control = await playwright.request.newContext();
  sandboxProcess = startSandboxProcess(SANDBOX_PORT, DIR);
  app = startApp(PORT, `${DIR}/pglite`, { DATA_DIR: DIR, SANDBOX_PORT: String(SANDBOX_PORT), SANDBOX_DEMO_APPROVALS: "on", BULK_RATE_PER_SECOND: "5000", BULK_CONCURRENCY: "16" });
  await waitForSandbox(sandboxProcess, control);
  await waitUntilServing(app, control);
});

test.afterAll(async () => {
  if (app) await stopGracefully(app);
  if (sandboxProcess) await stopGracefully(sandboxProcess);
  await control?.dispose();
});

async function signedIn(browser: Browser, role: E2ERole): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
  await signInApi(context.request, app.url, role);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: app.url }]);
  return context;
}

async function shoot(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 1000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function status(page: Page, value: string, timeout = 60_000) {
  await expect(page.getByTestId("bulk-batch")).toHaveAttribute("data-status", value, { timeout });
}

/** 8 seed hotel orders (one lowered by more than ¥200: needs approval), then 9 992 rows on orders the sandbox does not have. */
function bigFile(): Buffer {
  const seed = syntheticBulkCsv({ rows: 8, orders: "seed", encoding: "utf-8", target: SYNTHETIC_TARGETS.merchantHotel });
  const rest = syntheticBulkCsv({ rows: 9_992, orders: "clones", encoding: "utf-8", firstIndex: 0, target: SYNTHETIC_TARGETS.merchantHotel });
  const restLines = rest.text.split("\r\n").slice(1).join("\r\n");
  const seedText = seed.text.replace(/酒店房费=[0-9.]+(?=[^\r\n]*\r\n$)/, "酒店房费=10.00");
  return Buffer.from(seedText + restLines, "utf8");
}

test("[BULK][SCREENSHOTS]: /bulk, a 10 000-row preview, awaiting approval, running, completed", async ({ browser }) => {
  test.setTimeout(900_000);
  const agent = await signedIn(browser, "agent");
  const page = await agent.newPage();
  await page.goto("/bulk");
  await page.locator('input[type="file"]').setInputFiles({ name: "充电宝-批量减免-10000.csv", mimeType: "text/csv", buffer: bigFile() });
  await expect(page.getByTestId("bulk-file-summary")).toBeVisible({ timeout: 60_000 });
  await shoot(page, "01-upload-checked");
  await page.getByTestId("bulk-file-ok").getByRole("button").first().click();
  await page.waitForURL(/\/bulk\/[0-9a-f-]{36}$/, { timeout: 120_000 });
  const batchUrl = page.url();
  await page.waitForTimeout(3_000);
  await shoot(page, "02-checking");
  await page.goto("/bulk");
  await shoot(page, "03-list");
  await page.goto(batchUrl);
  await status(page, "previewed", 600_000);
  await expect(page.getByTestId("bulk-rows-table")).toHaveAttribute("data-rows", "10000", { timeout: 60_000 });
  await shoot(page, "04-preview-10000");
  // The preview bench's measure on this 10 000-row batch (production build), printed for the report.
  const cookie = (await agent.cookies(app.url)).map((entry) => `${entry.name}=${entry.value}`).join("; ");
  const measure = await measureBulkPreview({ baseUrl: app.url, cookie, batchId: batchUrl.split("/").at(-1) ?? "", expectedRows: 10_000 });
  console.log(`[bulk preview] ${JSON.stringify(measure)}`);
  await page.getByTestId("bulk-rows-scroll").evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  await page.waitForTimeout(500);
  await shoot(page, "05-preview-scrolled");

  await page.getByRole("button", { name: "提交审批", exact: true }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/06-submit-dialog-1280.png` });
  await page.getByRole("dialog").getByRole("button", { name: "确认提交审批", exact: true }).click();
  await status(page, "awaiting_approval");
  await shoot(page, "07-awaiting-maker");

  const supervisor = await signedIn(browser, "supervisor");
  const checker = await supervisor.newPage();
  await checker.goto(batchUrl);
  await status(checker, "awaiting_approval");
  await shoot(checker, "08-awaiting-supervisor");

  // Slow the writes down so that the batch is seen running.
  await control.post(`${sandboxProcess.url}/__sandbox/faults`, { data: { kind: "latency", ops: ["modify"], latencyMs: 6_000, latencyPhase: "before" } });
  await checker.getByRole("button", { name: "批准执行", exact: true }).click();
  await checker.getByRole("dialog").getByRole("button", { name: "确认批准", exact: true }).click();
  await status(checker, "running", 60_000);
  await shoot(checker, "09-running");
  await control.delete(`${sandboxProcess.url}/__sandbox/faults`);
  await status(checker, "completed", 120_000);
  await checker.waitForTimeout(1_000);
  await shoot(checker, "10-completed");
  await agent.close();
  await supervisor.close();
});
