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

test("[HOME][LOGIN]: field errors for an empty or malformed form, one message for a wrong email or password", async ({ page }) => {
  await page.goto("/login");
  const submit = page.getByRole("button", { name: "登录", exact: true });
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByText("请输入邮箱。")).toBeVisible();
  await expect(page.getByText("请输入密码。")).toBeVisible();
  await page.getByLabel("邮箱").fill("not-an-email");
  await page.getByLabel("密码", { exact: true }).fill("wrong-password");
  await submit.click();
  await expect(page.getByText("请输入有效的邮箱地址。")).toBeVisible();
  await expect(page.getByText("请输入密码。")).toHaveCount(0);
  await page.getByLabel("邮箱").fill("nobody@demo.local");
  await submit.click();
  await expect(page.getByRole("alert").filter({ hasText: "邮箱或密码不正确。" })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("密码", { exact: true })).toHaveValue("");
});

test("[HOME][LOGIN]: when the form's checks cannot be fetched the network message shows and nothing is sent; then the sign-in goes through", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "登录", exact: true })).toBeEnabled();
  const signIns: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/auth/sign-in")) signIns.push(request.url());
  });
  // The form's schema loads on its first focus or submit, as a script of its own: every script
  // asked for from here on fails, as on a dropped network.
  const scripts = "**/_next/static/chunks/**";
  await page.route(scripts, (route) => route.abort("internetdisconnected"));
  await page.getByLabel("邮箱").fill("agent@demo.local");
  await page.getByLabel("密码", { exact: true }).fill("Payscore-Demo-2026");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "无法连接服务器，请检查网络后重试。" })).toBeVisible();
  expect(signIns).toEqual([]);

  await page.unroute(scripts);
  await page.getByLabel("密码", { exact: true }).fill("Payscore-Demo-2026");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  expect(signIns).toHaveLength(1);
});
