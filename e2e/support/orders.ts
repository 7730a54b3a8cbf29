// What the order-page browser tests share: a `test` signed in as the demo agent (storage state from
// auth.setup.ts) with the sandbox's control API as a fixture, the demo orders' identities (so a
// test can state the exact body the sandbox must have received), and the few UI steps every test
// repeats (open an order, pick a reason, review and confirm).
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { SandboxControl, storageStatePath } from "./env";

export { expect };

export const test = base.extend<{ sandbox: SandboxControl }>({
  storageState: storageStatePath("agent"),
  sandbox: async ({ request }, provide) => {
    await provide(new SandboxControl(request));
  },
});

export type Mode = "merchant" | "partner" | "institution";

export interface DemoOrder {
  no: string;
  mode: Mode;
  profileId: string;
  sub: string | null;
}

// Sub-merchant numbers of server/sandbox/world.ts: one per industry, in this order.
const INDUSTRY_TAGS = ["EBIKE", "POWERBANK", "BIKE", "EXPRESS", "RETAIL", "CARCHG", "RENTAL", "HOTEL", "GENERIC"] as const;

/** A demo order of server/sandbox/seed.ts by its number: DEMO-{M|P|I}-{INDUSTRY}-… */
export function demoOrder(no: string): DemoOrder {
  const match = /^DEMO-([MPI])-([A-Z]+)-/.exec(no);
  if (!match) throw new Error(`not a demo order number: ${no}`);
  const mode: Mode = match[1] === "M" ? "merchant" : match[1] === "P" ? "partner" : "institution";
  if (mode === "merchant") return { no, mode, profileId: "demo-merchant", sub: null };
  const index = (INDUSTRY_TAGS as readonly string[]).indexOf(match[2] as string);
  if (index < 0) throw new Error(`unknown industry tag in ${no}`);
  const sub = `${mode === "partner" ? "19000012" : "19000013"}${String(index + 1).padStart(2, "0")}`;
  return { no, mode, profileId: mode === "partner" ? "demo-partner" : "demo-institution", sub };
}

export function orderPath(order: DemoOrder): string {
  const base = `/orders/${order.profileId}/${order.no}`;
  return order.sub ? `${base}?sub=${order.sub}` : base;
}

/**
 * The fields a body of this mode carries from the profile (never typed by the agent): merchant
 * appid + service_id; partner service_id + sub_mchid; institution service_id + sub_mchid + channel_id.
 */
export function identityFields(order: DemoOrder): Record<string, string> {
  switch (order.mode) {
    case "merchant":
      return { appid: "wxd678efh567hg6787", service_id: "00002000000000558128851361561536" };
    case "partner":
      return { service_id: "00002000000000558128851361562222", sub_mchid: order.sub ?? "" };
    case "institution":
      return { service_id: "00002000000000558128851361563333", sub_mchid: order.sub ?? "", channel_id: "1900000399" };
  }
}

/** WeChat answers a merchant-mode write with the order (200), the other modes with 204. */
export function successStatus(order: DemoOrder): number {
  return order.mode === "merchant" ? 200 : 204;
}

export async function openOrder(page: Page, order: DemoOrder): Promise<void> {
  await page.goto(orderPath(order));
  await expect(page.getByRole("heading", { level: 1, name: `订单 ${order.no}` })).toBeVisible();
}

/** The order card (the order as WeChat Pay returned it). */
export function orderCard(page: Page, no: string): Locator {
  return page.getByRole("article", { name: `订单 ${no}` });
}

export function trailRows(page: Page): Locator {
  return page.getByTestId("trail-row");
}

export const REASONS = {
  user_complaint: "用户投诉",
  billing_error: "计费错误",
  device_fault: "设备故障",
  compensation: "优惠补偿",
  other: "其他",
} as const;

export async function chooseReason(page: Page, category: keyof typeof REASONS, text: string): Promise<void> {
  await page.getByLabel("原因类别").selectOption(category);
  await page.getByLabel("修改原因说明").fill(text);
}

const REVIEW = { modify: "核对并提交修改", complete: "核对并完结订单" } as const;
const DIALOG = { modify: "确认修改订单金额", complete: "确认完结订单" } as const;
const CONFIRM = { modify: "确认修改", complete: "确认完结" } as const;

export function reviewButton(page: Page, kind: "modify" | "complete"): Locator {
  return page.getByRole("button", { name: REVIEW[kind] });
}

export function confirmDialog(page: Page, kind: "modify" | "complete"): Locator {
  return page.getByRole("dialog", { name: DIALOG[kind] });
}

/** Submit → the confirmation shows `total` → confirm. Returns once the dialog has closed. */
export async function reviewAndConfirm(page: Page, kind: "modify" | "complete", total: string): Promise<void> {
  await reviewButton(page, kind).click();
  const dialog = confirmDialog(page, kind);
  await expect(dialog.getByTestId("confirm-total")).toHaveText(total);
  await dialog.getByRole("button", { name: CONFIRM[kind], exact: true }).click();
  await expect(dialog).toBeHidden();
}

/**
 * The answer panel once the page has settled: the form shows its own copy of a success only until
 * the page has re-read the order and restarted the form, after which exactly one panel remains.
 */
export async function settledResult(page: Page): Promise<Locator> {
  const panel = page.getByTestId("operation-result");
  await expect(panel).toHaveCount(1);
  return panel;
}

/** A marker on the page's window: still there later means the page was never reloaded. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.assign(window, { __e2eSameDocument: true });
  });
}

export async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => "__e2eSameDocument" in window)).toBe(true);
}
