// When WeChat (the sandbox, with an injected fault) answers a modify with an error, the agent sees
// the WeChat code, a plain-language message and the Request-ID, keeps what was typed, and the
// trail row ends `failed` — never left pending. An answer whose signature does not verify is
// settled by querying the order: failed when the order does not show the modify, succeeded when it does.
// Each fault is scoped to one order's modify and used once (times: 1), so no other test meets it.
import type { Page } from "@playwright/test";
import { chooseReason, confirmDialog, demoOrder, expect, openOrder, orderCard, reviewAndConfirm, reviewButton, successStatus, test, trailRows, settledResult } from "./support/orders";

async function expectFormKept(page: Page, field: string, value: string, reason: string): Promise<void> {
  await expect(page.getByLabel(field)).toHaveValue(value);
  await expect(page.getByLabel("原因类别")).toHaveValue("device_fault");
  await expect(page.getByLabel("修改原因说明")).toHaveValue(reason);
}

async function expectNeverUnsettled(page: Page): Promise<void> {
  const statuses = await trailRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));
  expect(statuses).not.toContain("pending");
  expect(statuses).not.toContain("unknown");
}

test("[ORDERS][MODIFY][FAULT]: a 500 SYSTEM_ERROR shows the code, message and Request-ID, keeps the form, fails the trail row; the kept form then goes through", async ({
  page,
  sandbox,
}) => {
  const order = demoOrder("DEMO-I-BIKE-PAYING-1");
  await openOrder(page, order);
  await sandbox.addFault({ kind: "system_error", out_order_no: order.no, ops: ["modify"], times: 1 });
  await page.getByLabel("骑行费用 金额（元）").fill("3.00");
  await chooseReason(page, "device_fault", "车锁故障多计时");
  await reviewAndConfirm(page, "modify", "¥3.00");

  const error = page.getByTestId("operation-error");
  await expect(error).toHaveAttribute("data-code", "UPSTREAM_ERROR");
  await expect(error).toContainText("微信支付返回错误，本次没有生效");
  await expect(error).toContainText("微信支付系统暂时异常，请稍后重新提交。");
  await expect(error.getByTestId("error-wechat-code")).toHaveText("SYSTEM_ERROR");
  await expect(error).toContainText("你填写的内容已保留。");
  const writes = await sandbox.writes(order.no);
  expect(writes.map((w) => [w.op, w.status, w.code])).toEqual([["modify", 500, "SYSTEM_ERROR"]]);
  await expect(error.getByTestId("error-request-id")).toHaveText(writes[0]?.requestId ?? "no request id");

  await expectFormKept(page, "骑行费用 金额（元）", "3.00", "车锁故障多计时");
  await expect(page.getByTestId("new-total")).toHaveText("¥3.00");
  await expect(orderCard(page, order.no).getByTestId("order-total")).toHaveText("¥4.50");
  // The page polls while the order awaits payment: the failed row appears without a reload.
  await expect(trailRows(page)).toHaveCount(1);
  await expect(trailRows(page).first()).toHaveAttribute("data-status", "failed");
  await expect(trailRows(page).first()).toContainText("SYSTEM_ERROR");

  // The fault is gone: the same values, submitted again, are sent (a definitive failure does not
  // hold the submission's idempotency key) and succeed.
  await reviewAndConfirm(page, "modify", "¥3.00");
  await expect((await settledResult(page)).getByTestId("result-total")).toHaveText("¥4.50 → ¥3.00");
  await expect(trailRows(page)).toHaveCount(2);
  await expect(trailRows(page).first()).toHaveAttribute("data-status", "succeeded");
  await expect(trailRows(page).nth(1)).toHaveAttribute("data-status", "failed");
  const after = await sandbox.writes(order.no);
  expect(after.map((w) => [w.op, w.status])).toEqual([
    ["modify", 500],
    ["modify", successStatus(order)],
  ]);
});

test("[ORDERS][MODIFY][FAULT]: a 429 FREQUENCY_LIMITED says it was rate-limited, keeps the form, fails the trail row", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-P-EXPRESS-PAYING-1");
  await openOrder(page, order);
  await sandbox.addFault({ kind: "rate_limited", out_order_no: order.no, ops: ["modify"], times: 1 });
  await page.getByLabel("首重费 金额（元）").fill("10.00");
  await chooseReason(page, "device_fault", "称重设备偏差");
  await reviewAndConfirm(page, "modify", "¥10.00");

  const error = page.getByTestId("operation-error");
  await expect(error).toHaveAttribute("data-code", "UPSTREAM_ERROR");
  await expect(error.getByTestId("error-wechat-code")).toHaveText("FREQUENCY_LIMITED");
  await expect(error).toContainText("请求过于频繁，已被微信支付限流，请稍后再试。");
  await expect(error).toContainText("429");
  const writes = await sandbox.writes(order.no);
  expect(writes.map((w) => [w.op, w.status, w.code])).toEqual([["modify", 429, "FREQUENCY_LIMITED"]]);
  await expect(error.getByTestId("error-request-id")).toHaveText(writes[0]?.requestId ?? "no request id");

  await expectFormKept(page, "首重费 金额（元）", "10.00", "称重设备偏差");
  await expect(orderCard(page, order.no).getByTestId("order-total")).toHaveText("¥12.00");
  await expect(trailRows(page)).toHaveCount(1);
  await expect(trailRows(page).first()).toHaveAttribute("data-status", "failed");
  await expect(trailRows(page).first()).toContainText("FREQUENCY_LIMITED");
});

test("[ORDERS][MODIFY][FAULT]: an answer with a bad signature is checked against the order — not applied, so the row is failed, never left pending", async ({
  page,
  sandbox,
}) => {
  const order = demoOrder("DEMO-I-RETAIL-PAYING-1");
  await openOrder(page, order);
  await sandbox.addFault({ kind: "bad_signature", out_order_no: order.no, ops: ["modify"], times: 1 });
  await page.getByLabel("商品信息 1 金额（元）").fill("2.50");
  await chooseReason(page, "device_fault", "扫码识别错误");
  await reviewAndConfirm(page, "modify", "¥2.50");

  const error = page.getByTestId("operation-error");
  await expect(error).toHaveAttribute("data-code", "UPSTREAM_ERROR");
  await expect(error.getByTestId("error-wechat-code")).toHaveText("RESPONSE_SIGNATURE_INVALID");
  await expect(error).toContainText("微信支付应答的签名验证失败，应答不可信。");
  await expect(error).toContainText("控制台已重新查询订单核对：订单没有变化，可以修改后重新提交。");
  const writes = await sandbox.writes(order.no);
  expect(writes.map((w) => [w.op, w.fault])).toEqual([["modify", "bad_signature"]]);
  await expect(error.getByTestId("error-request-id")).toHaveText(writes[0]?.requestId ?? "no request id");

  await expectFormKept(page, "商品信息 1 金额（元）", "2.50", "扫码识别错误");
  await expect(orderCard(page, order.no).getByTestId("order-total")).toHaveText("¥3.00");
  await expect(trailRows(page)).toHaveCount(1);
  await expect(trailRows(page).first()).toHaveAttribute("data-status", "failed");
  await expect(trailRows(page).first()).toContainText("已核对：订单未显示此次改价，未生效");
  await expectNeverUnsettled(page);
});

test("[ORDERS][MODIFY][FAULT]: a bad signature on a modify WeChat did apply is reconciled to succeeded, with the new total", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-P-GENERIC-PAYING-1");
  await openOrder(page, order);
  await sandbox.addFault({ kind: "bad_signature", commit: true, out_order_no: order.no, ops: ["modify"], times: 1 });
  await page.getByLabel("付费项目 1 金额（元）").fill("40.00");
  await chooseReason(page, "device_fault", "检测设备故障");
  await reviewAndConfirm(page, "modify", "¥40.00");

  await expect((await settledResult(page)).getByTestId("result-total")).toHaveText("¥50.00 → ¥40.00");
  await expect(orderCard(page, order.no).getByTestId("order-total")).toHaveText("¥40.00");
  await expect(trailRows(page)).toHaveCount(1);
  await expect(trailRows(page).first()).toHaveAttribute("data-status", "succeeded");
  await expect(trailRows(page).first()).toContainText("已核对：订单显示此次改价已生效");
  await expectNeverUnsettled(page);
  const writes = await sandbox.writes(order.no);
  expect(writes.map((w) => [w.op, w.fault])).toEqual([["modify", "bad_signature"]]);
});

test("[ORDERS][MODIFY][FAULT]: when the form's checks cannot be fetched, the agent is told that nothing was sent; once they load, the same values go through", async ({
  page,
  sandbox,
}) => {
  const order = demoOrder("DEMO-I-BIKE-PAYING-2");
  await openOrder(page, order);
  // The form mounts once the page is hydrated; wait for it (a skeleton takes no input).
  await expect(page.getByLabel("骑行费用 金额（元）")).toBeEditable();
  // The form's checks (its schema) load on the first focus or submit, as a script of their own:
  // from here on, every script the page asks for fails, as on a dropped network.
  const scripts = "**/_next/static/chunks/**";
  await page.route(scripts, (route) => route.abort("internetdisconnected"));
  await page.getByLabel("骑行费用 金额（元）").fill("1.00");
  await chooseReason(page, "device_fault", "车锁故障多计时");
  await expect(page.getByTestId("new-total")).toHaveText("¥6.00");
  await reviewButton(page, "modify").click();

  const error = page.getByTestId("operation-error");
  await expect(error).toHaveAttribute("data-code", "NOT_LOADED");
  await expect(error).toContainText("表单的校验程序未能加载");
  await expect(error).toContainText("没有发送任何请求，订单未改动。请检查网络后再次提交。");
  await expect(confirmDialog(page, "modify")).toBeHidden();
  expect(await sandbox.writes(order.no)).toEqual([]);
  await expect(trailRows(page)).toHaveCount(0);

  // The network is back: the same values are checked and sent.
  await page.unroute(scripts);
  await reviewAndConfirm(page, "modify", "¥6.00");
  await expect((await settledResult(page)).getByTestId("result-total")).toHaveText(/ → ¥6\.00$/);
  expect((await sandbox.writes(order.no)).map((w) => [w.op, w.status])).toEqual([["modify", successStatus(order)]]);
});
