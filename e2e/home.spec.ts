import { expect, test } from "@playwright/test";

test("[HOME]: renders in Chromium with the SANDBOX badge and the three demo identities", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("沙箱 SANDBOX")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "商户身份" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "演示直连商户（酒店）" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "演示服务商" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "演示从业机构" })).toBeVisible();
});

test("[HOME][I18N]: the English switch changes the page text and is remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Merchant identities" })).toBeVisible();
  await expect(page.getByText("SANDBOX", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Merchant identities" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
