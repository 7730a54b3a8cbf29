import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWechatPayClient, type WechatPayClient } from "./client";
import { WechatPayError, toSafeError } from "./errors";
import { completeServiceOrder, modifyServiceOrder, queryServiceOrder } from "./payscore";
import {
  TEST_MCHID,
  TEST_MERCHANT_SERIAL,
  TEST_PUBLIC_KEY_ID,
  merchantPrivateKey,
  platformPublicKey,
  startSignedServer,
  type Answer,
  type RecordedRequest,
  type SignedServer,
} from "./testing/signed-server";

const SERVICE_ID = "00002000000000558128851361561536";
const APPID = "wxd678efh567hg6787";
const SUB_MCHID = "1900001201";
const CHANNEL_ID = "1900000399";

function order(outOrderNo: string, extra: Record<string, unknown> = {}) {
  return {
    out_order_no: outOrderNo,
    service_id: SERVICE_ID,
    appid: APPID,
    mchid: TEST_MCHID,
    service_introduction: "酒店住宿",
    state: "DOING",
    state_description: "MCH_COMPLETE",
    total_amount: 30000,
    post_payments: [{ name: "酒店房费", amount: 30000, description: "北京中关村某酒店标准间" }],
    risk_fund: { name: "DEPOSIT", amount: 50000 },
    need_collection: true,
    collection: { state: "USER_PAYING", total_amount: 30000, paying_amount: 30000, paid_amount: 0 },
    order_id: "1000000000201912021234567",
    future_field: "kept",
    ...extra,
  };
}

const merchantModifyBody = {
  appid: APPID,
  service_id: SERVICE_ID,
  post_payments: [{ name: "酒店房费", amount: 30000, description: "北京中关村某酒店标准间" }],
  total_amount: 30000,
  reason: "房费下调",
};

const partnerModifyBody = {
  sub_mchid: SUB_MCHID,
  post_payments: [{ name: "收费标准", description: "1元/1小时" }, { name: "使用时长", description: "1小时38分20秒" }],
  total_amount: 200,
  reason: "用户投诉",
};

const institutionCompleteBody = {
  service_id: SERVICE_ID,
  sub_mchid: SUB_MCHID,
  post_payments: [{ name: "酒店房费", amount: 30000, description: "标准间" }],
  post_discounts: [{ name: "会员折扣", description: "金卡会员", amount: 1000 }],
  total_amount: 29000,
  time_range: { start_time: "20250401100000", end_time: "20250401120000" },
};

let server: SignedServer;
let client: WechatPayClient;

beforeAll(async () => {
  server = await startSignedServer();
  client = createWechatPayClient({
    mchid: TEST_MCHID,
    serial: TEST_MERCHANT_SERIAL,
    privateKey: merchantPrivateKey,
    verifiers: new Map([[TEST_PUBLIC_KEY_ID, platformPublicKey]]),
    baseUrl: server.url,
    timeoutMs: 2_000,
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

/** Answers POSTs with `write` and GETs with the order named in the query string. */
function routes(write: (request: RecordedRequest) => Answer, read?: (request: RecordedRequest) => Answer) {
  server.handle((request) => {
    if (request.method === "POST") return write(request);
    if (read) return read(request);
    const outOrderNo = new URL(request.url, "http://x").searchParams.get("out_order_no") ?? "";
    return { status: 200, body: JSON.stringify(order(outOrderNo)), requestId: "R-query" };
  });
}

async function failure(promise: Promise<unknown>): Promise<WechatPayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WechatPayError) return error;
    throw error;
  }
  throw new Error("expected a WechatPayError");
}

describe("queryServiceOrder", () => {
  it("merchant: service_id, appid, out_order_no; order parsed, unknown fields kept", async () => {
    routes(() => ({ status: 500 }));
    const result = await queryServiceOrder(client, {
      mode: "merchant",
      params: { service_id: SERVICE_ID, appid: APPID, out_order_no: "HOTEL|1" },
    });
    expect(server.requests[0]?.url).toBe(`/v3/payscore/serviceorder?service_id=${SERVICE_ID}&appid=${APPID}&out_order_no=HOTEL%7C1`);
    expect(server.requests[0]?.signatureValid).toBe(true);
    expect(result).toMatchObject({ httpStatus: 200, requestId: "R-query", order: { out_order_no: "HOTEL|1", future_field: "kept" } });
  });

  it("partner and institution paths and params", async () => {
    routes(() => ({ status: 500 }));
    await queryServiceOrder(client, { mode: "partner", params: { service_id: SERVICE_ID, sub_mchid: SUB_MCHID, out_order_no: "P-1" } });
    await queryServiceOrder(client, {
      mode: "institution",
      params: { service_id: SERVICE_ID, sub_mchid: SUB_MCHID, channel_id: CHANNEL_ID, out_order_no: "I-1" },
    });
    expect(server.requests.map((r) => r.url)).toEqual([
      `/v3/payscore/partner/serviceorder?service_id=${SERVICE_ID}&sub_mchid=${SUB_MCHID}&out_order_no=P-1`,
      `/v3/payscore/acquiringbank/serviceorder?service_id=${SERVICE_ID}&sub_mchid=${SUB_MCHID}&channel_id=${CHANNEL_ID}&out_order_no=I-1`,
    ]);
  });

  it("invalid params (institution without channel_id) → request_invalid, nothing sent", async () => {
    // channel_id is required by the type too; the runtime check is what is tested here.
    const input = { mode: "institution", params: { service_id: SERVICE_ID, sub_mchid: SUB_MCHID, out_order_no: "I-1" } };
    const error = await failure(queryServiceOrder(client, input as unknown as Parameters<typeof queryServiceOrder>[1]));
    expect(error).toMatchObject({ kind: "request_invalid", code: "REQUEST_INVALID", detail: { part: "params" } });
    expect(error.issues).toEqual([{ path: ["channel_id"], code: "required" }]);
    expect(server.requests).toHaveLength(0);
  });

  it("an answer that is not an order → malformed_response", async () => {
    routes(
      () => ({ status: 500 }),
      () => ({ status: 200, body: JSON.stringify({ out_order_no: "X", state: "WHATEVER" }) }),
    );
    const error = await failure(queryServiceOrder(client, { mode: "partner", params: { service_id: SERVICE_ID, sub_mchid: SUB_MCHID, out_order_no: "X" } }));
    expect(error).toMatchObject({ kind: "malformed_response", outcomeUnknown: false });
  });
});

describe("modifyServiceOrder", () => {
  it("merchant 200 with the order: no requery; sends the parsed body to the modify path", async () => {
    routes((request) => ({ status: 200, body: JSON.stringify(order("HOTEL-1", { total_amount: 30000, echo: request.url })), requestId: "R-mod" }));
    const result = await modifyServiceOrder(client, { mode: "merchant", outOrderNo: "HOTEL-1", body: merchantModifyBody });
    expect(result).toMatchObject({ requeried: false, httpStatus: 200, requestId: "R-mod", order: { out_order_no: "HOTEL-1" } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.url).toBe("/v3/payscore/serviceorder/HOTEL-1/modify");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(merchantModifyBody);
  });

  it("merchant 204 (Decision 6): queries with appid and returns the order, requeried", async () => {
    routes(() => ({ status: 204, requestId: "R-204" }));
    const result = await modifyServiceOrder(client, { mode: "merchant", outOrderNo: "HOTEL-2", body: merchantModifyBody });
    expect(result).toMatchObject({
      requeried: true,
      httpStatus: 204,
      requestId: "R-204",
      order: { out_order_no: "HOTEL-2" },
      requery: { httpStatus: 200, requestId: "R-query" },
    });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /v3/payscore/serviceorder/HOTEL-2/modify",
      `GET /v3/payscore/serviceorder?service_id=${SERVICE_ID}&appid=${APPID}&out_order_no=HOTEL-2`,
    ]);
  });

  it("partner without service_id anywhere → refused before sending (the 204 could not be followed up)", async () => {
    routes(() => ({ status: 204 }));
    const error = await failure(modifyServiceOrder(client, { mode: "partner", outOrderNo: "P-1", body: partnerModifyBody }));
    expect(error).toMatchObject({ kind: "request_invalid", detail: { part: "requery" } });
    expect(error.issues).toEqual([{ path: ["service_id"], code: "required" }]);
    expect(server.requests).toHaveLength(0);
  });

  it("partner 204 with requeryWith.service_id → body sent without it, query with it", async () => {
    routes(() => ({ status: 204 }));
    const result = await modifyServiceOrder(client, {
      mode: "partner",
      outOrderNo: "P-1",
      body: partnerModifyBody,
      requeryWith: { service_id: SERVICE_ID },
    });
    expect(result.requeried).toBe(true);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(partnerModifyBody);
    expect(server.requests[0]?.url).toBe("/v3/payscore/partner/serviceorder/P-1/modify");
    expect(server.requests[1]?.url).toBe(`/v3/payscore/partner/serviceorder?service_id=${SERVICE_ID}&sub_mchid=${SUB_MCHID}&out_order_no=P-1`);
  });

  it("an invalid body → request_invalid with RuleIssues, nothing sent", async () => {
    const error = await failure(
      modifyServiceOrder(client, {
        mode: "partner",
        outOrderNo: "P-1",
        body: { ...partnerModifyBody, total_amount: -1, appid: APPID } as typeof partnerModifyBody,
        requeryWith: { service_id: SERVICE_ID },
      }),
    );
    expect(error.kind).toBe("request_invalid");
    expect(error.detail).toMatchObject({ part: "body" });
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: ["appid"], code: "unknown_field" },
        expect.objectContaining({ path: ["total_amount"], code: "negative" }),
      ]),
    );
    expect(toSafeError(error).issues).toEqual(error.issues);
    expect(server.requests).toHaveLength(0);
  });

  it("an invalid out_order_no → request_invalid, nothing sent", async () => {
    const error = await failure(modifyServiceOrder(client, { mode: "merchant", outOrderNo: "a/b", body: merchantModifyBody }));
    expect(error).toMatchObject({ kind: "request_invalid", detail: { part: "out_order_no" } });
    expect(error.issues?.[0]).toMatchObject({ path: ["out_order_no"], code: "invalid_format" });
    expect(error.message).toContain("out_order_no");
    expect(server.requests).toHaveLength(0);
  });

  it("an API error is thrown as is, POST sent once, no query", async () => {
    routes(() => ({ status: 400, body: JSON.stringify({ code: "INVALID_ORDER_STATE", message: "单据状态错误" }), requestId: "R-state" }));
    const error = await failure(modifyServiceOrder(client, { mode: "merchant", outOrderNo: "HOTEL-3", body: merchantModifyBody }));
    expect(error).toMatchObject({ kind: "api", code: "INVALID_ORDER_STATE", category: "order_state", httpStatus: 400, requestId: "R-state" });
    expect(server.requests).toHaveLength(1);
  });

  it("a deduction in progress is classified as busy and retryable", async () => {
    routes(() => ({ status: 400, body: JSON.stringify({ code: "INVALID_ORDER_STATE", message: "单据正在扣款中，请稍后再试" }) }));
    const error = await failure(modifyServiceOrder(client, { mode: "merchant", outOrderNo: "HOTEL-3", body: merchantModifyBody }));
    expect(error).toMatchObject({ category: "order_busy", retryable: true });
  });

  it("204 then a failing query → the write is reported applied, with the query's error", async () => {
    routes(
      () => ({ status: 204, requestId: "R-ok" }),
      () => ({ status: 404, body: JSON.stringify({ code: "ORDER_NOT_EXIST", message: "订单不存在" }) }),
    );
    const result = await modifyServiceOrder(client, { mode: "merchant", outOrderNo: "HOTEL-4", body: merchantModifyBody });
    expect(result).toMatchObject({ requeried: true, order: null, httpStatus: 204, requestId: "R-ok" });
    expect("requeryError" in result && result.requeryError.code).toBe("ORDER_NOT_EXIST");
  });

  it("a 200 whose body is not an order → malformed_response, outcome unknown", async () => {
    routes(() => ({ status: 200, body: JSON.stringify({ ok: true }) }));
    const error = await failure(modifyServiceOrder(client, { mode: "merchant", outOrderNo: "HOTEL-5", body: merchantModifyBody }));
    expect(error).toMatchObject({ kind: "malformed_response", outcomeUnknown: true });
  });

  it("a 200 with another order's object → malformed_response", async () => {
    routes(() => ({ status: 200, body: JSON.stringify(order("SOMEONE-ELSE")) }));
    const error = await failure(modifyServiceOrder(client, { mode: "merchant", outOrderNo: "HOTEL-6", body: merchantModifyBody }));
    expect(error.kind).toBe("malformed_response");
    expect(error.message).toContain("SOMEONE-ELSE");
  });
});

describe("completeServiceOrder", () => {
  it("institution 204 → query with channel_id from requeryWith", async () => {
    routes(() => ({ status: 204 }));
    const result = await completeServiceOrder(client, {
      mode: "institution",
      outOrderNo: "I-9",
      body: institutionCompleteBody,
      requeryWith: { channel_id: CHANNEL_ID },
    });
    expect(result).toMatchObject({ requeried: true, order: { out_order_no: "I-9" } });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /v3/payscore/acquiringbank/serviceorder/I-9/complete",
      `GET /v3/payscore/acquiringbank/serviceorder?service_id=${SERVICE_ID}&sub_mchid=${SUB_MCHID}&channel_id=${CHANNEL_ID}&out_order_no=I-9`,
    ]);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(institutionCompleteBody);
  });

  it("institution body with device (not a field in that mode) → refused", async () => {
    const error = await failure(
      completeServiceOrder(client, {
        mode: "institution",
        outOrderNo: "I-9",
        body: { ...institutionCompleteBody, channel_id: CHANNEL_ID, device: { start_device_id: "D1" } } as typeof institutionCompleteBody,
      }),
    );
    expect(error.issues).toEqual([{ path: ["device"], code: "unknown_field" }]);
    expect(server.requests).toHaveLength(0);
  });

  it("merchant complete 200 with the order", async () => {
    routes(() => ({ status: 200, body: JSON.stringify(order("HOTEL-7")) }));
    const result = await completeServiceOrder(client, {
      mode: "merchant",
      outOrderNo: "HOTEL-7",
      body: { appid: APPID, service_id: SERVICE_ID, post_payments: merchantModifyBody.post_payments, total_amount: 30000 },
    });
    expect(result).toMatchObject({ requeried: false, httpStatus: 200 });
    expect(server.requests[0]?.url).toBe("/v3/payscore/serviceorder/HOTEL-7/complete");
  });
});
