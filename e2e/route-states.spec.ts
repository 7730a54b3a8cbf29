// What a route shows while it waits and when it finds nothing: the order page's loading state while
// WeChat Pay is slow to answer (announced, then replaced by the order), the order page's 404 for an
// order WeChat Pay does not have or a merchant identity the console does not know, and the console's
// own 404 for an address no page answers, in both languages.
import { APP_URL } from "./support/env";
import { demoOrder, expect, orderPath, test } from "./support/orders";

test("[SHELL][LOADING]: while WeChat Pay is slow the order page says it is querying, then shows the order", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-M-HOTEL-PAID-1");
  // 6 s (under the client's 10 s timeout): on a loaded machine the shell itself can take seconds to
  // arrive, and both checks must see it before the order replaces it.
  await sandbox.addFault({ kind: "latency", latencyMs: 6_000, out_order_no: order.no, ops: ["query"], once: true });
  await page.goto(orderPath(order), { waitUntil: "commit" });
  const loading = page.getByTestId("page-loading");
  await expect(loading.getByRole("status")).toHaveText("正在向微信支付查询订单…");
  await expect(loading).toHaveAttribute("aria-busy", "true");
  await expect(page.getByRole("heading", { level: 1, name: `订单 ${order.no}` })).toBeVisible();
  await expect(loading).toHaveCount(0);
});

test("[SHELL][NOT-FOUND]: an order WeChat Pay does not have, or an unknown merchant identity, is the order page's 404 with the way back", async ({ page, context }) => {
  for (const path of ["/orders/demo-merchant/NO-SUCH-ORDER-1", "/orders/no-such-profile/DEMO-M-HOTEL-PAID-1"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "找不到订单" }), path).toBeVisible();
    await page.getByRole("link", { name: "返回查找" }).click();
    await expect(page).toHaveURL(`${APP_URL}/orders`);
  }
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: APP_URL }]);
  await page.goto("/orders/demo-merchant/NO-SUCH-ORDER-1");
  await expect(page.getByRole("heading", { level: 1, name: "Order not found" })).toBeVisible();
});

test("[SHELL][NOT-FOUND]: an address no page answers is the console's 404, in the console's frame", async ({ page, context }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: APP_URL }]);
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
