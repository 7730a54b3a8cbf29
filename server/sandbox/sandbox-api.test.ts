// The Payscore endpoints of the sandbox over real HTTP: signatures both ways, the order of checks
// (Decision 17), every mode's query / modify / complete, states and rules.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unixSeconds } from "@/server/wechatpay/crypto";
import { findSeedOrder } from "@/server/sandbox/seed";
import {
  control,
  idFields,
  identityByMode,
  obj,
  opPath,
  postOp,
  queryOrder,
  queryPath,
  signedCall,
  startTestSandbox,
  type TestSandbox,
} from "@/server/sandbox/test-support";

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});

afterAll(async () => {
  await t.stop();
});

beforeEach(async () => {
  await control(t, "POST", "/__sandbox/reset");
});

function expectError(result: { status: number; json: unknown }, status: number, code: string, messageIncludes?: string) {
  expect(result.status).toBe(status);
  const body = obj(result.json);
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe("string");
  if (messageIncludes !== undefined) expect(body.message).toContain(messageIncludes);
}

async function orderOf(outOrderNo: string): Promise<Record<string, unknown>> {
  const result = await queryOrder(t, outOrderNo);
  expect(result.status).toBe(200);
  return obj(result.json);
}

const HOTEL_LOWER = {
  post_payments: [{ name: "酒店房费", amount: 40000, description: "豪华大床房1晚（协商减免）" }],
  total_amount: 40000,
  reason: "客诉协商减免房费",
};

// ---------------------------------------------------------------------------------------------

describe("request signature (401 SIGN_ERROR)", () => {
  const info = () => findSeedOrder("DEMO-M-HOTEL-PAYING-1");

  it("answers an unsigned request with a signed 401 SIGN_ERROR", async () => {
    const result = await signedCall(t, { method: "GET", path: queryPath(info()), mchid: info().mchid, authorization: null });
    expectError(result, 401, "SIGN_ERROR");
    expect(result.signatureValid).toBe(true);
    expect(result.headers.get("Request-ID")).toBeTruthy();
  });

  it("refuses a body changed after signing, and changes nothing", async () => {
    const before = await orderOf("DEMO-M-HOTEL-PAYING-1");
    const body = { ...idFields(info()), ...HOTEL_LOWER };
    const result = await signedCall(t, {
      method: "POST",
      path: opPath(info(), "modify"),
      mchid: info().mchid,
      body,
      sendBody: JSON.stringify({ ...body, total_amount: 39999 }),
    });
    expectError(result, 401, "SIGN_ERROR");
    expect(await orderOf("DEMO-M-HOTEL-PAYING-1")).toEqual(before);
  });

  it("refuses a query string changed after signing", async () => {
    const result = await signedCall(t, {
      method: "GET",
      path: queryPath(info()),
      sendPath: queryPath(info(), { out_order_no: "DEMO-M-HOTEL-PAYING-2" }),
      mchid: info().mchid,
    });
    expectError(result, 401, "SIGN_ERROR");
  });

  it("refuses a stale timestamp", async () => {
    const stale = String(Number(unixSeconds()) - 400);
    const result = await signedCall(t, { method: "GET", path: queryPath(info()), mchid: info().mchid, timestamp: stale });
    expectError(result, 401, "SIGN_ERROR", "300");
    const future = String(Number(unixSeconds()) + 400);
    expectError(await signedCall(t, { method: "GET", path: queryPath(info()), mchid: info().mchid, timestamp: future }), 401, "SIGN_ERROR");
  });

  it("refuses an unknown mchid, a wrong serial_no and another merchant's key", async () => {
    expectError(
      await signedCall(t, {
        method: "GET",
        path: queryPath(info()),
        mchid: info().mchid,
        authorization: 'WECHATPAY2-SHA256-RSA2048 mchid="1999999999",nonce_str="abc",timestamp="1",serial_no="X",signature="AAAA"',
      }),
      401,
      "SIGN_ERROR",
      "1999999999",
    );
    expectError(
      await signedCall(t, { method: "GET", path: queryPath(info()), mchid: info().mchid, serial: "0123456789ABCDEF" }),
      401,
      "SIGN_ERROR",
      "序列号",
    );
    expectError(
      await signedCall(t, { method: "GET", path: queryPath(info()), mchid: info().mchid, privateKeyOf: identityByMode("partner").mchid }),
      401,
      "SIGN_ERROR",
      "签名错误",
    );
  });

  it("signs every answer (200, 204, 4xx) with the platform key and a unique Request-ID", async () => {
    const ok = await queryOrder(t, "DEMO-M-HOTEL-PAYING-1");
    const noContent = await postOp(t, "DEMO-P-HOTEL-PAYING-1", "modify", {
      post_payments: [{ name: "酒店房费", amount: 40000, description: "豪华大床房1晚" }],
      total_amount: 40000,
      reason: "房费协商减免",
    });
    const notFound = await signedCall(t, {
      method: "GET",
      path: queryPath(findSeedOrder("DEMO-M-HOTEL-PAYING-1"), { out_order_no: "NO-SUCH-ORDER" }),
      mchid: identityByMode("merchant").mchid,
    });
    expect([ok.status, noContent.status, notFound.status]).toEqual([200, 204, 404]);
    expect(noContent.text).toBe("");
    for (const result of [ok, noContent, notFound]) {
      expect(result.signatureValid).toBe(true);
      expect(result.headers.get("Wechatpay-Serial")).toMatch(/^PUB_KEY_ID_/);
      expect(result.headers.get("Content-Type")).toContain("application/json");
    }
    const ids = new Set([ok, noContent, notFound].map((result) => result.headers.get("Request-ID")));
    expect(ids.size).toBe(3);
  });
});

describe("clock skew boundary (fixed clock)", () => {
  it("accepts exactly 300 s and refuses 301 s", async () => {
    const fixed = new Date(Math.floor(Date.now() / 1000) * 1000);
    const clocked = await startTestSandbox({ now: () => fixed, keysDir: t.keys.dir });
    try {
      const info = findSeedOrder("DEMO-M-HOTEL-PAYING-1");
      const base = Math.floor(fixed.getTime() / 1000);
      const at = async (ts: number) =>
        (await signedCall(clocked, { method: "GET", path: queryPath(info), mchid: info.mchid, timestamp: String(ts) })).status;
      expect(await at(base - 300)).toBe(200);
      expect(await at(base + 300)).toBe(200);
      expect(await at(base - 301)).toBe(401);
      expect(await at(base + 301)).toBe(401);
    } finally {
      await clocked.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("query", () => {
  it("answers 200 + the order object in each mode", async () => {
    const merchant = await orderOf("DEMO-M-HOTEL-PAYING-1");
    expect(merchant).toMatchObject({
      out_order_no: "DEMO-M-HOTEL-PAYING-1",
      mchid: identityByMode("merchant").mchid,
      appid: identityByMode("merchant").appid,
      state: "DOING",
      state_description: "MCH_COMPLETE",
      need_collection: true,
      collection: { state: "USER_PAYING" },
      risk_fund: { name: "ESTIMATE_ORDER_COST" },
    });
    expect(merchant.sub_mchid).toBeUndefined();

    const partner = await orderOf("DEMO-P-POWERBANK-PAYING-1");
    expect(partner).toMatchObject({ mchid: identityByMode("partner").mchid, sub_mchid: findSeedOrder("DEMO-P-POWERBANK-PAYING-1").sub_mchid });
    expect(typeof partner.appid).toBe("string");

    const institution = await orderOf("DEMO-I-RENTAL-READY-1");
    expect(institution).toMatchObject({ channel_id: identityByMode("institution").channel_id, state: "DOING", state_description: "USER_CONFIRM" });
  });

  it("answers 404 ORDER_NOT_EXIST for an unknown number, a wrong appid, sub_mchid, service_id or channel_id", async () => {
    const merchant = findSeedOrder("DEMO-M-HOTEL-PAYING-1");
    const partner = findSeedOrder("DEMO-P-HOTEL-PAYING-1");
    const institution = findSeedOrder("DEMO-I-HOTEL-PAYING-1");
    const cases: [typeof merchant, Record<string, string>][] = [
      [merchant, { out_order_no: "DEMO-NOPE-1" }],
      [merchant, { appid: "wx0000000000000000" }],
      [merchant, { service_id: "00002000000000000000000000000000" }],
      [partner, { sub_mchid: findSeedOrder("DEMO-P-EXPRESS-PAYING-1").sub_mchid as string }],
      [institution, { channel_id: "1900000000" }],
    ];
    for (const [info, overrides] of cases) {
      expectError(await signedCall(t, { method: "GET", path: queryPath(info, overrides), mchid: info.mchid }), 404, "ORDER_NOT_EXIST");
    }
  });

  it("answers 400 PARAM_ERROR naming a missing query parameter", async () => {
    const info = findSeedOrder("DEMO-I-HOTEL-PAYING-1");
    const path = `/v3/payscore/acquiringbank/serviceorder?service_id=${info.service_id}&sub_mchid=${info.sub_mchid}&out_order_no=${info.out_order_no}`;
    expectError(await signedCall(t, { method: "GET", path, mchid: info.mchid }), 400, "PARAM_ERROR", "channel_id");
  });

  it("answers 403 NO_AUTH when a caller uses another mode's endpoint", async () => {
    const info = findSeedOrder("DEMO-M-HOTEL-PAYING-1");
    expectError(await signedCall(t, { method: "GET", path: queryPath(info), mchid: identityByMode("partner").mchid }), 403, "NO_AUTH");
  });

  it("answers 404 NOT_FOUND for an unknown path and 405 for a wrong method", async () => {
    const mchid = identityByMode("merchant").mchid;
    expectError(await signedCall(t, { method: "GET", path: "/v3/payscore/nothing", mchid }), 404, "NOT_FOUND");
    expectError(await signedCall(t, { method: "POST", path: "/v3/payscore/serviceorder", mchid, body: {} }), 405, "METHOD_NOT_ALLOWED");
  });
});

// ---------------------------------------------------------------------------------------------

describe("modify", () => {
  it("merchant: 200 + order; replaces lines and total, collection per Decision 18; may lower again", async () => {
    const result = await postOp(t, "DEMO-M-HOTEL-PAYING-2", "modify", {
      post_payments: [
        { name: "酒店房费", amount: 80000, description: "豪华大床房2晚（减免）" },
        { name: "其他杂费", amount: 1000, description: "迷你吧饮品（部分）" },
      ],
      post_discounts: [{ name: "客诉补偿", description: "客诉补偿10元", amount: 1000 }],
      total_amount: 80000,
      reason: "客诉：房间空调故障",
    });
    expect(result.status).toBe(200);
    expect(result.signatureValid).toBe(true);
    const answered = obj(result.json);
    expect(answered).toMatchObject({
      out_order_no: "DEMO-M-HOTEL-PAYING-2",
      state: "DOING",
      state_description: "MCH_COMPLETE",
      total_amount: 80000,
      collection: { state: "USER_PAYING", total_amount: 80000, paying_amount: 80000, paid_amount: 0 },
    });
    expect(answered.post_payments).toHaveLength(2);
    expect(answered.post_discounts).toEqual([{ name: "客诉补偿", description: "客诉补偿10元", amount: 1000 }]);
    expect(await orderOf("DEMO-M-HOTEL-PAYING-2")).toEqual(answered);

    const again = await postOp(t, "DEMO-M-HOTEL-PAYING-2", "modify", {
      post_payments: [{ name: "酒店房费", amount: 70000, description: "豪华大床房2晚（再减免）" }],
      total_amount: 70000,
      reason: "再次协商",
    });
    expect(again.status).toBe(200);
    expect(obj(again.json).post_discounts).toBeUndefined();
    expect(obj(again.json).total_amount).toBe(70000);
  });

  it("partner: 204, then a second modify is refused with INVALID_ORDER_STATE", async () => {
    const body = {
      post_payments: [{ name: "收费标准", description: "3元/60分钟，每24小时封顶30元" }, { name: "使用时长", description: "1小时38分20秒" }],
      total_amount: 300,
      reason: "归还成功后多计费",
    };
    const first = await postOp(t, "DEMO-P-POWERBANK-PAYING-1", "modify", body);
    expect(first.status).toBe(204);
    expect(first.text).toBe("");
    expect(await orderOf("DEMO-P-POWERBANK-PAYING-1")).toMatchObject({ total_amount: 300, collection: { paying_amount: 300 } });
    const second = await postOp(t, "DEMO-P-POWERBANK-PAYING-1", "modify", { ...body, total_amount: 200 });
    expectError(second, 400, "INVALID_ORDER_STATE", "只能修改一次");
    expect(await orderOf("DEMO-P-POWERBANK-PAYING-1")).toMatchObject({ total_amount: 300 });
    expectError(await postOp(t, "DEMO-P-HOTEL-MODIFIED-1", "modify", { ...HOTEL_LOWER, total_amount: 100, post_payments: [{ name: "酒店房费", amount: 100, description: "x" }] }), 400, "INVALID_ORDER_STATE");
  });

  it("institution: 204, several modifies each lower", async () => {
    const lines = (amount: number) => ({
      post_payments: [{ name: "首重费", amount }],
      total_amount: amount,
      reason: "重量复核后下调",
    });
    expect((await postOp(t, "DEMO-I-EXPRESS-PAYING-2", "modify", lines(1000))).status).toBe(204);
    expect((await postOp(t, "DEMO-I-EXPRESS-PAYING-2", "modify", lines(900))).status).toBe(204);
    const order = await orderOf("DEMO-I-EXPRESS-PAYING-2");
    expect(order).toMatchObject({ total_amount: 900, post_payments: [{ name: "首重费", amount: 900 }] });
    expectError(await postOp(t, "DEMO-I-EXPRESS-PAYING-2", "modify", lines(900)), 400, "PARAM_ERROR", "total_amount");
  });

  it("refuses a modify while the deduction runs (单据正在扣款中)", async () => {
    expectError(await postOp(t, "DEMO-M-HOTEL-DEDUCTING-1", "modify", HOTEL_LOWER), 400, "INVALID_ORDER_STATE", "单据正在扣款中，请稍后再试");
  });

  it("refuses orders not awaiting payment with INVALID_ORDER_STATE", async () => {
    for (const no of ["DEMO-M-HOTEL-READY-1", "DEMO-M-HOTEL-CREATED-1", "DEMO-M-HOTEL-PAID-1", "DEMO-M-HOTEL-REVOKED-1", "DEMO-M-HOTEL-EXPIRED-1"]) {
      expectError(await postOp(t, no, "modify", HOTEL_LOWER), 400, "INVALID_ORDER_STATE");
    }
  });

  it("checks in the order of Decision 17: shape → existence → state → rules", async () => {
    // A bad body on an unknown order: shape first.
    const bad = await signedCall(t, {
      method: "POST",
      path: opPath(findSeedOrder("DEMO-M-HOTEL-PAYING-1"), "modify", "NO-SUCH-ORDER"),
      mchid: identityByMode("merchant").mchid,
      body: { ...idFields(findSeedOrder("DEMO-M-HOTEL-PAYING-1")), ...HOTEL_LOWER, reason: undefined },
    });
    expectError(bad, 400, "PARAM_ERROR", "reason");
    // A good body on an unknown order: not found.
    const missing = await signedCall(t, {
      method: "POST",
      path: opPath(findSeedOrder("DEMO-M-HOTEL-PAYING-1"), "modify", "NO-SUCH-ORDER"),
      mchid: identityByMode("merchant").mchid,
      body: { ...idFields(findSeedOrder("DEMO-M-HOTEL-PAYING-1")), ...HOTEL_LOWER },
    });
    expectError(missing, 404, "ORDER_NOT_EXIST");
    // Wrong appid → not found, even on an existing order.
    expectError(await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", { ...HOTEL_LOWER, appid: "wx0000000000000000" }), 404, "ORDER_NOT_EXIST");
    // Rule-breaking body on a wrong-state order: state first.
    expectError(await postOp(t, "DEMO-M-HOTEL-READY-1", "modify", { ...HOTEL_LOWER, total_amount: 999999 }), 400, "INVALID_ORDER_STATE");
  });

  const ruleCases: { name: string; no: string; body: Record<string, unknown>; field: string }[] = [
    { name: "reason missing", no: "DEMO-M-HOTEL-PAYING-1", body: { ...HOTEL_LOWER, reason: undefined }, field: "reason" },
    { name: "reason over 50 characters", no: "DEMO-M-HOTEL-PAYING-1", body: { ...HOTEL_LOWER, reason: "退".repeat(51) }, field: "reason" },
    {
      name: "description over 30 characters",
      no: "DEMO-M-HOTEL-PAYING-1",
      body: { ...HOTEL_LOWER, post_payments: [{ name: "酒店房费", amount: 40000, description: "房".repeat(31) }] },
      field: "post_payments[0].description",
    },
    { name: "no lines", no: "DEMO-M-HOTEL-PAYING-1", body: { ...HOTEL_LOWER, post_payments: [] }, field: "post_payments" },
    {
      name: "negative amount",
      no: "DEMO-M-HOTEL-PAYING-1",
      body: { ...HOTEL_LOWER, post_payments: [{ name: "酒店房费", amount: -1, description: "x" }] },
      field: "post_payments[0].amount",
    },
    {
      name: "fractional amount",
      no: "DEMO-M-HOTEL-PAYING-1",
      body: { ...HOTEL_LOWER, post_payments: [{ name: "酒店房费", amount: 400.5, description: "x" }] },
      field: "post_payments[0].amount",
    },
    {
      name: "count 0",
      no: "DEMO-P-RETAIL-PAYING-2",
      body: { post_payments: [{ name: "商品信息", amount: 300, description: "可乐", count: 0 }], total_amount: 300, reason: "少扣" },
      field: "post_payments[0].count",
    },
    { name: "unknown field (appid in a partner body)", no: "DEMO-P-HOTEL-PAYING-1", body: { ...HOTEL_LOWER, appid: "wx1" }, field: "appid" },
    { name: "device in an institution body", no: "DEMO-I-HOTEL-PAYING-1", body: { ...HOTEL_LOWER, device: { start_device_id: "A" } }, field: "device" },
    {
      name: "Σ rule",
      no: "DEMO-M-HOTEL-PAYING-1",
      body: { ...HOTEL_LOWER, total_amount: 39000 },
      field: "total_amount",
    },
    {
      name: "only lower (equal total)",
      no: "DEMO-M-HOTEL-PAYING-1",
      body: { ...HOTEL_LOWER, post_payments: [{ name: "酒店房费", amount: 45800, description: "豪华大床房1晚" }], total_amount: 45800 },
      field: "total_amount",
    },
    {
      name: "above the risk fund",
      no: "DEMO-P-EBIKE-PAYING-1",
      body: { post_payments: [{ name: "收费标准", description: "1元/1小时" }, { name: "使用时长", description: "3小时" }], total_amount: 2001, reason: "r" },
      field: "total_amount",
    },
    {
      name: "hotel without 酒店房费",
      no: "DEMO-M-HOTEL-PAYING-1",
      body: { ...HOTEL_LOWER, post_payments: [{ name: "其他杂费", amount: 40000, description: "杂费" }] },
      field: "post_payments",
    },
    {
      name: "hotel 其他杂费 twice",
      no: "DEMO-M-HOTEL-PAYING-2",
      body: {
        post_payments: [
          { name: "酒店房费", amount: 40000, description: "房费" },
          { name: "其他杂费", amount: 100, description: "a" },
          { name: "其他杂费", amount: 100, description: "b" },
        ],
        total_amount: 40200,
        reason: "r",
      },
      field: "post_payments[2].name",
    },
    {
      name: "unknown line name",
      no: "DEMO-P-EXPRESS-PAYING-1",
      body: { post_payments: [{ name: "首重费", amount: 500 }, { name: "运费", amount: 100 }], total_amount: 600, reason: "r" },
      field: "post_payments[1].name",
    },
    {
      name: "express description forbidden",
      no: "DEMO-P-EXPRESS-PAYING-1",
      body: { post_payments: [{ name: "首重费", amount: 500, description: "首重" }], total_amount: 500, reason: "r" },
      field: "post_payments[0].description",
    },
    {
      name: "charging amount forbidden",
      no: "DEMO-I-EBIKE-PAYING-1",
      body: { post_payments: [{ name: "收费标准", description: "1元/1小时", amount: 100 }, { name: "使用时长", description: "1小时" }], total_amount: 100, reason: "r" },
      field: "post_payments[0].amount",
    },
    {
      name: "car rental 0-yuan form with a total",
      no: "DEMO-P-RENTAL-PAYING-2",
      body: { post_payments: [{ name: "租车相关费用", description: "本次无扣款" }], total_amount: 100, reason: "r" },
      field: "total_amount",
    },
    {
      name: "car rental 0-yuan fixed description",
      no: "DEMO-P-RENTAL-PAYING-2",
      body: { post_payments: [{ name: "租车相关费用", description: "不扣款" }], total_amount: 0, reason: "r" },
      field: "post_payments[0].description",
    },
    {
      name: "partner discount without description",
      no: "DEMO-P-HOTEL-PAYING-2",
      body: {
        post_payments: [{ name: "酒店房费", amount: 40000, description: "房费" }],
        post_discounts: [{ name: "优惠", amount: 100 }],
        total_amount: 39900,
        reason: "r",
      },
      field: "post_discounts[0].description",
    },
    {
      name: "duplicate discount names",
      no: "DEMO-M-HOTEL-PAYING-2",
      body: {
        post_payments: [{ name: "酒店房费", amount: 40000, description: "房费" }],
        post_discounts: [
          { name: "优惠", amount: 100, description: "a" },
          { name: "优惠", amount: 100, description: "b" },
        ],
        total_amount: 39800,
        reason: "r",
      },
      field: "post_discounts[1].name",
    },
  ];

  for (const c of ruleCases) {
    it(`400 PARAM_ERROR naming the field: ${c.name}`, async () => {
      const before = await orderOf(c.no);
      const result = await postOp(t, c.no, "modify", c.body);
      expectError(result, 400, "PARAM_ERROR", c.field);
      expect(obj(obj(result.json).detail).field).toBe(c.field);
      expect(await orderOf(c.no)).toEqual(before);
    });
  }

  it("accepts the 0-yuan car rental form as a modify", async () => {
    const result = await postOp(t, "DEMO-P-RENTAL-PAYING-2", "modify", {
      post_payments: [{ name: "租车相关费用", description: "本次无扣款" }],
      total_amount: 0,
      reason: "核查后无需扣款",
    });
    expect(result.status).toBe(204);
    expect(await orderOf("DEMO-P-RENTAL-PAYING-2")).toMatchObject({ total_amount: 0, collection: { state: "USER_PAYING", paying_amount: 0 } });
  });

  it("refuses a bad out_order_no in the path, a non-JSON body and a missing Content-Type", async () => {
    const info = findSeedOrder("DEMO-M-HOTEL-PAYING-1");
    const body = { ...idFields(info), ...HOTEL_LOWER };
    expectError(
      await signedCall(t, { method: "POST", path: opPath(info, "modify", "BAD NO!"), mchid: info.mchid, body }),
      400,
      "PARAM_ERROR",
      "out_order_no",
    );
    expectError(
      await signedCall(t, { method: "POST", path: opPath(info, "modify"), mchid: info.mchid, body, sendBody: "{oops", signBody: "{oops" }),
      400,
      "PARAM_ERROR",
      "JSON",
    );
    expectError(await signedCall(t, { method: "POST", path: opPath(info, "modify"), mchid: info.mchid, body, contentType: null }), 400, "INVALID_REQUEST");
  });
});

// ---------------------------------------------------------------------------------------------

function nowBeijing(offsetMs = 0): string {
  const d = new Date(Date.now() + 8 * 3600_000 + offsetMs);
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

describe("complete", () => {
  it("merchant: 200 + order, DOING + MCH_COMPLETE, USER_PAYING; a second complete is refused", async () => {
    const body = {
      post_payments: [{ name: "酒店房费", amount: 45800, description: "豪华大床房1晚" }, { name: "其他杂费", amount: 1500, description: "洗衣服务" }],
      total_amount: 47300,
      time_range: { end_time: nowBeijing(-60_000), end_time_remark: "离店时间" },
      location: { end_location: "北京市海淀区中关村大街27号" },
    };
    const result = await postOp(t, "DEMO-M-HOTEL-READY-1", "complete", body);
    expect(result.status).toBe(200);
    expect(obj(result.json)).toMatchObject({
      state: "DOING",
      state_description: "MCH_COMPLETE",
      need_collection: true,
      total_amount: 47300,
      collection: { state: "USER_PAYING", total_amount: 47300, paying_amount: 47300, paid_amount: 0 },
      time_range: { end_time: body.time_range.end_time },
    });
    expectError(await postOp(t, "DEMO-M-HOTEL-READY-1", "complete", body), 400, "INVALID_ORDER_STATE", "完结订单状态不合法");
  });

  it("partner and institution: 204, then the query shows MCH_COMPLETE", async () => {
    const partner = await postOp(t, "DEMO-P-CARCHG-READY-1", "complete", {
      post_payments: [
        { name: "计费规则", description: "电费1.2元/度，服务费0.8元/度" },
        { name: "费用明细", description: "电费36元，服务费24元" },
      ],
      total_amount: 6000,
      complete_time: "2026-01-01T10:00:00+08:00",
    });
    expect(partner.status).toBe(204);
    expect(await orderOf("DEMO-P-CARCHG-READY-1")).toMatchObject({ state: "DOING", state_description: "MCH_COMPLETE", total_amount: 6000 });

    const institution = await postOp(t, "DEMO-I-RETAIL-READY-1", "complete", {
      post_payments: [
        { name: "商品信息", amount: 300, description: "可乐", count: 1 },
        { name: "商品信息", amount: 300, description: "雪碧", count: 1 },
      ],
      total_amount: 600,
    });
    expect(institution.status).toBe(204);
    expect(await orderOf("DEMO-I-RETAIL-READY-1")).toMatchObject({ state_description: "MCH_COMPLETE", collection: { state: "USER_PAYING" } });
  });

  it("completes a car rental order with 0 yuan", async () => {
    const result = await postOp(t, "DEMO-I-RENTAL-READY-2", "complete", {
      post_payments: [{ name: "租车相关费用", description: "本次无扣款" }],
      total_amount: 0,
    });
    expect(result.status).toBe(204);
    expect(await orderOf("DEMO-I-RENTAL-READY-2")).toMatchObject({ total_amount: 0, state_description: "MCH_COMPLETE" });
  });

  it("needs time_range.end_time when create had none, not in the future, after the start", async () => {
    const lines = { post_payments: [{ name: "首重费", amount: 1200 }], total_amount: 1200 };
    expectError(await postOp(t, "DEMO-P-EXPRESS-READY-NOEND-1", "complete", lines), 400, "PARAM_ERROR", "time_range.end_time");
    expectError(
      await postOp(t, "DEMO-P-EXPRESS-READY-NOEND-1", "complete", { ...lines, time_range: { end_time: nowBeijing(3600_000) } }),
      400,
      "PARAM_ERROR",
      "time_range.end_time",
    );
    expectError(
      await postOp(t, "DEMO-P-EXPRESS-READY-NOEND-1", "complete", { ...lines, time_range: { end_time: nowBeijing(-5 * 3600_000) } }),
      400,
      "PARAM_ERROR",
      "time_range.end_time",
    );
    expect((await postOp(t, "DEMO-P-EXPRESS-READY-NOEND-1", "complete", { ...lines, time_range: { end_time: nowBeijing(-1000) } })).status).toBe(204);
  });

  it("refuses CREATED until the user confirms (control API), then completes", async () => {
    const body = { post_payments: [{ name: "酒店房费", amount: 45800, description: "豪华大床房1晚" }], total_amount: 45800 };
    expectError(await postOp(t, "DEMO-M-HOTEL-CREATED-1", "complete", body), 400, "INVALID_ORDER_STATE");
    expect((await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-CREATED-1/confirm")).status).toBe(200);
    expect(await orderOf("DEMO-M-HOTEL-CREATED-1")).toMatchObject({ state: "DOING", state_description: "USER_CONFIRM" });
    expect((await postOp(t, "DEMO-M-HOTEL-CREATED-1", "complete", body)).status).toBe(200);
  });

  it("institution time_range needs start_time", async () => {
    const result = await postOp(t, "DEMO-I-HOTEL-READY-1", "complete", {
      post_payments: [{ name: "酒店房费", amount: 45800, description: "豪华大床房1晚" }],
      total_amount: 45800,
      time_range: { end_time: nowBeijing(-1000) },
    });
    expectError(result, 400, "PARAM_ERROR", "time_range.start_time");
  });
});

describe("payment", () => {
  it("control pay: DONE + USER_PAID with a NEWTON detail; modify is then refused", async () => {
    const paid = await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-PAYING-3/pay");
    expect(paid.status).toBe(200);
    const order = await orderOf("DEMO-M-HOTEL-PAYING-3");
    const total = findSeedOrder("DEMO-M-HOTEL-PAYING-3").total_amount;
    expect(order).toMatchObject({
      state: "DONE",
      collection: { state: "USER_PAID", total_amount: total, paying_amount: 0, paid_amount: total },
    });
    const detail = obj((obj(order.collection).details as unknown[])[0]);
    expect(detail).toMatchObject({ seq: 1, amount: total, paid_type: "NEWTON" });
    expect(detail.paid_time).toMatch(/^\d{14}$/);
    expect(detail.transaction_id).toMatch(/^\d{28}$/);
    expectError(await postOp(t, "DEMO-M-HOTEL-PAYING-3", "modify", HOTEL_LOWER), 400, "INVALID_ORDER_STATE", "已支付");
    expect((await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-PAYING-3/pay")).status).toBe(409);
  });

  it("auto-pay after the configured delay", async () => {
    await control(t, "POST", "/__sandbox/settings", { autoPayAfterMs: 100 });
    const result = await postOp(t, "DEMO-M-HOTEL-PAYING-4", "modify", {
      post_payments: [{ name: "酒店房费", amount: 100000, description: "豪华大床房" }],
      total_amount: 100000,
      reason: "协商",
    });
    expect(result.status).toBe(200);
    expect(obj(result.json).state).toBe("DOING");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await orderOf("DEMO-M-HOTEL-PAYING-4")).toMatchObject({ state: "DONE", collection: { state: "USER_PAID", paid_amount: 100000 } });
  });
});
