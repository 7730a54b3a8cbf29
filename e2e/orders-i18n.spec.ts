// The language switch on the order page: English replaces the page's text — headings, state
// explanation, form labels, buttons and field errors — and 简体中文 brings it back.
import { demoOrder, expect, openOrder, orderCard, test } from "./support/orders";

test("[ORDERS][I18N]: the English switch changes the order page's text, field errors included", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-P-POWERBANK-PAYING-2");
  await openOrder(page, order);
  await expect(page.getByRole("heading", { name: "修改订单金额" })).toBeVisible();
  await expect(orderCard(page, order.no).getByTestId("risk-fund-name")).toHaveText("预估订单费用");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: `Order ${order.no}` })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Amend amount" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Change the order amount" })).toBeVisible();
  await expect(orderCard(page, order.no)).toHaveCount(0);
  const card = page.getByRole("article", { name: `Order ${order.no}` });
  await expect(card.getByTestId("state-explanation")).toHaveText("The merchant completed the order; waiting for the user to pay. The amount may still be lowered.");
  await expect(card.getByText("Awaiting payment USER_PAYING")).toBeVisible();
  // The risk fund's type in words; its API name stays in the title.
  await expect(card.getByTestId("risk-fund-name")).toHaveText("Estimated order cost");
  await expect(card.getByTestId("risk-fund-name")).toHaveAttribute("title", "ESTIMATE_ORDER_COST");
  await expect(page.getByText("修改订单金额")).toHaveCount(0);

  const total = page.getByLabel("Total (CNY)");
  await total.fill("8.999");
  await page.getByRole("button", { name: "Review and change" }).click();
  await expect(total).toHaveAccessibleDescription(/At most two decimal places/);
  await expect(page.getByLabel("Reason category")).toHaveAccessibleDescription("Choose a reason category");
  expect(await sandbox.writes(order.no)).toEqual([]);

  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: `订单 ${order.no}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "修改订单金额" })).toBeVisible();
});
