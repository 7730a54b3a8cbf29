// The agent's two money operations in each API mode, end to end in the browser: find a demo order
// through the lookup page and lower its amount; complete a confirmed order, see it awaiting
// payment, let the sandbox play the user who pays, and see the page follow it to paid by itself.
// Each test asserts the sandbox's request log (one write, the exact body) and this order's trail.
import type { Page, Route } from "@playwright/test";
import { chooseReason, demoOrder, expect, identityFields, markDocument, expectSameDocument, openOrder, orderCard, reviewAndConfirm, successStatus, test, trailRows, type DemoOrder, settledResult } from "./support/orders";

async function lookUp(page: Page, order: DemoOrder): Promise<void> {
  await page.goto("/orders");
  await page.getByLabel("商户身份").selectOption(order.profileId);
  if (order.sub) await page.getByLabel("子商户").selectOption(order.sub);
  await page.getByLabel("商户服务订单号").fill(order.no);
  await page.getByRole("button", { name: "打开订单" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `订单 ${order.no}` })).toBeVisible();
}

const MODIFY_CASES = [
  {
    title: "merchant (直连商户)",
    order: demoOrder("DEMO-M-HOTEL-PAYING-1"),
    before: "¥458.00",
    edit: async (page: Page) => {
      await page.getByLabel("酒店房费 金额（元）").fill("300.00");
      // The merchant's optional device block goes into the body as typed.
      await page.getByLabel("开始设备号").fill("POS-0001");
    },
    reason: { category: "billing_error", text: "房费按协议价重新计算" } as const,
    after: "¥300.00",
    delta: "-¥158.00",
    body: {
      post_payments: [{ name: "酒店房费", amount: 30000, description: "豪华大床房1晚" }],
      total_amount: 30000,
      reason: "计费错误：房费按协议价重新计算",
      device: { start_device_id: "POS-0001" },
    },
  },
  {
    title: "partner (服务商)",
    order: demoOrder("DEMO-P-HOTEL-PAYING-2"),
    before: "¥946.00",
    edit: async (page: Page) => {
      await page.getByLabel("酒店房费 金额（元）").fill("800.00");
    },
    reason: { category: "user_complaint", text: "用户投诉房间空调故障" } as const,
    after: "¥830.00",
    delta: "-¥116.00",
    body: {
      post_payments: [
        { name: "酒店房费", amount: 80000, description: "豪华大床房2晚" },
        { name: "其他杂费", amount: 3000, description: "迷你吧饮品" },
      ],
      total_amount: 83000,
      reason: "用户投诉：用户投诉房间空调故障",
    },
  },
  {
    title: "institution (从业机构)",
    order: demoOrder("DEMO-I-HOTEL-PAYING-1"),
    before: "¥458.00",
    edit: async (page: Page) => {
      await page.getByLabel("酒店房费 金额（元）").fill("399.50");
    },
    reason: { category: "compensation", text: "会员日补偿" } as const,
    after: "¥399.50",
    delta: "-¥58.50",
    body: {
      post_payments: [{ name: "酒店房费", amount: 39950, description: "豪华大床房1晚" }],
      total_amount: 39950,
      reason: "优惠补偿：会员日补偿",
    },
  },
];

for (const c of MODIFY_CASES) {
  test(`[ORDERS][MODIFY]: ${c.title} — the agent finds the order, lowers it, and sees the new total and state`, async ({ page, sandbox }) => {
    await lookUp(page, c.order);
    const card = orderCard(page, c.order.no);
    await expect(card.getByTestId("order-total")).toHaveText(c.before);
    await expect(trailRows(page)).toHaveCount(0);

    await c.edit(page);
    await chooseReason(page, c.reason.category, c.reason.text);
    await expect(page.getByTestId("new-total")).toHaveText(c.after);
    await expect(page.getByTestId("total-delta")).toHaveText(c.delta);
    await reviewAndConfirm(page, "modify", c.after);

    const result = await settledResult(page);
    await expect(result).toContainText("订单金额已修改");
    await expect(result.getByTestId("result-total")).toHaveText(`${c.before} → ${c.after}`);
    await expect(result.getByTestId("result-delta")).toHaveText(c.delta);
    // The toast (sonner, loaded on this first toast) says the same in short.
    await expect(page.locator("[data-sonner-toast]")).toHaveText(`订单金额已修改，新总金额 ${c.after}`);
    // The new total and state as WeChat (the sandbox) reports them, not as the form computed them.
    await expect(card.getByTestId("order-total")).toHaveText(c.after);
    await expect(card.getByTestId("state-explanation")).toHaveText("商户已完结订单，正在等待用户支付。支付前可下调金额。");
    await expect(card.getByText("USER_PAYING")).toBeVisible();
    await expect(trailRows(page)).toHaveCount(1);
    await expect(trailRows(page).first()).toHaveAttribute("data-status", "succeeded");
    await expect(trailRows(page).first()).toContainText(`${c.before} → ${c.after}`);

    const writes = await sandbox.writes(c.order.no);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.op).toBe("modify");
    expect(writes[0]?.status).toBe(successStatus(c.order));
    expect(writes[0]?.body).toEqual({ ...identityFields(c.order), ...c.body });
    await expect(result.getByTestId("result-request-id")).toHaveText(writes[0]?.requestId ?? "no request id");

    if (c.order.mode === "partner") {
      // One modify per order in partner mode: the page says so and offers no second one.
      await expect(page.getByTestId("modify-disabled")).toHaveText("服务商模式每单只能改价一次，本单已无改价次数。");
    }
  });
}

test("[ORDERS][MODIFY]: the card and the trail show what the action answered, with no read of the order after the write, and a late read cannot undo it", async ({ page, sandbox }) => {
  const order = demoOrder("DEMO-I-HOTEL-PAYING-4");
  await openOrder(page, order);
  const card = orderCard(page, order.no);
  await expect(card.getByTestId("order-total")).toHaveText("¥1,842.00");
  // The order as the page first read it: what a read that was under way before the write would bring.
  const stale: unknown = await page.evaluate(async (url) => (await fetch(url)).json(), `/api/orders/${order.profileId}/${order.no}?sub=${order.sub}`);
  // From here the page's own reads of the order (its polls while the order awaits payment) hang.
  const held: Route[] = [];
  const snapshotUrl = (url: URL) => url.pathname === `/api/orders/${order.profileId}/${order.no}`;
  await page.route(snapshotUrl, (route) => {
    held.push(route);
  });

  await page.getByLabel("酒店房费 金额（元）").fill("1000.00");
  await chooseReason(page, "user_complaint", "空调故障减免房费");
  // A read is under way (the refresh button's; it hangs here) when the agent confirms.
  await page.getByRole("button", { name: "刷新", exact: true }).click();
  await expect.poll(() => held.length, { timeout: 10_000 }).toBeGreaterThan(0);
  const underWay = held.length;
  const queriesBefore = (await sandbox.requests({ out_order_no: order.no, op: "query" })).length;
  await reviewAndConfirm(page, "modify", "¥1,010.00");
  await expect(await settledResult(page)).toContainText("订单金额已修改");
  // The answered order (a 204, then the server's verified re-query) and the settled trail row are on
  // the page at once, from the action's answer…
  await expect(card.getByTestId("order-total")).toHaveText("¥1,010.00");
  await expect(trailRows(page)).toHaveCount(1);
  await expect(trailRows(page).first()).toContainText("¥1,842.00 → ¥1,010.00");
  expect(await sandbox.writes(order.no)).toHaveLength(1);
  // …and the page did not ask for the order again: only the server's re-read before the modify and
  // its query after the 204 reached WeChat (the page's polls are held here, before they leave).
  const queriesAfter = await sandbox.requests({ out_order_no: order.no, op: "query" });
  expect(queriesAfter.length - queriesBefore).toBe(2);

  // The read that was under way (asked for before the change) now comes back with the old order: it
  // never replaces what the action answered. Later polls go through to the server.
  await page.unroute(snapshotUrl);
  const [early, later] = [held.slice(0, underWay), held.slice(underWay)];
  for (const route of early) await route.fulfill({ json: stale }).catch(() => undefined);
  for (const route of later) await route.continue().catch(() => undefined);
  // Give a wrong answer time to land before checking it did not.
  await page.waitForTimeout(1_000);
  await expect(card.getByTestId("order-total")).toHaveText("¥1,010.00");
  await expect(trailRows(page)).toHaveCount(1);
});

interface CompleteCase {
  title: string;
  order: DemoOrder;
  fill(page: Page): Promise<void>;
  total: string;
  body: Record<string, unknown>;
}

const COMPLETE_CASES: CompleteCase[] = [
  {
    title: "merchant (直连商户)",
    order: demoOrder("DEMO-M-HOTEL-READY-1"),
    fill: async (page) => {
      await page.getByLabel("酒店房费 金额（元）").fill("520.00");
      await page.getByLabel("酒店房费 说明").fill("豪华大床房1晚");
      await page.getByRole("button", { name: "添加 其他杂费" }).click();
      await page.getByLabel("其他杂费 金额（元）").fill("30.00");
      await page.getByLabel("其他杂费 说明").fill("迷你吧饮品");
    },
    total: "¥550.00",
    body: {
      post_payments: [
        { name: "酒店房费", amount: 52000, description: "豪华大床房1晚" },
        { name: "其他杂费", amount: 3000, description: "迷你吧饮品" },
      ],
      total_amount: 55000,
    },
  },
  {
    title: "partner (服务商)",
    order: demoOrder("DEMO-P-EXPRESS-READY-1"),
    fill: async (page) => {
      // The order's 预估金额 line is no 快递 line: the form says it left it out and starts 首重费 empty.
      await expect(page.getByText("订单中有 1 项付费项目不属于此模板，未填入。")).toBeVisible();
      await page.getByLabel("首重费 金额（元）").fill("12.00");
      await page.getByRole("button", { name: "添加 续重费" }).click();
      await page.getByLabel("续重费 金额（元）").fill("3.00");
    },
    total: "¥15.00",
    body: {
      post_payments: [
        { name: "首重费", amount: 1200 },
        { name: "续重费", amount: 300 },
      ],
      total_amount: 1500,
    },
  },
  {
    title: "institution (从业机构)",
    order: demoOrder("DEMO-I-CARCHG-READY-1"),
    fill: async (page) => {
      // 汽车充电桩 lines carry no amounts: the agent enters the total.
      await page.getByLabel("费用明细 说明").fill("电费30元，服务费20元");
      await page.getByLabel("总金额（元）").fill("50.00");
    },
    total: "¥50.00",
    body: {
      post_payments: [
        { name: "计费规则", description: "电费1.2元/度，服务费0.8元/度" },
        { name: "费用明细", description: "电费30元，服务费20元" },
      ],
      total_amount: 5000,
    },
  },
];

for (const c of COMPLETE_CASES) {
  test(`[ORDERS][COMPLETE]: ${c.title} — a confirmed order is completed, shows awaiting payment, then follows the user's payment to paid without a reload`, async ({
    page,
    sandbox,
  }) => {
    await openOrder(page, c.order);
    const card = orderCard(page, c.order.no);
    await expect(card.getByText("USER_CONFIRM")).toBeVisible();
    // Modify is not possible yet; complete is the tab offered.
    await expect(page.getByRole("tab", { name: "完结订单" })).toHaveAttribute("aria-selected", "true");
    await c.fill(page);
    await expect(page.getByTestId("new-total")).toHaveText(c.total);
    await reviewAndConfirm(page, "complete", c.total);

    await expect(await settledResult(page)).toContainText("订单已完结");
    await expect(card.getByText("待支付 USER_PAYING")).toBeVisible();
    await expect(card.getByTestId("state-explanation")).toHaveText("商户已完结订单，正在等待用户支付。支付前可下调金额。");
    await expect(card.getByTestId("order-total")).toHaveText(c.total);
    await expect(page.getByText("等待用户支付：用户支付后此页自动更新")).toBeVisible();
    await expect(trailRows(page)).toHaveCount(1);
    await expect(trailRows(page).first()).toHaveAttribute("data-status", "succeeded");
    await expect(trailRows(page).first()).toContainText("完结");

    const writes = await sandbox.writes(c.order.no);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.op).toBe("complete");
    expect(writes[0]?.status).toBe(successStatus(c.order));
    expect(writes[0]?.body).toMatchObject({ ...identityFields(c.order), ...c.body });

    // The user pays (the sandbox plays WeChat); the page polls and follows — no reload.
    await markDocument(page);
    await sandbox.orderAction(c.order.no, "pay", { mode: c.order.mode, sub_mchid: c.order.sub });
    await expect(card.getByText("已支付 USER_PAID")).toBeVisible();
    await expect(card.getByTestId("state-explanation")).toHaveText("用户已支付，订单已完成。金额不能再修改（如需退差价请走退款）。");
    await expect(page.getByText("等待用户支付：用户支付后此页自动更新")).toBeHidden();
    await expectSameDocument(page);
    expect(await sandbox.writes(c.order.no)).toHaveLength(1);
  });
}
