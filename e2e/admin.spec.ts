// The admin's user forms in a real browser: field errors from the schema (which loads when a form
// is first used), a created account in the list, and a password reset for it.
import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/env";

test.use({ storageState: storageStatePath("admin") });

test("[ADMIN][USERS]: field errors for an empty form; a new account appears in the list; its password is reset", async ({ page }) => {
  await page.goto("/admin/users");
  const create = page.getByRole("region", { name: "新建用户" });
  const submit = create.getByRole("button", { name: "创建用户" });
  await submit.click();
  await expect(create.getByText("请输入邮箱。")).toBeVisible();
  await expect(create.getByText("请输入姓名。")).toBeVisible();
  await expect(create.getByText("密码至少需要 10 个字符。")).toBeVisible();

  const email = `e2e-${Date.now()}@demo.local`;
  await create.getByLabel("邮箱").fill(email);
  await create.getByLabel("姓名").fill("端到端测试客服");
  await create.getByRole("button", { name: "生成密码" }).click();
  await expect(create.getByLabel("初始密码")).toHaveValue(/^[A-Za-z2-9]{16}$/);
  await submit.click();
  await expect(create.getByRole("status")).toHaveText(`已创建用户 ${email}。`);
  await expect(create.getByLabel("邮箱")).toHaveValue("");

  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "重置密码" }).click();
  const dialog = page.getByRole("dialog", { name: "重置 端到端测试客服 的密码" });
  await dialog.getByRole("button", { name: "重置密码" }).click();
  await expect(dialog.getByText("密码至少需要 10 个字符。")).toBeVisible();
  await dialog.getByRole("button", { name: "生成密码" }).click();
  await dialog.getByRole("button", { name: "重置密码" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已重置 ${email} 的密码。`)).toBeVisible();
});
