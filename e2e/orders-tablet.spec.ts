// The order page at tablet width (768 px): the amount summary with its submit button stays in view
// as a bar at the bottom of the screen while the agent works down the form, and a modify goes
// through as it does on a desktop.
import { chooseReason, demoOrder, expect, identityFields, openOrder, reviewAndConfirm, reviewButton, settledResult, test } from "./support/orders";
import { storageStatePath } from "./support/env";

test.use({ viewport: { width: 768, height: 1024 } });

test("[ORDERS][MODIFY][TABLET]: at 768 px the summary bar stays in view and a modify goes through", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-P-EBIKE-PAYING-2");
  await openOrder(page, order);
  // No horizontal scrolling at tablet width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);

  await page.getByLabel("使用时长 说明").fill("3小时50分");
  await page.getByLabel("总金额（元）").fill("4.50");
  await chooseReason(page, "device_fault", "充电桩断电，按实际时长计费");
  // The reason is far down the form, yet the totals and the submit button are on screen.
  await expect(page.getByLabel("修改原因说明")).toBeInViewport();
  await expect(page.getByTestId("new-total")).toBeInViewport();
  await expect(reviewButton(page, "modify")).toBeInViewport();
  await expect(page.getByTestId("total-delta")).toHaveText("-¥0.50");

  await reviewAndConfirm(page, "modify", "¥4.50");
  await expect((await settledResult(page)).getByTestId("result-total")).toHaveText("¥5.00 → ¥4.50");
  const writes = await sandbox.writes(order.no);
  expect(writes).toHaveLength(1);
  expect(writes[0]?.body).toEqual({
    ...identityFields(order),
    post_payments: [
      { name: "收费标准", description: "1元/1小时" },
      { name: "使用时长", description: "3小时50分" },
    ],
    total_amount: 450,
    reason: "设备故障：充电桩断电，按实际时长计费",
  });
});

test("[ORDERS][LOOK]: screenshots of the order page at 1280 and 768 px", async ({ browser }) => {
  test.skip(!process.env.ORDER_SCREENSHOTS, "set ORDER_SCREENSHOTS=1 to take them");
  for (const width of [1280, 768]) {
    const context = await browser.newContext({ storageState: storageStatePath("agent"), viewport: { width, height: 900 } });
    const page = await context.newPage();
    await openOrder(page, demoOrder("DEMO-M-HOTEL-PAYING-2"));
    // The page as an agent meets it: hydrated, so the form is enabled.
    await expect(reviewButton(page, "modify")).toBeEnabled();
    await page.screenshot({ path: `test-results/order-screens/order-${width}.png`, fullPage: true });
    await context.close();
  }
});
