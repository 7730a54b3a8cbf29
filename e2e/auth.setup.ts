// Signs each demo user in once through the real login page and keeps the session as storage
// state, so that tests start signed in (STYLE.md: sign in through a fixture).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { DEMO_EMAIL, DEMO_PASSWORD, ROLES, storageStatePath } from "./support/env";

for (const role of ROLES) {
  setup(`[AUTH]: sign in as the demo ${role}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel(/邮箱|Email/).fill(DEMO_EMAIL[role]);
    await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
    await expect(page).not.toHaveURL(/\/login/);
    mkdirSync(path.dirname(storageStatePath(role)), { recursive: true });
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
