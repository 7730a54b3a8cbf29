// The modify form without a mouse: Tab to each control, type, choose with the arrow keys, submit
// and confirm with Enter; and on an invalid submit the focus lands on the first error on the page.
import type { Locator, Page } from "@playwright/test";
import { demoOrder, expect, identityFields, openOrder, orderCard, test, settledResult } from "./support/orders";

/** Presses Tab until `target` has the focus (as a keyboard user would), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()} in ${max} presses`);
}

test("[ORDERS][MODIFY][KEYBOARD]: a modify is filled, reviewed and confirmed with the keyboard alone", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-M-HOTEL-PAYING-3");
  await openOrder(page, order);
  // The controls are disabled until the page is hydrated, and a disabled control takes no focus.
  await expect(page.getByLabel("酒店房费 金额（元）")).toBeEditable();

  await tabTo(page, page.getByLabel("酒店房费 金额（元）"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("1200.00");
  await tabTo(page, page.getByLabel("原因类别"));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("原因类别")).toHaveValue("user_complaint");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("修改原因说明")).toBeFocused();
  await page.keyboard.type("用户对房费有异议");
  await expect(page.getByTestId("new-total")).toHaveText("¥1,180.00");

  await tabTo(page, page.getByRole("button", { name: "核对并提交修改" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "确认修改订单金额" });
  await expect(dialog.getByTestId("confirm-total")).toHaveText("¥1,180.00");
  await tabTo(page, dialog.getByRole("button", { name: "确认修改", exact: true }), 10);
  await page.keyboard.press("Enter");

  await expect((await settledResult(page)).getByTestId("result-total")).toHaveText("¥1,354.00 → ¥1,180.00");
  await expect(orderCard(page, order.no).getByTestId("order-total")).toHaveText("¥1,180.00");
  const writes = await sandbox.writes(order.no);
  expect(writes).toHaveLength(1);
  expect(writes[0]?.body).toEqual({
    ...identityFields(order),
    post_payments: [{ name: "酒店房费", amount: 120000, description: "豪华大床房3晚" }],
    post_discounts: [{ name: "会员折扣", description: "金卡会员立减20元", amount: 2000, count: 1 }],
    total_amount: 118000,
    reason: "用户投诉：用户对房费有异议",
  });
});

test("[ORDERS][MODIFY][KEYBOARD]: Enter on an invalid form moves the focus to the first error, in page order", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-M-HOTEL-PAYING-4");
  await openOrder(page, order);
  const amount = page.getByLabel("酒店房费 金额（元）");
  const category = page.getByLabel("原因类别");
  await expect(amount).toBeEditable();

  await tabTo(page, amount);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("100.555");
  await page.keyboard.press("Enter");
  // Two problems (the amount and the missing reason): the amount comes first on the page.
  await expect(amount).toBeFocused();
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(category).toHaveAttribute("aria-invalid", "true");

  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("1500.00");
  await page.keyboard.press("Enter");
  await expect(category).toBeFocused();
  await expect(amount).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await sandbox.writes(order.no)).toEqual([]);
});
