// Two people on one order: both open it; the first lowers the amount; the second's submit, based
// on the order as it was, is refused before anything is sent — the second sees what changed and
// keeps the form — and the sandbox received exactly one modify.
import type { APIRequestContext } from "@playwright/test";
import { chooseReason, demoOrder, expect, identityFields, openOrder, orderCard, reviewAndConfirm, successStatus, test, trailRows, settledResult } from "./support/orders";
import { storageStatePath } from "./support/env";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { OrderSnapshotResult } from "@/lib/orders/snapshot";
import { lowerFirstLine } from "../tests/support/order-inputs";
import { actionResultCode, postServerAction } from "./support/actions";

test("[ORDERS][MODIFY][CONCURRENCY]: the second of two open forms is refused with the changed state shown; one modify reaches WeChat", async ({ browser, sandbox }) => {
  const order = demoOrder("DEMO-I-HOTEL-PAYING-2");
  const first = await browser.newContext({ storageState: storageStatePath("agent") });
  const second = await browser.newContext({ storageState: storageStatePath("supervisor") });
  try {
    const a = await first.newPage();
    const b = await second.newPage();
    await openOrder(a, order);
    await openOrder(b, order);
    await expect(orderCard(b, order.no).getByTestId("order-total")).toHaveText("¥946.00");
    await b.getByLabel("酒店房费 金额（元）").fill("900.00");
    await chooseReason(b, "user_complaint", "用户要求按900元结算");

    await a.getByLabel("酒店房费 金额（元）").fill("850.00");
    await chooseReason(a, "billing_error", "房费按协议价");
    await reviewAndConfirm(a, "modify", "¥880.00");
    await expect((await settledResult(a)).getByTestId("result-total")).toHaveText("¥946.00 → ¥880.00");

    await reviewAndConfirm(b, "modify", "¥930.00");
    const refused = b.getByTestId("operation-error");
    await expect(refused).toHaveAttribute("data-code", "ORDER_CHANGED");
    await expect(refused).toContainText("订单在你打开表单后已变化，本次没有发送");
    await expect(refused).toContainText("总金额：¥946.00 → ¥880.00");
    await expect(refused).toContainText("付费项目有变化");
    // The second form keeps what was typed; its page shows the order as it now is.
    await expect(b.getByLabel("酒店房费 金额（元）")).toHaveValue("900.00");
    await expect(b.getByLabel("修改原因说明")).toHaveValue("用户要求按900元结算");
    await expect(orderCard(b, order.no).getByTestId("order-total")).toHaveText("¥880.00");
    await expect(trailRows(b)).toHaveCount(2);
    await expect(trailRows(b).first()).toHaveAttribute("data-status", "failed");
    await expect(trailRows(b).nth(1)).toHaveAttribute("data-status", "succeeded");

    const writes = await sandbox.writes(order.no);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.status).toBe(successStatus(order));
    expect(writes[0]?.body).toEqual({
      ...identityFields(order),
      post_payments: [
        { name: "酒店房费", amount: 85000, description: "豪华大床房2晚" },
        { name: "其他杂费", amount: 3000, description: "迷你吧饮品" },
      ],
      total_amount: 88000,
      reason: "计费错误：房费按协议价",
    });
  } finally {
    await first.close();
    await second.close();
  }
});

function yuan(fen: number): string {
  return `¥${(fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

test("[ORDERS][MODIFY][CONCURRENCY]: a submit while a colleague's change is in flight is refused ORDER_BUSY naming them, then shows what the order became; one modify reaches WeChat", async ({
  browser,
  sandbox,
  playwright,
}) => {
  test.setTimeout(60_000);
  const order = demoOrder("DEMO-I-GENERIC-PAYING-1");
  const supervisor = await browser.newContext({ storageState: storageStatePath("supervisor") });
  const agentApi = await playwright.request.newContext({ storageState: storageStatePath("agent") });
  try {
    const page = await supervisor.newPage();
    await openOrder(page, order);
    const snapshot = await sandboxOrder(agentApi, order);
    const index = snapshot.post_payments?.findIndex((line) => (line.amount ?? 0) > 300) ?? -1;
    const first = snapshot.post_payments?.[index];
    if (!first || first.amount === undefined) throw new Error("the order has no line to lower");
    const total = snapshot.total_amount ?? 0;

    // The agent's modify (−1 元) is held by WeChat for 8 s before it is applied and answered: time
    // for the supervisor's browser to fill and confirm the form, even on a loaded machine.
    await sandbox.addFault({ kind: "latency", latencyMs: 8_000, latencyPhase: "before", out_order_no: order.no, ops: ["modify"], times: 1 });
    const agentCall = postServerAction(
      agentApi,
      "server/actions/orders.ts",
      "modifyOrderAction",
      [lowerFirstLine({ mode: order.mode, subMchid: order.sub, industry: "generic" }, order.no, snapshot, { lowerByFen: 100, reasonText: "同事先改" })],
      { timeoutMs: 30_000 },
    );
    await expect.poll(async () => (await sandbox.writes(order.no)).length, { timeout: 10_000 }).toBe(1);

    // Meanwhile the supervisor lowers the same line by 2 元 on the order as the page showed it.
    await page.getByLabel(`付费项目 ${index + 1} 金额（元）`).fill(((first.amount - 200) / 100).toFixed(2));
    await chooseReason(page, "compensation", "主管减免");
    await reviewAndConfirm(page, "modify", yuan(total - 200));
    const refused = page.getByTestId("operation-error");
    await expect(refused).toHaveAttribute("data-code", "ORDER_BUSY");
    await expect(refused).toContainText("演示客服 刚刚修改了此订单，本次没有发送");
    await expect(refused).toContainText("演示客服 的修改已生效");
    await expect(refused).toContainText(`总金额：${yuan(total)} → ${yuan(total - 100)}`);
    expect(actionResultCode((await agentCall).text)).toBe("OK");
    // The form kept what the supervisor typed; WeChat received the agent's modify only.
    await expect(page.getByLabel("修改原因说明")).toHaveValue("主管减免");
    const writes = await sandbox.writes(order.no);
    expect(writes).toHaveLength(1);
    expect((writes[0]?.body as { reason?: string }).reason).toBe("用户投诉：同事先改");
  } finally {
    await supervisor.close();
    await agentApi.dispose();
  }
});

async function sandboxOrder(request: APIRequestContext, order: ReturnType<typeof demoOrder>): Promise<TServiceOrder> {
  const query = order.sub ? `?sub=${order.sub}` : "";
  const response = await request.get(`/api/orders/${order.profileId}/${order.no}${query}`);
  const result = (await response.json()) as OrderSnapshotResult;
  if (!result.ok) throw new Error(`order ${order.no}: ${JSON.stringify(result.error)}`);
  return result.snapshot.order;
}
