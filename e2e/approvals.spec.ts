// Four-eyes approval in the browser, against the production build: an app process of its own with the
// sandbox's demo policy on (reductions over ¥200 or over 50 % wait for a supervisor) and its own
// database and its own sandbox (the demo orders it lowers are ones other specs open too). The agent's requests are direct server-action POSTs (as the
// agent's browser sends them); the supervisor decides in /approvals, in Chinese and in English, in
// a browser context of their own; the agent sees the outcome in theirs. The sandbox's request log is
// the arbiter of what was sent.
import { rmSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { IndustryId } from "@/lib/industries";
import type { OrderSnapshotResult } from "@/lib/orders/snapshot";
import { parseCsv } from "@/lib/review/csv";
import { lowerFirstLine } from "../tests/support/order-inputs";
import { actionResultCode, postServerAction } from "./support/actions";
import { signInApi, startApp, startSandboxProcess, stopGracefully, waitForSandbox, waitUntilServing, type AppProcess } from "./support/app-process";
import { APP_PORT, DATA_DIR, SandboxControl, type E2ERole } from "./support/env";
import { demoOrder, orderPath, type DemoOrder } from "./support/orders";

test.describe.configure({ mode: "serial" });

const PORT = APP_PORT + 141;
const SANDBOX_PORT = APP_PORT + 1141;
const DIR = `${DATA_DIR}-approvals`;
type Lang = "zh-CN" | "en";

// Demo orders, one per scenario, on this spec's own sandbox. Lowering the first line by
// `lowerBy` takes more than 50 % off each (9 999 → 3 999, 8 555 → 3 555, 2 100 → 1 000, 9 000 → 4 400).
interface Scenario {
  order: DemoOrder;
  industry: IndustryId;
  lowerBy: number;
}
const scenario = (no: string, industry: IndustryId, lowerBy: number): Scenario => ({ order: demoOrder(no), industry, lowerBy });
const APPROVE: Record<Lang, Scenario> = {
  "zh-CN": scenario("DEMO-P-RENTAL-PAYING-2", "car_rental", 6_000),
  en: scenario("DEMO-I-RENTAL-PAYING-2", "car_rental", 6_000),
};
const REJECT: Record<Lang, Scenario> = {
  "zh-CN": scenario("DEMO-P-RENTAL-PAYING-4", "car_rental", 5_000),
  en: scenario("DEMO-I-RENTAL-PAYING-4", "car_rental", 5_000),
};
const STALE = scenario("DEMO-P-EXPRESS-PAYING-3", "express", 1_100);
const DOUBLE = scenario("DEMO-I-EXPRESS-PAYING-3", "express", 1_100);
const OWN = scenario("DEMO-P-GENERIC-PAYING-2", "generic", 4_600);

const ACTIONS = "server/actions/approvals.ts";

let app: AppProcess;
let sandbox: SandboxControl;
let ownSandbox: AppProcess;
let control: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  rmSync(DIR, { recursive: true, force: true });
  control = await playwright.request.newContext();
  ownSandbox = startSandboxProcess(SANDBOX_PORT, DIR);
  sandbox = new SandboxControl(control, ownSandbox.url);
  await waitForSandbox(ownSandbox, control);
  app = startApp(PORT, `${DIR}/pglite`, { SANDBOX_DEMO_APPROVALS: "on", DATA_DIR: DIR, SANDBOX_PORT: String(SANDBOX_PORT) });
  await waitUntilServing(app, control);
});

test.afterAll(async () => {
  if (app) await stopGracefully(app);
  if (ownSandbox) await stopGracefully(ownSandbox);
  await control?.dispose();
});

/** A browser context of this app, signed in as `role`, speaking `lang`. */
async function signedIn(browser: Browser, role: E2ERole, lang: Lang): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
  await signInApi(context.request, app.url, role);
  await context.addCookies([{ name: "NEXT_LOCALE", value: lang, url: app.url }]);
  return context;
}

/** The modify the order page would send, lowering the first line: answered awaiting_approval. Returns the request's trail id. */
async function requestChange(request: APIRequestContext, { order, industry, lowerBy }: Scenario): Promise<string> {
  const query = order.sub ? `?sub=${order.sub}` : "";
  const snapshot = (await (await request.get(`${app.url}/api/orders/${order.profileId}/${order.no}${query}`)).json()) as OrderSnapshotResult;
  if (!snapshot.ok) throw new Error(`query ${order.no}: ${JSON.stringify(snapshot.error)}`);
  const input = lowerFirstLine({ mode: order.mode, subMchid: order.sub, industry }, order.no, snapshot.snapshot.order, { lowerByFen: lowerBy, reasonText: "设备故障，减免大部分费用" });
  const answer = await postServerAction(request, "server/actions/orders.ts", "modifyOrderAction", [input], { baseUrl: app.url });
  expect(actionResultCode(answer.text), answer.text.slice(0, 300)).toBe("OK");
  expect(answer.text).toContain('"status":"awaiting_approval"');
  const trailId = /"trailId":"([0-9a-f-]{36})"/.exec(answer.text)?.[1];
  if (!trailId) throw new Error(`no trail id in ${answer.text.slice(0, 300)}`);
  return trailId;
}

async function decide(request: APIRequestContext, name: string, args: Record<string, unknown>): Promise<string> {
  const answer = await postServerAction(request, ACTIONS, name, [args], { baseUrl: app.url });
  expect(answer.status).toBe(200);
  return answer.text;
}

function nav(page: Page) {
  return page.getByRole("navigation", { name: /主导航|Main/ });
}

/** Approve on an open request page: the button, then the confirmation. */
async function approveOn(page: Page, lang: Lang): Promise<void> {
  await page.getByRole("button", { name: lang === "en" ? "Approve and send" : "批准并发送" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: lang === "en" ? "Approve" : "确认批准", exact: true }).click();
}

for (const lang of ["zh-CN", "en"] as const) {
  test(`[APPROVALS][${lang}]: agent requests a large reduction → supervisor approves in the queue → one call; the order card shows the new total`, async ({ browser }) => {
    const { order } = APPROVE[lang];
    const en = lang === "en";
    const agent = await signedIn(browser, "agent", lang);
    const supervisor = await signedIn(browser, "supervisor", lang);
    const trailId = await requestChange(agent.request, APPROVE[lang]);
    expect(await sandbox.writes(order.no)).toEqual([]);
    // The maker's badge: their request waits.
    const agentPage = await agent.newPage();
    await agentPage.goto("/review");
    await expect(nav(agentPage).getByTestId("nav-own-waiting")).toHaveText(en ? "1 awaiting approval" : "审批中 1");

    const page = await supervisor.newPage();
    await page.goto("/approvals");
    await expect(page.getByRole("heading", { level: 1, name: en ? "Approval requests" : "审批请求" })).toBeVisible();
    await expect(nav(page).getByRole("link", { name: en ? /Approvals/ : /审批/ })).toHaveAttribute("aria-current", "page");
    await expect(nav(page).getByTestId("nav-to-decide")).toHaveText(en ? "1 to decide" : "待审批 1");
    const row = page.getByTestId("approval-row").filter({ hasText: order.no });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("演示客服");
    await expect(row.getByTestId("approval-rules").getByRole("listitem")).toHaveText([en ? "Takes 60.1 % off (limit 50 %)" : "减免 60.1%，超过上限 50%"]);
    await row.getByRole("link", { name: en ? `Decide ${order.no}` : `审批 ${order.no}` }).click();

    await expect(page).toHaveURL(new RegExp(`/approvals/${trailId}$`));
    await expect(page.getByRole("heading", { level: 1, name: en ? `Approval request ${order.no}` : `审批请求 ${order.no}` })).toBeVisible();
    await expect(page.getByTestId("approval-totals")).toHaveText("¥99.99 → ¥39.99 (-¥60.00)");
    const line = page.getByTestId("line-diff-payments").getByRole("row", { name: /加油费用/ });
    await expect(line).toHaveAttribute("data-change", "changed");
    await expect(line).toContainText("¥99.99");
    await expect(line).toContainText("¥39.99");
    const now = page.getByTestId("approval-order-now");
    await expect(now.getByTestId("approval-order-total")).toHaveText("¥99.99");
    await expect(now).toContainText(en ? "The order has not changed since the request was made." : "订单自请求提交后没有变化。");
    await expect(page.getByTestId("approval-history-recent")).toHaveText(
      en ? "Last 30 days: 0 changes, ¥0.00 reduced in total by those that went through, 0 flagged, 0 not approved." : "近 30 天：0 次变更，成功减免合计 ¥0.00，被标记 0 次，审批未通过 0 次。",
    );

    await approveOn(page, lang);
    await expect(page.getByRole("dialog").getByTestId("approval-confirm-total")).toHaveCount(0);
    const answer = page.getByTestId("approval-answer");
    await expect(answer).toHaveAttribute("data-answer", "approved");
    await expect(answer).toContainText(en ? "Order total ¥99.99 → ¥39.99 (-¥60.00)." : "订单总金额 ¥99.99 → ¥39.99（-¥60.00）。");
    // The order's own query holds the confirmed order; the page, read again, the outcome.
    await expect(now.getByTestId("approval-order-total")).toHaveText("¥39.99");
    await expect(page.getByTestId("approval-decision")).toContainText(en ? "Approved and sent" : "已批准，修改已发送");
    await expect(nav(page).getByTestId("nav-to-decide")).toHaveCount(0);

    const writes = await sandbox.writes(order.no);
    expect(writes.map((entry) => [entry.op, entry.status, (entry.body as { total_amount?: number }).total_amount])).toEqual([["modify", 204, 3_999]]);

    // The agent's side: the order card shows the new total; "my changes" names the checker.
    await agentPage.goto(orderPath(order));
    await expect(agentPage.getByTestId("order-total")).toHaveText("¥39.99");
    await agentPage.goto(`/review?row=${trailId}`);
    const approval = agentPage.getByTestId("review-approval");
    await expect(approval.getByTestId("approval-decided-by")).toHaveText("演示主管");
    await expect(approval).toContainText(en ? "Approved" : "已批准");
    await agent.close();
    await supervisor.close();
  });
}

for (const lang of ["zh-CN", "en"] as const) {
  test(`[APPROVALS][${lang}]: request → reject with a comment (required) → nothing sent; the agent sees the comment and the badge`, async ({ browser }) => {
    const { order } = REJECT[lang];
    const en = lang === "en";
    const comment = en ? "Not enough evidence of the fault" : "故障依据不足，请补充照片";
    const agent = await signedIn(browser, "agent", lang);
    const supervisor = await signedIn(browser, "supervisor", lang);
    const trailId = await requestChange(agent.request, REJECT[lang]);

    const page = await supervisor.newPage();
    await page.goto(`/approvals/${trailId}`);
    // The maker's history on this sub-merchant holds the change approved in the test before.
    await expect(page.getByTestId("approval-history-recent")).toHaveText(
      en ? "Last 30 days: 1 change, ¥60.00 reduced in total by those that went through, 0 flagged, 0 not approved." : "近 30 天：1 次变更，成功减免合计 ¥60.00，被标记 0 次，审批未通过 0 次。",
    );
    await expect(page.getByTestId("approval-history-row")).toHaveCount(1);
    await expect(page.getByTestId("approval-history-row")).toContainText(APPROVE[lang].order.no);

    await page.getByRole("button", { name: en ? "Reject" : "驳回", exact: true }).click();
    const form = page.getByRole("form", { name: en ? "Reject" : "驳回" });
    await form.getByRole("button", { name: en ? "Reject the request" : "提交驳回" }).click();
    await expect(form.getByText(en ? "Write why the request is rejected" : "请填写驳回意见")).toBeVisible();
    await form.getByRole("textbox").fill(comment);
    await form.getByRole("button", { name: en ? "Reject the request" : "提交驳回" }).click();
    await expect(page.getByTestId("approval-answer")).toHaveAttribute("data-answer", "rejected");
    expect(await sandbox.writes(order.no)).toEqual([]);

    const agentPage = await agent.newPage();
    await agentPage.goto("/review");
    await expect(nav(agentPage).getByTestId("nav-own-declined")).toHaveText(en ? "2 declined" : "未通过 1");
    await agentPage.goto(`/review?row=${trailId}`);
    const approval = agentPage.getByTestId("review-approval");
    await expect(approval).toContainText(en ? "Rejected" : "已驳回");
    await expect(approval.getByTestId("approval-decided-by")).toHaveText("演示主管");
    await expect(approval.getByTestId("approval-decided-comment")).toHaveText(comment);
    // And on the order page: the trail row says who rejected it and why; the order is free again.
    await agentPage.goto(orderPath(order));
    const rejected = agentPage.getByTestId("trail-row").filter({ has: agentPage.getByTestId("trail-approval") }).first();
    await expect(rejected).toHaveAttribute("data-status", "rejected");
    await expect(rejected.getByTestId("trail-approval")).toHaveText(en ? `Rejected by 演示主管: ${comment}` : `演示主管 驳回：${comment}`);
    await expect(agentPage.getByTestId("awaiting-approval")).toHaveCount(0);

    // The export's approval columns, in the supervisor's language.
    const csv = parseCsv(await (await supervisor.request.get(`${app.url}/api/review/export?status=rejected&q=${order.no}`)).text());
    const header = csv[0] ?? [];
    const cells = (name: string) => csv.slice(1).map((line) => line[header.indexOf(name)]);
    expect(csv).toHaveLength(2);
    expect(cells(en ? "Approval" : "审批结果")).toEqual([en ? "Rejected" : "已驳回"]);
    expect(cells(en ? "Approver" : "审批人")).toEqual(["演示主管"]);
    expect(cells(en ? "Rejection comment" : "驳回意见")).toEqual([comment]);
    expect(cells(en ? "Decided at (Beijing)" : "审批时间（北京时间）")[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(cells(en ? "Waited for approval (minutes)" : "等待审批（分钟）")[0]).toMatch(/^\d+\.\d$/);
    await agent.close();
    await supervisor.close();
  });
}

test("[APPROVALS][zh-CN]: the user pays while the request waits → approving finds it stale, nothing is sent, and says what changed", async ({ browser }) => {
  const { order } = STALE;
  const agent = await signedIn(browser, "agent", "zh-CN");
  const supervisor = await signedIn(browser, "supervisor", "zh-CN");
  const trailId = await requestChange(agent.request, STALE);
  const page = await supervisor.newPage();
  await page.goto(`/approvals/${trailId}`);
  await expect(page.getByTestId("approval-order-now")).toContainText("订单自请求提交后没有变化。");

  await sandbox.orderAction(order.no, "pay", { mode: order.mode, sub_mchid: order.sub });
  await page.getByRole("button", { name: "重新查询" }).click();
  const changed = page.getByTestId("approval-order-changed");
  await expect(changed.getByRole("listitem")).toHaveText(["订单状态：进行中 / 商户已完结 → 已完成 / 商户已完结", "收款状态：待用户付款 → 用户已付款", "已付金额：¥0.00 → ¥21.00"]);

  await approveOn(page, "zh-CN");
  const answer = page.getByTestId("approval-answer");
  await expect(answer).toHaveAttribute("data-answer", "stale");
  await expect(answer.getByRole("listitem")).toHaveText(["订单状态：进行中 / 商户已完结 → 已完成 / 商户已完结", "收款状态：待用户付款 → 用户已付款", "已付金额：¥0.00 → ¥21.00"]);
  expect(await sandbox.writes(order.no)).toEqual([]);

  const agentPage = await agent.newPage();
  await agentPage.goto(`/review?row=${trailId}`);
  await expect(nav(agentPage).getByTestId("nav-own-declined")).toHaveText("未通过 3");
  await expect(agentPage.getByTestId("review-approval")).toContainText("批准时订单已变化");
  await agent.close();
  await supervisor.close();
});

test("[APPROVALS][en]: two tabs approve the same request at the same moment → one call; the other is told it is already decided", async ({ browser }) => {
  const { order } = DOUBLE;
  const agent = await signedIn(browser, "agent", "en");
  const supervisor = await signedIn(browser, "supervisor", "en");
  const trailId = await requestChange(agent.request, DOUBLE);
  const tabs = [await supervisor.newPage(), await supervisor.newPage()];
  for (const tab of tabs) {
    await tab.goto(`/approvals/${trailId}`);
    await tab.getByRole("button", { name: "Approve and send" }).click();
    await expect(tab.getByRole("dialog")).toBeVisible();
  }
  await Promise.all(tabs.map((tab) => tab.getByRole("dialog").getByRole("button", { name: "Approve", exact: true }).click()));
  const answers = await Promise.all(
    tabs.map(async (tab) => {
      const answer = tab.getByTestId("approval-answer");
      await expect(answer).toBeVisible();
      return { kind: await answer.getAttribute("data-answer"), text: await answer.textContent() };
    }),
  );
  expect(answers.map((answer) => answer.kind).sort()).toEqual(["approved", "refused"]);
  // Told while the first call is on its way, or after it settled.
  expect(["This request was already decided (Pending); nothing was sent.", "This request was already decided (Succeeded); nothing was sent."]).toContain(
    answers.find((answer) => answer.kind === "refused")?.text,
  );
  const writes = await sandbox.writes(order.no);
  expect(writes.map((entry) => [entry.op, (entry.body as { total_amount?: number }).total_amount])).toEqual([["modify", 1_000]]);
  await agent.close();
  await supervisor.close();
});

test("[APPROVALS][zh-CN]: nobody approves their own request — no buttons, the reason said, the direct POSTs refused; agents and admins get no page", async ({ browser }) => {
  const { order } = OWN;
  const supervisor = await signedIn(browser, "supervisor", "zh-CN");
  const agent = await signedIn(browser, "agent", "zh-CN");
  const admin = await signedIn(browser, "admin", "zh-CN");
  const trailId = await requestChange(supervisor.request, OWN);

  const page = await supervisor.newPage();
  await page.goto("/approvals");
  const row = page.getByTestId("approval-row").filter({ hasText: order.no });
  await expect(row.getByTestId("approval-own-row")).toContainText("本人");
  // Their own request is not one to decide; it shows as waiting on their 复核 link.
  await expect(nav(page).getByTestId("nav-to-decide")).toHaveCount(0);
  await expect(nav(page).getByTestId("nav-own-waiting")).toHaveText("审批中 1");
  await row.getByRole("link", { name: `审批 ${order.no}` }).click();
  await expect(page.getByTestId("approval-own")).toHaveText("这是你本人提交的请求：你不能批准或驳回它，须由另一位主管处理。");
  await expect(page.getByRole("button", { name: "批准并发送" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "驳回" })).toHaveCount(0);

  const own = await decide(supervisor.request, "approveRequestAction", { trailId });
  expect(actionResultCode(own)).toBe("FORBIDDEN");
  expect(own).toContain('"reason":"own_request"');
  const ownReject = await decide(supervisor.request, "rejectRequestAction", { trailId, comment: "自己驳回" });
  expect(actionResultCode(ownReject)).toBe("FORBIDDEN");
  expect(ownReject).toContain('"reason":"own_request"');
  expect(actionResultCode(await decide(agent.request, "approveRequestAction", { trailId }))).toBe("FORBIDDEN");
  expect(actionResultCode(await decide(admin.request, "approveRequestAction", { trailId }))).toBe("FORBIDDEN");
  expect(actionResultCode(await decide(admin.request, "rejectRequestAction", { trailId, comment: "管理员驳回" }))).toBe("FORBIDDEN");
  // Pages: the queue and a request are the supervisors'.
  for (const context of [agent, admin]) {
    for (const path of ["/approvals", `/approvals/${trailId}`]) expect((await context.request.get(`${app.url}${path}`, { maxRedirects: 0 })).status()).toBe(403);
  }
  expect(await sandbox.writes(order.no)).toEqual([]);

  await supervisor.close();
  await agent.close();
  await admin.close();
});

test("[APPROVALS][zh-CN]: on the order page the agent is told before submitting, sees the request after, the order is held, and withdrawing frees it — nothing sent", async ({ browser }) => {
  const order = demoOrder("DEMO-P-HOTEL-PAYING-4");
  const agent = await signedIn(browser, "agent", "zh-CN");
  const colleague = await signedIn(browser, "supervisor", "zh-CN");
  try {
    const page = await agent.newPage();
    await page.goto(orderPath(order));
    await page.getByLabel("酒店房费 金额（元）").fill("1.00");
    await page.getByLabel("原因类别").selectOption("device_fault");
    await page.getByLabel("修改原因说明").fill("空调故障，几乎全免");
    const hint = page.getByTestId("approval-hint");
    await expect(hint).toContainText("提交后需要主管审批，审批通过前不会调用微信支付：");
    await page.getByRole("button", { name: "核对并提交修改" }).click();
    const dialog = page.getByRole("dialog", { name: "确认修改订单金额" });
    await expect(dialog).toContainText("需主管审批：确认后提交审批申请，不会调用微信支付");
    await expect(dialog).toContainText("确认后将提交审批申请，不会调用微信支付；主管批准后才会发送这项修改。");
    await expect(dialog).not.toContainText("确认后将立即调用微信支付");
    await dialog.getByRole("button", { name: "提交审批", exact: true }).click();

    const panel = page.getByTestId("operation-result");
    await expect(panel).toHaveAttribute("data-status", "awaiting_approval");
    await expect(panel).toContainText("已提交审批，等待主管审批");
    await expect(page.getByTestId("modify-form")).toHaveCount(0);
    expect(await sandbox.writes(order.no)).toEqual([]);

    // A colleague opening the order sees it held, by whom, without a withdraw button.
    const other = await colleague.newPage();
    await other.goto(orderPath(order));
    const banner = other.getByTestId("awaiting-approval");
    await expect(banner).toContainText("此订单有一项待主管审批的修改");
    await expect(banner).toContainText("演示客服 于");
    await expect(banner.getByRole("button", { name: "撤回申请" })).toHaveCount(0);

    await panel.getByRole("button", { name: "撤回申请" }).click();
    await expect(page.getByLabel("酒店房费 金额（元）")).toBeVisible();
    await expect(page.getByTestId("trail-row").first()).toHaveAttribute("data-status", "withdrawn");
    await other.reload();
    await expect(other.getByTestId("awaiting-approval")).toHaveCount(0);
    expect(await sandbox.writes(order.no)).toEqual([]);
  } finally {
    await agent.close();
    await colleague.close();
  }
});
