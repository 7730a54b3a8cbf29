// Drift detection in the browser: an order the console changed is then changed behind its back
// (the sandbox's control API, as the merchant platform or another system would); the next read of
// the order records an external change, which the order page's trail and the supervisor's review
// list show with its own badge, and which the review's operation filter finds.
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { OrderSnapshotResult } from "@/lib/orders/snapshot";
import type { TServiceOrder } from "@/lib/payscore/order";
import { lowerFirstLine } from "../tests/support/order-inputs";
import { actionResultCode, postServerAction } from "./support/actions";
import { SANDBOX_URL, storageStatePath } from "./support/env";
import { demoOrder, openOrder, trailRows } from "./support/orders";

const ORDER = demoOrder("DEMO-I-RETAIL-PAYING-2");

async function current(request: APIRequestContext): Promise<TServiceOrder> {
  const response = await request.get(`/api/orders/${ORDER.profileId}/${ORDER.no}?sub=${ORDER.sub}`);
  const result = (await response.json()) as OrderSnapshotResult;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.snapshot.order;
}

test("[ORDERS][DRIFT]: a change made outside the console is recorded once as an external change, shown on the order page and in the review list with its badge and filter", async ({ browser, playwright }) => {
  test.setTimeout(60_000);
  const agentApi = await playwright.request.newContext({ storageState: storageStatePath("agent") });
  const agent = await browser.newContext({ storageState: storageStatePath("agent") });
  const supervisor = await browser.newContext({ storageState: storageStatePath("supervisor") });
  try {
    const before = await current(agentApi);
    const modified = await postServerAction(agentApi, "server/actions/orders.ts", "modifyOrderAction", [
      lowerFirstLine({ mode: ORDER.mode, subMchid: ORDER.sub, industry: "smart_retail" }, ORDER.no, before, { lowerByFen: 100, reasonText: "漂移测试" }),
    ]);
    expect(actionResultCode(modified.text)).toBe("OK");
    const expected = await current(agentApi);

    // Behind the console's back: the dearest line, and so the total, drop by ¥1.00.
    const payments = expected.post_payments ?? [];
    const dearest = payments.reduce((best, line, index) => ((line.amount ?? 0) > (payments[best]?.amount ?? 0) ? index : best), 0);
    const lines = payments.map((line, index) => (index === dearest ? { ...line, amount: (line.amount ?? 0) - 100 } : line));
    const amended = await agentApi.post(`${SANDBOX_URL}/__sandbox/orders/${ORDER.no}/amend?mode=institution&sub_mchid=${ORDER.sub}`, {
      data: { total_amount: (expected.total_amount ?? 0) - 100, post_payments: lines },
    });
    expect(amended.status(), await amended.text()).toBe(200);

    const page = await agent.newPage();
    await openOrder(page, ORDER);
    await expect(trailRows(page)).toHaveCount(2);
    const external = trailRows(page).first();
    await expect(external).toContainText("外部变更");
    await expect(external).toContainText("控制台之外（微信支付显示）");
    await expect(external).toContainText("(-¥1.00)");
    await expect(external).toContainText("订单在控制台之外被修改，没有任何记录能解释");
    // Reading again records nothing new.
    await page.reload();
    await expect(trailRows(page)).toHaveCount(2);

    const review = await supervisor.newPage();
    await review.goto(`/review?operation=external&q=${ORDER.no}`);
    const rows = review.getByRole("row").filter({ hasText: ORDER.no });
    await expect(rows).toHaveCount(1);
    await expect(rows.getByTestId("external-badge")).toHaveText("外部变更");
    await expect(rows).toContainText("控制台外");
    await expect(rows).toContainText("-¥1.00");
  } finally {
    await agent.close();
    await supervisor.close();
    await agentApi.dispose();
  }
});
