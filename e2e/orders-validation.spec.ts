// Input the rules refuse never leaves the browser: each case shows its field error (focused, and
// marked aria-invalid), opens no confirmation, and the sandbox's log holds no modify or complete
// for the order — only the page's own queries.
import type { Page } from "@playwright/test";
import { chooseReason, confirmDialog, demoOrder, expect, openOrder, reviewButton, test, trailRows, type DemoOrder } from "./support/orders";
import type { SandboxControl } from "./support/env";

async function expectNothingSent(page: Page, sandbox: SandboxControl, order: DemoOrder, kind: "modify" | "complete" = "modify"): Promise<void> {
  await expect(confirmDialog(page, kind)).toHaveCount(0);
  await expect(trailRows(page)).toHaveCount(0);
  expect(await sandbox.writes(order.no)).toEqual([]);
  // The page did talk to the sandbox (its order query), so the log is live — it just holds no write.
  expect((await sandbox.requests({ out_order_no: order.no })).length).toBeGreaterThan(0);
}

test("[ORDERS][MODIFY][INVALID]: an amount with a third decimal is a field error, focused, and nothing is sent", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-M-HOTEL-PAYING-2");
  await openOrder(page, order);
  // A required group offers no remove button; an optional one does.
  await expect(page.getByRole("button", { name: "删除 酒店房费" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "删除 其他杂费" })).toBeVisible();

  const amount = page.getByLabel("酒店房费 金额（元）");
  await amount.fill("800.125");
  await chooseReason(page, "billing_error", "房费重新计算");
  await expect(page.getByTestId("new-total")).toHaveText("—");
  await reviewButton(page, "modify").click();

  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAccessibleDescription("金额最多两位小数");
  await expect(amount).toBeFocused();
  await expectNothingSent(page, sandbox, order);
});

test("[ORDERS][MODIFY][INVALID]: a total over the risk fund is refused before sending, with the fund named", async ({ page, sandbox }) => {
  // 汽车充电桩: the lines carry no amounts, the agent types the total; the risk fund is ¥300.00.
  const order = demoOrder("DEMO-P-CARCHG-PAYING-1");
  await openOrder(page, order);
  const total = page.getByLabel("总金额（元）");
  await total.fill("350.00");
  await chooseReason(page, "billing_error", "按实际电量计费");
  await expect(page.getByTestId("live-problems")).toContainText("不能超过服务风险金 ¥300.00");
  await reviewButton(page, "modify").click();

  await expect(total).toHaveAttribute("aria-invalid", "true");
  await expect(total).toHaveAccessibleDescription(/不能超过服务风险金 ¥300\.00/);
  await expect(total).toBeFocused();
  await expectNothingSent(page, sandbox, order);
});

test("[ORDERS][COMPLETE][INVALID]: completing above the risk fund is refused before sending", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-P-HOTEL-READY-1");
  await openOrder(page, order);
  await expect(page.getByRole("tab", { name: "完结订单" })).toHaveAttribute("aria-selected", "true");
  await page.getByLabel("酒店房费 金额（元）").fill("2500.00");
  await expect(page.getByTestId("new-total")).toHaveText("¥2,500.00");
  await reviewButton(page, "complete").click();

  // A computed total has no input of its own: its error is a focusable note under the total.
  const error = page.getByTestId("complete-form").getByText("不能超过服务风险金 ¥2,000.00", { exact: true });
  await expect(error).toBeVisible();
  await expect(error).toBeFocused();
  await expectNothingSent(page, sandbox, order, "complete");
});

test("[ORDERS][MODIFY][INVALID]: a missing reason (category and text) is a field error each, and nothing is sent", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-I-EBIKE-PAYING-1");
  await openOrder(page, order);
  await page.getByLabel("总金额（元）").fill("3.50");
  await reviewButton(page, "modify").click();

  const category = page.getByLabel("原因类别");
  const text = page.getByLabel("修改原因说明");
  await expect(category).toHaveAttribute("aria-invalid", "true");
  await expect(category).toHaveAccessibleDescription("请选择原因类别");
  await expect(text).toHaveAttribute("aria-invalid", "true");
  await expect(text).toHaveAccessibleDescription(/必填/);
  await expect(category).toBeFocused();
  await expectNothingSent(page, sandbox, order);
});

test("[ORDERS][MODIFY][INVALID]: without any of 汽车租赁's fee lines (a required group) the form refuses, and nothing is sent", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-P-RENTAL-PAYING-2");
  await openOrder(page, order);
  await expect(page.getByText("至少添加以下一项费用。")).toBeVisible();
  await page.getByRole("button", { name: "删除 加油费用" }).click();
  await chooseReason(page, "billing_error", "未加油，不收加油费");
  await expect(page.getByTestId("live-problems")).toContainText("至少需要以下一项：延迟还车费用、加油费用、ETC高速费用、车损费用、折旧费用、停运费用、闯红灯违章");
  await reviewButton(page, "modify").click();

  const form = page.getByTestId("modify-form");
  const error = form.getByText("至少需要 1 项", { exact: true });
  await expect(error).toBeVisible();
  await expect(error).toBeFocused();
  await expectNothingSent(page, sandbox, order);
});
