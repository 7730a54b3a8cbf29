// Two people on one order: both open it; the first lowers the amount; the second's submit, based
// on the order as it was, is refused before anything is sent — the second sees what changed and
// keeps the form — and the sandbox received exactly one modify.
import { chooseReason, demoOrder, expect, identityFields, openOrder, orderCard, reviewAndConfirm, successStatus, test, trailRows, settledResult } from "./support/orders";
import { storageStatePath } from "./support/env";

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
