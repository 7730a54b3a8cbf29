// Finding an order by WeChat's order number (query_id, Decision 22): the lookup form's second way in
// opens the order's own page; an unknown number says so; the sandbox saw a query by query_id.
import { expect, test } from "./support/orders";
import { SANDBOX_URL } from "./support/env";

test("[ORDERS][LOOKUP]: by WeChat Pay order number → the order's page; an unknown number is reported", async ({ page, request }) => {
  const record = (await (await request.get(`${SANDBOX_URL}/__sandbox/orders/DEMO-P-HOTEL-PAID-1?mode=partner`)).json()) as { order: { order: { order_id: string } } };
  const orderId = record.order.order.order_id;
  await page.goto("/orders");
  await page.getByLabel("商户身份").selectOption({ label: "演示服务商 · 服务商" });
  await page.getByLabel("子商户").selectOption({ label: "中关村假日酒店 (1900001208)" });
  await page.getByRole("radio", { name: "微信支付单号" }).check();
  await page.getByLabel("微信支付服务订单号").fill(orderId);
  await page.getByRole("button", { name: "打开订单" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "订单 DEMO-P-HOTEL-PAID-1" })).toBeVisible();
  expect(page.url()).toContain("/orders/demo-partner/DEMO-P-HOTEL-PAID-1?sub=1900001208");
  const log = (await (await request.get(`${SANDBOX_URL}/__sandbox/requests?op=query`)).json()) as { requests: { path: string }[] };
  expect(log.requests.some((entry) => entry.path.includes(`query_id=${orderId}`))).toBe(true);

  await page.goto("/orders");
  await page.getByRole("radio", { name: "微信支付单号" }).check();
  await page.getByLabel("微信支付服务订单号").fill("999999999999");
  await page.getByRole("button", { name: "打开订单" }).click();
  await expect(page.getByTestId("find-error")).toHaveText("在 演示直连商户（酒店） 下没有找到微信支付服务订单号为 999999999999 的订单。");
  // A malformed number is refused by the form.
  await page.goto("/orders");
  await page.getByRole("radio", { name: "微信支付单号" }).check();
  await page.getByLabel("微信支付服务订单号").fill("12-34");
  await page.getByRole("button", { name: "打开订单" }).click();
  await expect(page.getByText("微信支付服务订单号只能包含字母和数字，且不超过 32 个字符")).toBeVisible();
});
