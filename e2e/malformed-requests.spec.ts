// Hostile order URLs: the order API answers 400 with a code (never 500, never a 502 for a request
// that was not sent), the order page says the order number is invalid, and nothing reaches the
// sandbox for any of them. Against the production build (`next start`), signed in as the agent.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { APP_URL, SANDBOX_URL, storageStatePath } from "./support/env";

interface SandboxLog {
  requests: { out_order_no: string | null; path: string }[];
  lastSeq: number;
}

async function sandboxLogSince(request: APIRequestContext, since: number): Promise<SandboxLog> {
  const response = await request.get(`${SANDBOX_URL}/__sandbox/requests?since=${since}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as SandboxLog;
}

const VALID_ORDER = "DEMO-M-HOTEL-PAYING-7";
const PARTNER_ORDER = "DEMO-P-EBIKE-CREATED-1";
const PARTNER_SUB = "1900001201";

/** Bad out_order_no values as they appear in the URL, and the issue the API must report. */
const BAD_NUMBERS: { raw: string; issue: { code: string; params?: Record<string, number> } }[] = [
  { raw: "X%00", issue: { code: "invalid_format" } },
  { raw: "bad%20no", issue: { code: "invalid_format" } },
  { raw: "a%2Fb", issue: { code: "invalid_format" } },
  { raw: "..%2F..%2Fetc%2Fpasswd", issue: { code: "invalid_format" } },
  { raw: "%E4%B8%AD%E6%96%87%E8%AE%A2%E5%8D%95", issue: { code: "invalid_format" } },
  { raw: "X%25", issue: { code: "invalid_format" } },
  { raw: "A@B", issue: { code: "invalid_format" } },
  { raw: "A".repeat(33), issue: { code: "too_long", params: { max: 32 } } },
  { raw: "A".repeat(4_000), issue: { code: "too_long", params: { max: 32 } } },
];

/** Percent-encoding that cannot be decoded at all: Next fails on these before any route code runs. */
const UNDECODABLE = ["%E0%A4%A", "%", "%ZZ", "ok%E0%A4", "%C0%AF"];

test.describe("[ORDERS][MALFORMED] the order API", () => {
  test.use({ storageState: storageStatePath("agent") });

  test("[ORDERS][MALFORMED]: a bad out_order_no → 400 INVALID_INPUT naming out_order_no; nothing sent", async ({ request }) => {
    const { lastSeq } = await sandboxLogSince(request, 0);
    for (const { raw, issue } of BAD_NUMBERS) {
      const response = await request.get(`/api/orders/demo-merchant/${raw}`);
      expect(response.status(), raw).toBe(400);
      expect(await response.json(), raw).toEqual({ ok: false, error: { code: "INVALID_INPUT", issues: [{ path: ["out_order_no"], ...issue }] } });
    }
    const after = await sandboxLogSince(request, lastSeq);
    expect(after.requests.map((entry) => entry.path)).toEqual([]);
  });

  test("[ORDERS][MALFORMED]: undecodable percent-encoding → 400 INVALID_INPUT (reason undecodable_path); nothing sent", async ({ request }) => {
    const { lastSeq } = await sandboxLogSince(request, 0);
    for (const raw of UNDECODABLE) {
      for (const path of [`/api/orders/demo-merchant/${raw}`, `/api/orders/${raw}/${VALID_ORDER}`]) {
        const response = await request.get(path);
        expect(response.status(), path).toBe(400);
        expect(await response.json(), path).toEqual({ ok: false, error: { code: "INVALID_INPUT", reason: "undecodable_path" } });
      }
    }
    const after = await sandboxLogSince(request, lastSeq);
    expect(after.requests.map((entry) => entry.path)).toEqual([]);
  });

  test("[ORDERS][MALFORMED]: a bad sub (sub_mchid) → 400 INVALID_INPUT naming sub_mchid; an unknown well-formed one stays 404", async ({ request }) => {
    const { lastSeq } = await sandboxLogSince(request, 0);
    for (const sub of ["%00", "A".repeat(33), "%E0%A4%A", "has%20space", "%E4%B8%AD"]) {
      const path = `/api/orders/demo-partner/${PARTNER_ORDER}?sub=${sub}`;
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.json(), path).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", issues: [{ path: ["sub_mchid"] }] } });
    }
    const twice = await request.get(`/api/orders/demo-partner/${PARTNER_ORDER}?sub=${PARTNER_SUB}&sub=1900001202`);
    expect(twice.status()).toBe(400);
    expect(await twice.json()).toEqual({ ok: false, error: { code: "INVALID_INPUT", issues: [{ path: ["sub_mchid"], code: "invalid_value" }] } });
    expect((await sandboxLogSince(request, lastSeq)).requests.map((entry) => entry.path)).toEqual([]);

    const unknown = await request.get(`/api/orders/demo-partner/${PARTNER_ORDER}?sub=1900009999`);
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error: { code: "NOT_FOUND" } });
  });

  test("[ORDERS][MALFORMED]: well-formed requests still work (merchant, partner with its sub)", async ({ request }) => {
    const merchant = await request.get(`/api/orders/demo-merchant/${VALID_ORDER}`);
    expect(merchant.status()).toBe(200);
    expect(await merchant.json()).toMatchObject({ ok: true, snapshot: { order: { out_order_no: VALID_ORDER } } });
    const partner = await request.get(`/api/orders/demo-partner/${PARTNER_ORDER}?sub=${PARTNER_SUB}`);
    expect(partner.status()).toBe(200);
    expect(await partner.json()).toMatchObject({ ok: true, snapshot: { order: { out_order_no: PARTNER_ORDER } } });
  });
});

test.describe("[ORDERS][MALFORMED] the order page", () => {
  test.use({ storageState: storageStatePath("agent") });

  test("[ORDERS][MALFORMED]: a bad order number in the URL shows 订单号无效 / Invalid order number, and nothing is sent", async ({ page, request, context }) => {
    const { lastSeq } = await sandboxLogSince(request, 0);
    for (const raw of ["X%00", "bad%20no", "A".repeat(40), "X%25"]) {
      const response = await page.goto(`/orders/demo-merchant/${raw}`);
      expect(response?.status(), raw).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "无法打开订单" })).toBeVisible();
      await expect(page.getByRole("alert").filter({ hasText: "订单号无效" })).toContainText("_-|*");
    }
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: APP_URL }]);
    await page.goto("/orders/demo-merchant/X%00");
    await expect(page.getByRole("alert").filter({ hasText: "Invalid order number" })).toBeVisible();
    await page.goto(`/orders/demo-partner/${PARTNER_ORDER}?sub=%00`);
    await expect(page.getByRole("alert").filter({ hasText: "Invalid sub-merchant number" })).toBeVisible();
    expect((await sandboxLogSince(request, lastSeq)).requests.map((entry) => entry.path)).toEqual([]);
  });

  test("[ORDERS][MALFORMED]: undecodable percent-encoding in a page URL → 400 with a plain explanation, nothing sent", async ({ request }) => {
    const { lastSeq } = await sandboxLogSince(request, 0);
    for (const raw of UNDECODABLE) {
      const response = await request.get(`/orders/demo-merchant/${raw}`);
      expect(response.status(), raw).toBe(400);
      const text = await response.text();
      expect(text).toContain("地址无法解析");
      expect(text).toContain("The address cannot be decoded");
    }
    expect((await sandboxLogSince(request, lastSeq)).requests.map((entry) => entry.path)).toEqual([]);
  });
});
