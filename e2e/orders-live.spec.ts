// How often an open order page asks WeChat for the order (the sandbox's request log): a page left in
// a hidden tab makes no call at all; a visible one waiting for the user's payment polls only as a
// slow fallback, every 30 s (the payment itself arrives as a notification: orders-lifecycle.spec.ts). The tab is hidden the way a browser hides it: the
// document's visibilityState turns "hidden" and visibilitychange fires, which is what TanStack
// Query's focusManager listens to (headless Chromium keeps background tabs "visible").
import type { Page } from "@playwright/test";
import { demoOrder, expect, openOrder, orderCard, test } from "./support/orders";
import type { SandboxControl } from "./support/env";

// A demo order that waits for the user's payment and no other test changes.
const ORDER = demoOrder("DEMO-P-BIKE-PAYING-1");
const MINUTE = 60_000;

async function queries(sandbox: SandboxControl): Promise<number> {
  return (await sandbox.requests({ out_order_no: ORDER.no, op: "query" })).length;
}

async function setVisibility(page: Page, state: "visible" | "hidden"): Promise<void> {
  await page.evaluate((next) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => next });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => next === "hidden" });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  }, state);
}

test("[ORDERS][LIVE]: a hidden tab makes 0 WeChat queries a minute; visible again, it reads once and polls on", async ({ page, sandbox }) => {
  test.setTimeout(3 * MINUTE);
  await openOrder(page, ORDER);
  await expect(page.getByText("等待用户支付：用户支付后此页自动更新")).toBeVisible();
  await setVisibility(page, "hidden");
  const atHide = await queries(sandbox);
  await page.waitForTimeout(MINUTE);
  expect(await queries(sandbox)).toBe(atHide);

  // Back in view: the snapshot is older than 10 s, so it is read at once, then every 30 s.
  await setVisibility(page, "visible");
  await expect.poll(() => queries(sandbox), { timeout: 3_000 }).toBe(atHide + 1);
  await page.waitForTimeout(25_000);
  expect(await queries(sandbox)).toBe(atHide + 1);
  await expect.poll(() => queries(sandbox), { timeout: 8_000 }).toBe(atHide + 2);
  await expect(orderCard(page, ORDER.no)).toBeVisible();
});

test("[ORDERS][LIVE]: a visible page waiting for payment makes 1–3 WeChat queries a minute (one every 30 s; target ≤ 20)", async ({ page, sandbox }) => {
  test.setTimeout(3 * MINUTE);
  await openOrder(page, ORDER);
  await expect(page.getByText("等待用户支付：用户支付后此页自动更新")).toBeVisible();
  const start = await queries(sandbox);
  await page.waitForTimeout(MINUTE);
  const perMinute = (await queries(sandbox)) - start;
  expect(perMinute).toBeLessThanOrEqual(20);
  // One every 30 s: 2, give or take the one the window's edges cut.
  expect(perMinute).toBeGreaterThanOrEqual(1);
  expect(perMinute).toBeLessThanOrEqual(3);
});
