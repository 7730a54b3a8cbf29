// One modify through the UI for each of the nine industry templates (and 汽车租赁's 0-yuan form):
// the form renders the template, the agent changes what that industry changes, and the sandbox's
// request log shows exactly the post_payments (and discounts, total) the template demands.
import type { Page } from "@playwright/test";
import { chooseReason, demoOrder, expect, identityFields, openOrder, orderCard, reviewAndConfirm, successStatus, test, trailRows, settledResult } from "./support/orders";

interface TemplateCase {
  template: string;
  no: string;
  before: string;
  edit(page: Page): Promise<void>;
  after: string;
  post_payments: Record<string, unknown>[];
  post_discounts?: Record<string, unknown>[];
  total_amount: number;
}

const CASES: TemplateCase[] = [
  {
    template: "ebike_charging 二轮电动车充电桩",
    no: "DEMO-P-EBIKE-PAYING-1",
    before: "¥4.00",
    edit: async (page) => {
      await expect(page.getByLabel("收费标准 说明")).toHaveValue("1元/1小时");
      await page.getByLabel("使用时长 说明").fill("2小时10分");
      await page.getByLabel("总金额（元）").fill("3.00");
    },
    after: "¥3.00",
    post_payments: [
      { name: "收费标准", description: "1元/1小时" },
      { name: "使用时长", description: "2小时10分" },
    ],
    total_amount: 300,
  },
  {
    template: "power_bank 充电宝",
    no: "DEMO-I-POWERBANK-PAYING-1",
    before: "¥6.00",
    edit: async (page) => {
      await page.getByLabel("使用时长 说明").fill("0小时58分20秒");
      await page.getByLabel("总金额（元）").fill("3.00");
    },
    after: "¥3.00",
    post_payments: [
      { name: "收费标准", description: "3元/60分钟，每24小时封顶30元" },
      { name: "使用时长", description: "0小时58分20秒" },
    ],
    total_amount: 300,
  },
  {
    template: "bike_sharing 共享单车",
    no: "DEMO-P-BIKE-PAYING-2",
    before: "¥11.00",
    edit: async (page) => {
      // The relocation fee was wrong: the optional line goes, the total follows the lines.
      await page.getByRole("button", { name: "删除 调度费用" }).click();
      await expect(page.getByLabel("调度费用 金额（元）")).toHaveCount(0);
    },
    after: "¥6.00",
    post_payments: [
      { name: "计费规则", description: "骑行费用1.5元/30分钟" },
      { name: "骑行时长", description: "2小时18分05秒" },
      { name: "骑行费用", amount: 600 },
    ],
    total_amount: 600,
  },
  {
    template: "express 快递行业",
    no: "DEMO-I-EXPRESS-PAYING-1",
    before: "¥12.00",
    edit: async (page) => {
      await page.getByLabel("续重费 金额（元）").fill("1.00");
    },
    after: "¥10.00",
    post_payments: [
      { name: "首重费", amount: 1200 },
      { name: "续重费", amount: 100 },
    ],
    post_discounts: [{ name: "新客立减", description: "首单立减3元", amount: 300, count: 1 }],
    total_amount: 1000,
  },
  {
    template: "smart_retail 智慧零售",
    no: "DEMO-P-RETAIL-PAYING-2",
    before: "¥10.00",
    edit: async (page) => {
      await expect(page.getByLabel("商品信息 1 说明")).toHaveValue("可口可乐330ml");
      await page.getByLabel("商品信息 2 金额（元）").fill("5.50");
    },
    after: "¥8.50",
    post_payments: [
      { name: "商品信息", amount: 300, description: "可口可乐330ml", count: 1 },
      { name: "商品信息", amount: 550, description: "乐事薯片70g", count: 1 },
    ],
    total_amount: 850,
  },
  {
    template: "car_charging 汽车充电桩",
    no: "DEMO-I-CARCHG-PAYING-2",
    before: "¥70.00",
    edit: async (page) => {
      await page.getByLabel("费用明细 说明").fill("电费36元，服务费24元");
      await page.getByLabel("总金额（元）").fill("60.00");
    },
    after: "¥60.00",
    post_payments: [
      { name: "计费规则", description: "电费1.2元/度，服务费0.8元/度" },
      { name: "费用明细", description: "电费36元，服务费24元" },
    ],
    total_amount: 6000,
  },
  {
    template: "car_rental 汽车租赁",
    no: "DEMO-P-RENTAL-PAYING-1",
    before: "¥25.00",
    edit: async (page) => {
      await page.getByLabel("ETC高速费用 金额（元）").fill("15.00");
    },
    after: "¥20.00",
    post_payments: [
      { name: "延迟还车费用", amount: 1000, description: "延迟还车2小时", count: 1 },
      { name: "ETC高速费用", amount: 1500, description: "广深高速通行费", count: 1 },
    ],
    post_discounts: [{ name: "会员减免", description: "金卡会员减免5元", amount: 500, count: 1 }],
    total_amount: 2000,
  },
  {
    template: "car_rental 汽车租赁, 0-yuan form (租车相关费用 本次无扣款)",
    no: "DEMO-I-RENTAL-PAYING-2",
    before: "¥99.99",
    edit: async (page) => {
      await page.getByRole("radio", { name: "0元完结（无扣款）" }).check();
      await expect(page.getByText("本次无扣款", { exact: true })).toBeVisible();
      await expect(page.getByLabel("加油费用 金额（元）")).toHaveCount(0);
    },
    after: "¥0.00",
    post_payments: [{ name: "租车相关费用", description: "本次无扣款" }],
    total_amount: 0,
  },
  {
    template: "hotel 酒店行业",
    no: "DEMO-P-HOTEL-PAYING-1",
    before: "¥458.00",
    edit: async (page) => {
      await page.getByLabel("酒店房费 金额（元）").fill("420.00");
      await page.getByLabel("酒店房费 说明").fill("豪华大床房1晚（协议价）");
    },
    after: "¥420.00",
    post_payments: [{ name: "酒店房费", amount: 42000, description: "豪华大床房1晚（协议价）" }],
    total_amount: 42000,
  },
  {
    template: "generic 通用",
    no: "DEMO-I-GENERIC-PAYING-2",
    before: "¥90.00",
    edit: async (page) => {
      await expect(page.getByLabel("付费项目 2 付费名称")).toHaveValue("配件费");
      await page.getByLabel("付费项目 2 金额（元）").fill("20.00");
    },
    after: "¥70.00",
    post_payments: [
      { name: "上门服务费", amount: 5000, description: "上门检测费", count: 1 },
      { name: "配件费", amount: 2000, description: "空调压缩机启动电容", count: 1 },
    ],
    total_amount: 7000,
  },
];

for (const c of CASES) {
  test(`[ORDERS][MODIFY][TEMPLATE]: ${c.template} — the sandbox receives exactly the template's post_payments`, async ({ page, sandbox }) => {
    const order = demoOrder(c.no);
    await openOrder(page, order);
    const card = orderCard(page, order.no);
    await expect(card.getByTestId("order-total")).toHaveText(c.before);

    await c.edit(page);
    await chooseReason(page, "billing_error", "按实际用量重新计费");
    await expect(page.getByTestId("new-total")).toHaveText(c.after);
    await reviewAndConfirm(page, "modify", c.after);

    await expect((await settledResult(page)).getByTestId("result-total")).toHaveText(`${c.before} → ${c.after}`);
    await expect(card.getByTestId("order-total")).toHaveText(c.after);
    await expect(trailRows(page).first()).toHaveAttribute("data-status", "succeeded");

    const writes = await sandbox.writes(order.no);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.op).toBe("modify");
    expect(writes[0]?.status).toBe(successStatus(order));
    expect(writes[0]?.body).toEqual({
      ...identityFields(order),
      post_payments: c.post_payments,
      ...(c.post_discounts ? { post_discounts: c.post_discounts } : {}),
      total_amount: c.total_amount,
      reason: "计费错误：按实际用量重新计费",
    });
  });
}
