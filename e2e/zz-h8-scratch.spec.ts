import { test } from "@playwright/test";
import { storageStatePath } from "./support/env";

test.use({ storageState: storageStatePath("agent") });

test("scratch screenshots", async ({ page }) => {
  await page.goto("/orders/demo-merchant/DEMO-M-HOTEL-PAID-1");
  await page.screenshot({ path: "/tmp/h8shots/paid-1280.png", fullPage: true });
  await page.goto("/orders/demo-partner/DEMO-P-RENTAL-PAYING-2?sub=1900001207");
  await page.screenshot({ path: "/tmp/h8shots/rental-1280.png", fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: "/tmp/h8shots/rental-768.png", fullPage: false });
  await page.goto("/orders/demo-institution/DEMO-I-CARCHG-READY-1?sub=1900001306");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("tab", { name: "完结订单" }).click();
  await page.screenshot({ path: "/tmp/h8shots/complete-1280.png", fullPage: true });
  const html = await page.locator("main").innerHTML();
  require("node:fs").writeFileSync("/tmp/h8shots/complete.html", html);
});
