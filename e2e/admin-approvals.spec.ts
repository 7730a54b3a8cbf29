// The admin's approval rules in a real browser: reached from the admin tabs, the one-supervisor
// warning, the editor's errors (no rule at all, a bad amount, bad hours), a sub-merchant's rules saved
// and shown in words in the list and as a history row (who, when, before → after), an edit from the
// list's Edit link, and the removal — each checked again after a reload (what the database holds).
import { expect, test, type Page } from "@playwright/test";
import { actionResultCode, postServerAction } from "./support/actions";
import { storageStatePath } from "./support/env";

test.use({ storageState: storageStatePath("admin") });

const SCOPE = { profileId: "demo-partner", subMchid: "1900001202" };

// Whatever happens above, the browser tests after this one must not find a rule on this sub-merchant.
test.afterAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ storageState: storageStatePath("admin") });
  const answer = await postServerAction(request, "server/actions/approval-policies.ts", "savePolicyAction", [
    { ...SCOPE, enabled: false, maxReductionYuan: "", maxReductionPercent: "", maxCompleteRiskPercent: "", reasonCategories: [], cancelCompleted: false, expiresHours: "" },
  ]);
  expect(actionResultCode(answer.text)).toBe("OK");
  await request.dispose();
});

function historyItems(page: Page) {
  return page.getByRole("region", { name: "修改记录" }).getByRole("listitem");
}

test("[ADMIN][APPROVALS]: an admin sets a sub-merchant's rules, sees them in words and in the history, edits and removes them", async ({ page }) => {
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "管理" }).getByRole("link", { name: "审批规则" }).click();
  await expect(page).toHaveURL(/\/admin\/approvals$/);
  await expect(page.getByRole("heading", { level: 1, name: "审批规则" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "管理" }).getByRole("link", { name: "审批规则" })).toHaveAttribute("aria-current", "page");

  // The browser tests run with the demo's one supervisor.
  await expect(page.getByRole("note")).toHaveText(
    "能审批的主管不足只有一位主管（演示主管）：演示主管自己提交的、需要审批的变更无人能批准。请再添加一位主管。前往用户管理",
  );
  const list = page.getByRole("region", { name: "当前规则" });
  const partner = list.getByRole("article", { name: "演示服务商", exact: true });
  await expect(partner).toContainText("没有审批规则：所有变更直接提交微信支付。");
  await expect(historyItems(page)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "修改记录" })).toContainText("还没有修改记录。");

  const editor = page.getByRole("region", { name: "设置规则" });
  await editor.getByLabel("范围").selectOption("demo-partner|1900001202");
  await expect(page).toHaveURL(/\?scope=demo-partner%7C1900001202$/);
  await expect(editor.getByText("此子商户和它的商户都还没有规则：所有变更直接提交。")).toBeVisible();
  const save = editor.getByRole("button", { name: "保存规则" });
  await save.click();
  await expect(editor.getByText("至少设置一条规则；不需要审批时请移除规则。")).toBeVisible();
  await expect(editor.getByLabel("减免金额超过（元）")).toBeFocused();

  await editor.getByLabel("减免金额超过（元）").fill("12.345");
  await editor.getByLabel("申请有效期（小时）").fill("0");
  await save.click();
  await expect(editor.getByLabel("减免金额超过（元）")).toHaveAttribute("aria-invalid", "true");
  await expect(editor.getByText("金额最多两位小数。")).toBeVisible();
  await expect(editor.getByText("请输入 1–168 之间的整数。")).toBeVisible();
  await expect(editor.getByText("至少设置一条规则；不需要审批时请移除规则。")).toHaveCount(0);

  await editor.getByLabel("减免金额超过（元）").fill("300");
  await editor.getByLabel("减免超过当前金额的（%）").fill("40");
  await editor.getByRole("checkbox", { name: "优惠补偿" }).check();
  await editor.getByRole("checkbox", { name: "取消已完结、待用户支付的订单" }).check();
  await editor.getByLabel("申请有效期（小时）").fill("12");
  await save.click();
  await expect(editor.getByRole("status")).toHaveText("已保存演示服务商 · 满电充电宝的审批规则。");

  const sub = list.getByRole("article", { name: "满电充电宝 1900001202" });
  const expectRules = async (amount: string) => {
    await expect(sub.getByRole("listitem")).toHaveText([`减免超过 ${amount}`, "减免超过当前金额的 40%", "原因类别为「优惠补偿」", "取消已完结、待支付的订单（免收整笔金额）"]);
    await expect(sub).toContainText("申请 12 小时内无人审批即过期，不会提交。");
    await expect(sub).toContainText("演示管理员 修改于");
  };
  await expectRules("¥300.00");
  await expect(partner).toContainText("其余 8 个子商户沿用商户的规则。");
  await expect(historyItems(page)).toHaveCount(1);
  const created = historyItems(page).first();
  await expect(created).toContainText(/^新建规则演示服务商 · 满电充电宝演示管理员 · /);
  await expect(created.getByRole("term")).toHaveText(["减免金额上限", "减免比例上限", "总是需要审批的原因", "取消已完结订单", "申请有效期"]);
  await expect(created.getByRole("definition")).toHaveText(["不限→ 改为 ¥300.00", "不限→ 改为 40%", "无→ 改为 优惠补偿", "不需要审批→ 改为 需要审批", "—→ 改为 12 小时"]);

  // Stored, not just shown: a reload reads it back.
  await page.reload();
  await expectRules("¥300.00");

  await sub.getByRole("link", { name: "编辑 演示服务商 · 满电充电宝 的规则" }).click();
  await expect(editor.getByLabel("范围")).toHaveValue("demo-partner|1900001202");
  await expect(editor.getByText("此范围有自己的规则，下面是它当前的内容。")).toBeVisible();
  await expect(editor.getByLabel("减免金额超过（元）")).toHaveValue("300.00");
  await expect(editor.getByLabel("申请有效期（小时）")).toHaveValue("12");
  await editor.getByLabel("减免金额超过（元）").fill("500");
  await save.click();
  await expect(editor.getByRole("status")).toHaveText("已保存演示服务商 · 满电充电宝的审批规则。");
  await expectRules("¥500.00");
  await expect(historyItems(page)).toHaveCount(2);
  const edited = historyItems(page).first();
  await expect(edited).toContainText(/^修改规则演示服务商 · 满电充电宝演示管理员 · /);
  await expect(edited.getByRole("term")).toHaveText(["减免金额上限"]);
  await expect(edited.getByRole("definition")).toHaveText(["¥300.00→ 改为 ¥500.00"]);

  // Saving the same again records nothing.
  await save.click();
  await expect(editor.getByRole("status")).toHaveText("规则没有变化，未作记录。");
  await expect(historyItems(page)).toHaveCount(2);

  await editor.getByRole("button", { name: "移除规则" }).click();
  await expect(editor.getByRole("status")).toHaveText("已移除演示服务商 · 满电充电宝的审批规则。");
  await expect(sub).toHaveCount(0);
  await expect(editor.getByRole("button", { name: "移除规则" })).toHaveCount(0);
  await page.reload();
  await expect(list.getByRole("article", { name: "满电充电宝 1900001202" })).toHaveCount(0);
  await expect(historyItems(page)).toHaveCount(3);
  const removed = historyItems(page).first();
  await expect(removed).toContainText(/^移除规则演示服务商 · 满电充电宝演示管理员 · /);
  await expect(removed.getByRole("definition")).toHaveText(["¥500.00→ 改为 不限", "40%→ 改为 不限", "优惠补偿→ 改为 无", "需要审批→ 改为 不需要审批", "12 小时→ 改为 —"]);
});
