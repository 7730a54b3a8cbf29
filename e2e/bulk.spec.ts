// Bulk adjustments in the browser (issue #14), against the production build: an app process and a
// sandbox of their own (own orders, own database; the sandbox's demo four-eyes policy on: a reduction
// over ¥200 or over 50 % waits for a supervisor). Once in Chinese with a GBK file as Excel on Chinese
// Windows saves it, once in English with a UTF-8 file: the agent uploads a file made with the
// synthetic generator plus three rows that will not go through (a paid order, an order that does not
// exist) or need approval → the preview's exact verdicts and totals → 提交审批 → the supervisor, in a
// browser of their own, approves → the progress reaches completed → the results CSV's exact content
// → the sandbox's request log has exactly one write per sendable row and none for the others. And a
// file with an unknown column is refused in the browser with the exact sentence.
import { rmSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import iconv from "iconv-lite";
import { DEMO_POLICY, approvalReasons } from "@/lib/approvals/policy";
import type { BulkBatchRowView } from "@/lib/bulk/types";
import type { TServiceOrder } from "@/lib/payscore/order";
import { bulkResultsCsv } from "@/lib/bulk/csv-out";
import { BULK_COLUMNS } from "@/lib/bulk/row-schema";
import { BULK_FIELDS, type BulkField } from "@/lib/bulk/types";
import { fenToYuanString, formatFen } from "@/lib/money";
import { REASON_LABELS } from "@/lib/orders/reasons";
import { csvLine } from "@/lib/review/csv";
import { SYNTHETIC_TARGETS, syntheticBulkCsv } from "../tests/support/bulk-synthetic";
import { signInApi, startApp, startSandboxProcess, stopGracefully, waitForSandbox, waitUntilServing, type AppProcess } from "./support/app-process";
import { APP_PORT, DATA_DIR, type E2ERole } from "./support/env";

test.describe.configure({ mode: "serial" });

const PORT = APP_PORT + 161;
const SANDBOX_PORT = APP_PORT + 1161;
const DIR = `${DATA_DIR}-bulk`;
type Lang = "zh-CN" | "en";

let app: AppProcess;
let sandboxProcess: AppProcess;
let control: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  rmSync(DIR, { recursive: true, force: true });
  control = await playwright.request.newContext();
  sandboxProcess = startSandboxProcess(SANDBOX_PORT, DIR);
  // One row at a time, so that a batch slowed down upstream is seen running, paused, cancelled.
  app = startApp(PORT, `${DIR}/pglite`, { DATA_DIR: DIR, SANDBOX_PORT: String(SANDBOX_PORT), SANDBOX_DEMO_APPROVALS: "on", BULK_CONCURRENCY: "1" });
  await waitForSandbox(sandboxProcess, control);
  await waitUntilServing(app, control);
});

test.afterAll(async () => {
  if (app) await stopGracefully(app);
  if (sandboxProcess) await stopGracefully(sandboxProcess);
  await control?.dispose();
});

async function signedIn(browser: Browser, role: E2ERole, lang: Lang): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await signInApi(context.request, app.url, role);
  await context.addCookies([{ name: "NEXT_LOCALE", value: lang, url: app.url }]);
  return context;
}

interface SandboxRecord {
  order: TServiceOrder;
}

async function sandboxOrder(outOrderNo: string): Promise<TServiceOrder> {
  const body = (await (await control.get(`${sandboxProcess.url}/__sandbox/orders?out_order_no=${encodeURIComponent(outOrderNo)}`)).json()) as { orders: SandboxRecord[] };
  const record = body.orders[0];
  if (!record) throw new Error(`no sandbox order ${outOrderNo}`);
  return record.order;
}

/** The total once the line `name` is set to `amountFen` (the other lines and the discounts unchanged). */
function totalWithLine(order: TServiceOrder, name: string, amountFen: number): number {
  const payments = (order.post_payments ?? []).reduce((sum, line) => sum + (line.name === name ? amountFen : (line.amount ?? 0)), 0);
  const discounts = (order.post_discounts ?? []).reduce((sum, line) => sum + (line.amount ?? 0), 0);
  return payments - discounts;
}

interface SandboxWrite {
  op: string | null;
  out_order_no: string | null;
  status: number | null;
  requestId: string | null;
}

async function writesTo(outOrderNo: string): Promise<SandboxWrite[]> {
  const body = (await (await control.get(`${sandboxProcess.url}/__sandbox/requests?out_order_no=${encodeURIComponent(outOrderNo)}`)).json()) as { requests: SandboxWrite[] } | SandboxWrite[];
  const all = Array.isArray(body) ? body : body.requests;
  return all.filter((entry) => entry.op !== null && entry.op !== "query");
}

interface Scenario {
  lang: Lang;
  fileLang: "zh" | "en";
  encoding: "gbk" | "utf-8";
  fileName: string;
  /** Seed hotel orders the generator's rows lower (n = first…first+2), and the one lowered by more than ¥200. */
  first: number;
  bigOrder: string;
  text: {
    summary: string;
    encoding: string;
    verdicts: Record<"ok" | "needs_approval" | "wrong_state" | "not_found", string>;
    submit: string;
    confirmSubmit: string;
    approve: string;
    confirmApprove: string;
    completed: string;
    resultsCsv: string;
  };
}

const SCENARIOS: Scenario[] = [
  {
    lang: "zh-CN",
    fileLang: "zh",
    encoding: "gbk",
    fileName: "批量调整-中文.csv",
    first: 1,
    bigOrder: "DEMO-M-HOTEL-PAYING-4",
    text: {
      summary: "6 行订单，没有发现问题",
      encoding: "文件编码：GBK / GB18030（Excel 中文版）",
      verdicts: { ok: "可发送", needs_approval: "需审批", wrong_state: "状态不允许", not_found: "订单不存在" },
      submit: "提交审批",
      confirmSubmit: "确认提交审批",
      approve: "批准执行",
      confirmApprove: "确认批准",
      completed: "批次已完成：成功 4，失败 0，跳过 2。 在审核列表中查看这些修改",
      resultsCsv: "下载结果（CSV）",
    },
  },
  {
    lang: "en",
    fileLang: "en",
    encoding: "utf-8",
    fileName: "bulk-english.csv",
    first: 5,
    bigOrder: "DEMO-M-HOTEL-PAYING-8",
    text: {
      summary: "6 order rows, no problems found",
      encoding: "File encoding: UTF-8",
      verdicts: { ok: "Will be sent", needs_approval: "Needs approval", wrong_state: "State not allowed", not_found: "Order not found" },
      submit: "Submit for approval",
      confirmSubmit: "Submit for approval",
      approve: "Approve",
      confirmApprove: "Approve",
      completed: "The batch is complete: 4 succeeded, 0 failed, 2 skipped. See these changes in the review list",
      resultsCsv: "Download the results (CSV)",
    },
  },
];

interface ExpectedRow {
  line: number;
  outOrderNo: string;
  verdict: "ok" | "needs_approval" | "wrong_state" | "not_found";
  before: number | null;
  after: number | null;
}

/** The generator's three rows on seed orders, then the big reduction, a paid order and a missing one. */
async function buildFile(scenario: Scenario): Promise<{ bytes: Buffer; expected: ExpectedRow[] }> {
  const target = SYNTHETIC_TARGETS.merchantHotel;
  const base = syntheticBulkCsv({ rows: 3, orders: "seed", lang: scenario.fileLang, encoding: "utf-8", target: { ...target, seedOrderNo: (n: number) => target.seedOrderNo(n + scenario.first - 1) } });
  const category = REASON_LABELS.device_fault[scenario.fileLang];
  const row = (outOrderNo: string, lineYuan: string) => {
    const cells: Record<BulkField, string> = {
      profileId: "demo-merchant",
      subMchid: "",
      outOrderNo,
      newTotal: "",
      lineAmounts: `酒店房费=${lineYuan}`,
      reasonCategory: category,
      reasonText: scenario.fileLang === "zh" ? "设备故障，批量减免" : "Device fault, bulk discount",
      internalNote: "",
    };
    return csvLine(BULK_FIELDS.map((field) => cells[field]));
  };
  const text = base.text + row(scenario.bigOrder, "10.00") + row("DEMO-M-HOTEL-PAID-1", "1.00") + row("DEMO-M-HOTEL-NOPE-404", "1.00");
  const bytes = scenario.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
  // The sandbox's demo policy (a reduction over ¥200 or over 50 %) decides which rows wait for a supervisor.
  const sendableRow = (line: number, order: TServiceOrder, lineFen: number): ExpectedRow => {
    const after = totalWithLine(order, "酒店房费", lineFen);
    const reasons = approvalReasons(DEMO_POLICY, { operation: "modify", order, newTotal: after, reasonCategory: "device_fault" });
    return { line, outOrderNo: order.out_order_no, verdict: reasons.length > 0 ? "needs_approval" : "ok", before: order.total_amount ?? null, after };
  };
  const expected: ExpectedRow[] = [];
  for (const order of base.orders) expected.push(sendableRow(order.line, await sandboxOrder(order.outOrderNo), order.newAmountFen));
  expected.push(sendableRow(5, await sandboxOrder(scenario.bigOrder), 1_000));
  const paid = await sandboxOrder("DEMO-M-HOTEL-PAID-1");
  expected.push({ line: 6, outOrderNo: "DEMO-M-HOTEL-PAID-1", verdict: "wrong_state", before: paid.total_amount ?? null, after: totalWithLine(paid, "酒店房费", 100) });
  expected.push({ line: 7, outOrderNo: "DEMO-M-HOTEL-NOPE-404", verdict: "not_found", before: null, after: null });
  return { bytes, expected };
}

async function chooseFile(page: Page, name: string, bytes: Buffer) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: "text/csv", buffer: bytes });
}

async function batchStatus(page: Page, status: string, timeout = 60_000) {
  await expect(page.getByTestId("bulk-batch")).toHaveAttribute("data-status", status, { timeout });
}

for (const scenario of SCENARIOS) {
  test(`[BULK][${scenario.lang}]: upload (${scenario.encoding}) → preview → submit → a supervisor approves → completed → results CSV; one write per sendable row`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { bytes, expected } = await buildFile(scenario);
    const sendable = expected.filter((row) => row.verdict === "ok" || row.verdict === "needs_approval");
    const reduction = sendable.reduce((sum, row) => sum + ((row.before ?? 0) - (row.after ?? 0)), 0);

    const agent = await signedIn(browser, "agent", scenario.lang);
    const page = await agent.newPage();
    await page.goto("/bulk");
    await chooseFile(page, scenario.fileName, bytes);
    await expect(page.getByTestId("bulk-file-summary")).toHaveText(scenario.text.summary);
    await expect(page.getByTestId("bulk-file-encoding")).toHaveText(scenario.text.encoding);
    await page.getByTestId("bulk-file-ok").getByRole("button").first().click();
    await page.waitForURL(/\/bulk\/[0-9a-f-]{36}$/);
    const batchId = page.url().split("/").at(-1) ?? "";
    await batchStatus(page, "previewed");

    // The totals and every row's verdict and amounts.
    const totals = page.getByTestId("bulk-totals");
    await expect(totals.locator('[data-total="rows"] dd')).toHaveText("6");
    await expect(totals.locator('[data-total="sendable"] dd')).toHaveText("4");
    await expect(totals.locator('[data-total="refused"] dd')).toHaveText("2");
    await expect(totals.locator('[data-total="needsApproval"] dd')).toHaveText(String(expected.filter((row) => row.verdict === "needs_approval").length));
    await expect(totals.locator('[data-total="reduction"] dd')).toHaveText(formatFen(reduction));
    const table = page.getByTestId("bulk-rows-table");
    await expect(table).toHaveAttribute("data-rows", "6");
    for (const row of expected) {
      const cells = table.locator(`[role="row"][data-line="${row.line}"] [role="cell"]`);
      await expect(cells.nth(0)).toHaveText(String(row.line));
      await expect(cells.nth(2)).toHaveText(row.outOrderNo);
      await expect(cells.nth(3).locator("[data-verdict]")).toHaveAttribute("data-verdict", row.verdict);
      await expect(cells.nth(3).locator("[data-verdict]")).toHaveText(scenario.text.verdicts[row.verdict]);
      await expect(cells.nth(4)).toHaveText(`${row.before === null ? "—" : formatFen(row.before)} → ${row.after === null ? "—" : formatFen(row.after)}`);
    }
    // Nothing was sent yet.
    for (const row of expected) expect(await writesTo(row.outOrderNo)).toEqual([]);

    await page.getByRole("button", { name: scenario.text.submit, exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: scenario.text.confirmSubmit, exact: true }).click();
    await batchStatus(page, "awaiting_approval");
    await expect(page.getByTestId("bulk-approval-own")).toBeVisible();

    const supervisor = await signedIn(browser, "supervisor", scenario.lang);
    const checker = await supervisor.newPage();
    await checker.goto(`/bulk/${batchId}`);
    await batchStatus(checker, "awaiting_approval");
    await expect(checker.getByTestId("bulk-rows-table")).toHaveAttribute("data-rows", "6");
    await checker.getByRole("button", { name: scenario.text.approve, exact: true }).click();
    await checker.getByRole("dialog").getByRole("button", { name: scenario.text.confirmApprove, exact: true }).click();
    await batchStatus(checker, "completed", 90_000);
    await expect(checker.getByTestId("bulk-outcome")).toHaveText(scenario.text.completed);
    await expect(checker.locator('[data-figure="succeeded"] dd')).toHaveText("4");
    await expect(checker.locator('[data-figure="remaining"] dd')).toHaveText("0");

    // One write per sendable row, none for the others; the Request-IDs are the sandbox's.
    const requestIds = new Map<string, string | null>();
    for (const row of expected) {
      const writes = await writesTo(row.outOrderNo);
      expect(writes.length, row.outOrderNo).toBe(row.verdict === "ok" || row.verdict === "needs_approval" ? 1 : 0);
      if (writes[0]) requestIds.set(row.outOrderNo, writes[0].requestId);
    }

    // The results CSV, as downloaded, is the server's rows in the reader's language — with the sandbox's Request-IDs.
    const rows = { rows: (await (await supervisor.request.get(`${app.url}/api/bulk/batches/${batchId}/rows`)).json()) as BulkBatchRowView[] };
    for (const row of rows.rows) expect(row.requestId, row.outOrderNo).toBe(requestIds.get(row.outOrderNo) ?? null);
    expect(rows.rows.map((row) => [row.line, row.status])).toEqual(expected.map((row) => [row.line, row.verdict === "ok" || row.verdict === "needs_approval" ? "succeeded" : "skipped"]));
    const [download] = await Promise.all([checker.waitForEvent("download"), checker.getByRole("link", { name: scenario.text.resultsCsv }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(bulkResultsCsv(rows.rows, scenario.fileLang));

    // Every sent row is in the review list, linked to its batch; the outcome links to that list.
    await checker.getByTestId("bulk-review-link").click();
    await expect(checker).toHaveURL(new RegExp(`/review\\?batch=${batchId}$`));
    await expect(checker.getByTestId("review-row")).toHaveCount(4);
    await expect(checker.getByTestId("review-batch-link")).toHaveCount(4);
    await expect(checker.getByTestId("review-batch-link").first()).toHaveAttribute("href", `/bulk/${batchId}`);

    // The maker's page followed along.
    await batchStatus(page, "completed", 30_000);
    await agent.close();
    await supervisor.close();
  });
}

test("[BULK]: a file with an unknown column is refused in the browser with the exact sentence", async ({ browser }) => {
  const agent = await signedIn(browser, "agent", "zh-CN");
  const page = await agent.newPage();
  await page.goto("/bulk");
  const header = [...BULK_FIELDS.map((field) => BULK_COLUMNS[field].zh), "折扣"];
  const text = csvLine(header) + csvLine(["demo-merchant", "", "DEMO-M-HOTEL-PAYING-1", "", `酒店房费=${fenToYuanString(100)}`, "设备故障", "测试", "", "1"]);
  await chooseFile(page, "未知列.csv", iconv.encode(text, "gbk"));
  await expect(page.getByTestId("bulk-file-error-message")).toHaveText("第 9 列的列名“折扣”不是模板中的列名：请使用模板的列名，或删除该列。");
  await expect(page.getByTestId("bulk-file-ok")).toHaveCount(0);
  await agent.close();
});

test("[BULK][CONTROL]: a supervisor pauses a running batch, resumes it, cancels it (after confirming); nothing is sent after the cancel", async ({ browser }) => {
  test.setTimeout(180_000);
  // Eight rows, one at a time (BULK_CONCURRENCY=1 for this app): the institution's and the partner's modifiable demo orders.
  const ebike = syntheticBulkCsv({ rows: SYNTHETIC_TARGETS.institutionEbike.seedCount, orders: "seed", target: SYNTHETIC_TARGETS.institutionEbike, encoding: "utf-8" });
  const powerBank = syntheticBulkCsv({ rows: SYNTHETIC_TARGETS.partnerPowerBank.seedCount, orders: "seed", target: SYNTHETIC_TARGETS.partnerPowerBank, encoding: "utf-8" });
  const text = ebike.text + powerBank.text.split("\r\n").slice(1).join("\r\n");
  const file = { bytes: iconv.encode(text, "gbk") };
  const orders = [...ebike.orders, ...powerBank.orders].map((order) => order.outOrderNo);
  const agent = await signedIn(browser, "agent", "zh-CN");
  const page = await agent.newPage();
  await page.goto("/bulk");
  await chooseFile(page, "电单车-暂停.csv", Buffer.from(file.bytes));
  await page.getByTestId("bulk-file-ok").getByRole("button").first().click();
  await page.waitForURL(/\/bulk\/[0-9a-f-]{36}$/);
  const batchUrl = page.url();
  await batchStatus(page, "previewed");
  await expect(page.getByTestId("bulk-totals").locator('[data-total="sendable"] dd')).toHaveText(String(orders.length));
  // Each write is held 2.5 s upstream: the batch is still running when it is paused.
  const fault = (await (await control.post(`${sandboxProcess.url}/__sandbox/faults`, { data: { kind: "latency", ops: ["modify"], latencyMs: 2_500, latencyPhase: "before" } })).json()) as { fault?: { id: string }; id?: string };
  const supervisor = await signedIn(browser, "supervisor", "zh-CN");
  const checker = await supervisor.newPage();
  const needsApproval = (await page.getByRole("button", { name: "提交审批", exact: true }).count()) > 0;
  await page.getByRole("button", { name: needsApproval ? "提交审批" : "提交执行", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: needsApproval ? "确认提交审批" : "确认提交", exact: true }).click();
  await checker.goto(batchUrl);
  if (needsApproval) {
    await batchStatus(checker, "awaiting_approval");
    await checker.getByRole("button", { name: "批准执行", exact: true }).click();
    await checker.getByRole("dialog").getByRole("button", { name: "确认批准", exact: true }).click();
  }
  await batchStatus(checker, "running");
  await checker.getByRole("button", { name: "暂停", exact: true }).click();
  await batchStatus(checker, "paused");
  await expect(checker.getByTestId("bulk-control-last")).toContainText("暂停：演示主管");
  await checker.getByRole("button", { name: "继续", exact: true }).click();
  await batchStatus(checker, "running");
  await checker.getByRole("button", { name: "取消批次", exact: true }).click();
  const dialog = checker.getByRole("dialog");
  await expect(dialog).toContainText("还没有发送的");
  await dialog.getByRole("button", { name: "确认取消批次", exact: true }).click();
  await batchStatus(checker, "cancelled", 60_000);
  await expect(checker.locator('[data-figure="remaining"] dd')).toHaveText("0", { timeout: 30_000 });
  await control.delete(`${sandboxProcess.url}/__sandbox/faults/${fault.fault?.id ?? fault.id ?? ""}`);
  const rows = (await (await supervisor.request.get(`${app.url}/api/bulk/batches/${batchUrl.split("/").at(-1)}/rows`)).json()) as BulkBatchRowView[];
  // Cancelled before the end: some rows were never sent, and each row was sent at most once.
  expect(rows.filter((row) => row.status === "skipped" && row.outcomeCode === "cancelled").length).toBeGreaterThan(0);
  for (const row of rows) expect((await writesTo(row.outOrderNo)).length, row.outOrderNo).toBe(row.status === "succeeded" ? 1 : 0);
  await expect(checker.getByTestId("bulk-outcome")).toContainText("批次已取消");
  await agent.close();
  await supervisor.close();
});
