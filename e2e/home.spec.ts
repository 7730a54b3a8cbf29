import { expect, test } from "@playwright/test";

test("[HOME]: a signed-out visitor lands on the login page, with the SANDBOX badge and the demo accounts", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("沙箱 SANDBOX")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "登录支付分控制台" })).toBeVisible();
  await expect(page.getByText("agent@demo.local")).toBeVisible();
  await expect(page.getByText("Payscore-Demo-2026")).toBeVisible();
});

test("[HOME][I18N]: the English switch changes the page text and is remembered", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Payscore Console" })).toBeVisible();
  await expect(page.getByText("SANDBOX", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "简体中文" })).toBeVisible();
});
