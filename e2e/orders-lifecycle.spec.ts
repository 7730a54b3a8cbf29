// The rest of an order's life in the browser (issue #15): the sandbox controls play the user, and an
// open order page follows WeChat Pay's notification without querying WeChat; cancel (取消订单) and
// sync (同步支付) as forms with a confirmation, in each mode, checked against what reached the sandbox.
import type { Page, Request } from "@playwright/test";
import { demoOrder, expect, identityFields, openOrder, orderCard, successStatus, test, trailRows, type DemoOrder } from "./support/orders";

/** Every read of the order the page itself makes (its data route; the event stream is not a read). */
function recordOrderReads(page: Page, order: DemoOrder): Request[] {
  const reads: Request[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === `/api/orders/${order.profileId}/${order.no}`) reads.push(request);
  });
  return reads;
}

test("[ORDERS][LIVE][NOTIFY]: the user pays in the sandbox panel → the open page shows 已支付 within 2 s from WeChat Pay's notification, with no query in between", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-P-GENERIC-PAYING-3");
  // The event stream's answer (its headers: the stream itself never ends).
  const stream = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/orders/${order.profileId}/${order.no}/events`);
  await openOrder(page, order);
  const card = orderCard(page, order.no);
  await expect(card.getByText("待支付 USER_PAYING")).toBeVisible();
  await expect(page.getByText("等待用户支付：用户支付后此页自动更新")).toBeVisible();
  const panel = page.getByTestId("sandbox-controls");
  await expect(panel.getByRole("heading", { name: "沙箱控制：模拟用户" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "用户确认订单" })).toBeDisabled();
  // The event stream is open before the user pays.
  expect((await stream).status()).toBe(200);

  const reads = recordOrderReads(page, order);
  const queriesBefore = (await sandbox.requests({ out_order_no: order.no, op: "query" })).length;
  await panel.getByRole("button", { name: "用户付款" }).click();
  await expect(card.getByText("已支付 USER_PAID")).toBeVisible({ timeout: 2_000 });
  await expect(card.getByText("已完成 DONE")).toBeVisible();
  await expect(page.getByText("等待用户支付：用户支付后此页自动更新")).toBeHidden();
  expect(reads).toHaveLength(0);
  expect((await sandbox.requests({ out_order_no: order.no, op: "query" })).length).toBe(queriesBefore);
  await expect(panel.getByRole("button", { name: "用户付款" })).toBeDisabled();
});

test("[ORDERS][LIVE][NOTIFY]: the user confirms a created order → the page shows 用户已确认 and the complete form, without a query", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-I-GENERIC-CREATED-1");
  await openOrder(page, order);
  const card = orderCard(page, order.no);
  await expect(card.getByText("已创建 CREATED")).toBeVisible();
  const reads = recordOrderReads(page, order);
  const queriesBefore = (await sandbox.requests({ out_order_no: order.no, op: "query" })).length;
  await page.getByTestId("sandbox-controls").getByRole("button", { name: "用户确认订单" }).click();
  await expect(card.getByText("用户已确认 USER_CONFIRM")).toBeVisible({ timeout: 2_000 });
  expect(reads).toHaveLength(0);
  expect((await sandbox.requests({ out_order_no: order.no, op: "query" })).length).toBe(queriesBefore);
  await page.getByRole("tab", { name: "完结订单" }).click();
  await expect(page.getByTestId("complete-disabled")).toHaveCount(0);
});

test("[ORDERS][SANDBOX]: a failed payment leaves the order awaiting payment and says so", async ({ page }) => {
  const order = demoOrder("DEMO-I-GENERIC-PAYING-3");
  await openOrder(page, order);
  await page.getByTestId("sandbox-controls").getByRole("button", { name: "付款失败" }).click();
  await expect(page.getByText("已模拟扣款失败，订单仍待支付")).toBeVisible();
  await expect(orderCard(page, order.no).getByText("待支付 USER_PAYING")).toBeVisible();
});

for (const order of [demoOrder("DEMO-M-HOTEL-READY-NOEND-1"), demoOrder("DEMO-I-GENERIC-READY-1")]) {
  test(`[ORDERS][CANCEL]: ${order.mode} mode — cancel with a reason and a confirmation; WeChat gets the composed reason; the page shows 已取消 and the trail row`, async ({ page, sandbox }) => {
    await openOrder(page, order);
    await page.getByRole("tab", { name: "取消订单" }).click();
    const form = page.getByTestId("cancel-form");
    await expect(form.getByRole("heading", { name: "取消订单" })).toBeVisible();
    // Nothing typed: field-level errors, nothing sent.
    await form.getByRole("button", { name: "取消订单…" }).click();
    await expect(form.getByText("请选择原因类别")).toBeVisible();
    expect(await sandbox.writes(order.no)).toHaveLength(0);

    await form.getByLabel("原因类别").selectOption("user_complaint");
    await form.getByLabel("取消原因说明").fill("用户未使用服务");
    await form.getByRole("button", { name: "取消订单…" }).click();
    const dialog = page.getByRole("dialog", { name: "确认取消订单？" });
    await expect(dialog).toContainText("用户投诉：用户未使用服务");
    await dialog.getByRole("button", { name: "确认取消", exact: true }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByText("订单已取消").first()).toBeVisible();
    await expect(orderCard(page, order.no).getByText("已取消 REVOKED")).toBeVisible();
    await expect(trailRows(page).first()).toContainText("取消");
    await expect(trailRows(page).first()).toHaveAttribute("data-status", "succeeded");
    await expect(page.getByTestId("cancel-disabled")).toHaveText("订单已取消或失效。");

    const writes = await sandbox.writes(order.no);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.op).toBe("cancel");
    expect(writes[0]?.status).toBe(successStatus(order));
    const { appid, service_id, sub_mchid, channel_id } = identityFields(order);
    expect(writes[0]?.body).toEqual({ ...(appid ? { appid } : {}), service_id, ...(sub_mchid ? { sub_mchid } : {}), ...(channel_id ? { channel_id } : {}), reason: "用户投诉：用户未使用服务" });
  });
}

test("[ORDERS][SYNC]: partner mode — record a payment outside WeChat for a day; WeChat gets Order_Paid with yyyyMMdd; the page shows 已完成", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-P-GENERIC-PAYING-4");
  await openOrder(page, order);
  await page.getByRole("tab", { name: "同步支付" }).click();
  const form = page.getByTestId("sync-form");
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  // Today, now (Beijing time) by default; only the day is known, so the time is cleared.
  await expect(form.getByLabel("用户付款时间（北京时间）")).toHaveValue(today);
  await expect(form.getByLabel("付款时刻（选填）")).toHaveValue(/^\d{2}:\d{2}$/);
  await form.getByLabel("付款时刻（选填）").fill("");
  await form.getByLabel("原因类别").selectOption("other");
  await form.getByRole("button", { name: "同步支付…" }).click();
  const dialog = page.getByRole("dialog", { name: "确认同步用户的线下支付？" });
  await expect(dialog).toContainText(today.replaceAll("-", ""));
  await dialog.getByRole("button", { name: "确认同步", exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(orderCard(page, order.no).getByText("已完成 DONE")).toBeVisible();
  await expect(trailRows(page).first()).toContainText("同步支付");
  const writes = await sandbox.writes(order.no);
  expect(writes).toHaveLength(1);
  expect(writes[0]?.op).toBe("sync");
  expect(writes[0]?.status).toBe(204);
  expect(writes[0]?.body).toEqual({ ...identityFields(order), type: "Order_Paid", detail: { paid_time: today.replaceAll("-", "") } });
});
