import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseAuthorization } from "./crypto";
import { createWechatPayClient, type WechatPayClientOptions } from "./client";
import { WechatPayError, toSafeError } from "./errors";
import {
  TEST_MCHID,
  TEST_MERCHANT_SERIAL,
  TEST_PLATFORM_CERT_SERIAL,
  TEST_PUBLIC_KEY_ID,
  merchantPrivateKey,
  merchantPublicKey,
  platformPublicKey,
  startSignedServer,
  type SignedServer,
} from "./testing/signed-server";

const NOW = new Date("2025-04-01T08:00:00Z");
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
const ORDER = { out_order_no: "HOTEL-1", state: "DOING", total_amount: 30000, service_introduction: "酒店住宿" };

let server: SignedServer;

beforeAll(async () => {
  server = await startSignedServer(() => NOW);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

function client(overrides: Partial<WechatPayClientOptions> = {}) {
  return createWechatPayClient({
    mchid: TEST_MCHID,
    serial: TEST_MERCHANT_SERIAL,
    privateKey: merchantPrivateKey,
    verifiers: new Map([
      [TEST_PUBLIC_KEY_ID, platformPublicKey],
      [TEST_PLATFORM_CERT_SERIAL, platformPublicKey],
    ]),
    baseUrl: server.url,
    timeoutMs: 2_000,
    now: () => NOW,
    nonce: () => "NONCE0123456789ABCDEFGHIJKLMNOPQ",
    ...overrides,
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("requests", () => {
  it("GET: signs path and encoded query as sent, with Accept and User-Agent, no Content-Type", async () => {
    server.handle(() => ({ status: 200, body: JSON.stringify(ORDER), requestId: "08F1-GET" }));
    const result = await client().request({
      method: "GET",
      path: "/v3/payscore/partner/serviceorder",
      query: { service_id: "00002000000000558128851361562222", sub_mchid: "1900001201", out_order_no: "A|B*1", query_id: undefined },
    });
    expect(result).toMatchObject({ status: 200, body: ORDER, requestId: "08F1-GET", serial: TEST_PUBLIC_KEY_ID, verifierKind: "public_key" });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const [seen] = server.requests;
    expect(seen?.url).toBe(
      "/v3/payscore/partner/serviceorder?service_id=00002000000000558128851361562222&sub_mchid=1900001201&out_order_no=A%7CB*1",
    );
    expect(seen?.signatureValid).toBe(true);
    expect(seen?.headers.accept).toBe("application/json");
    expect(seen?.headers["user-agent"]).toMatch(/^payscore-console\//);
    expect(seen?.headers["content-type"]).toBeUndefined();
  });

  it("POST: sends the exact signed JSON, with the injected timestamp and nonce", async () => {
    server.handle(() => ({ status: 200, body: JSON.stringify(ORDER) }));
    const body = { service_id: "1", post_payments: [{ name: "酒店房费", amount: 30000 }], total_amount: 30000, reason: "下调" };
    await client().request({ method: "POST", path: "/v3/payscore/serviceorder/HOTEL-1/modify", body });
    const [seen] = server.requests;
    expect(seen?.body).toBe(JSON.stringify(body));
    expect(seen?.signatureValid).toBe(true);
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(parseAuthorization(seen?.headers.authorization)).toMatchObject({
      mchid: TEST_MCHID,
      serial_no: TEST_MERCHANT_SERIAL,
      timestamp: String(NOW_SECONDS),
      nonce_str: "NONCE0123456789ABCDEFGHIJKLMNOPQ",
    });
  });

  it("prepare: signs at once, sends nothing until send(), then exactly once", async () => {
    server.handle(() => ({ status: 200, body: JSON.stringify(ORDER) }));
    let clock = NOW;
    const c = client({ now: () => clock });
    const prepared = c.prepare({ method: "POST", path: "/v3/payscore/serviceorder/HOTEL-1/modify", body: { total_amount: 30000 } });
    await sleep(50);
    expect(server.requests).toHaveLength(0);
    // The signature was made when prepared: a later clock does not change what is sent.
    clock = new Date(NOW.getTime() + 60_000);
    expect((await prepared.send()).status).toBe(200);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.signatureValid).toBe(true);
    expect(parseAuthorization(server.requests[0]?.headers.authorization)?.timestamp).toBe(String(NOW_SECONDS));
    await expect(prepared.send()).rejects.toThrow("A prepared WeChat Pay request is sent once");
    expect(server.requests).toHaveLength(1);
  });

  it("prepare refuses a bad request at once, before anything is signed or sent", () => {
    expect(() => client().prepare({ method: "GET", path: "/v3/x", body: {} })).toThrow("A GET request has no body");
    expect(() => client().prepare({ method: "GET", path: "v3/x" })).toThrow("WeChat Pay path must be absolute: v3/x");
    expect(server.requests).toHaveLength(0);
  });

  it("a fresh nonce per request by default", async () => {
    server.handle(() => ({ status: 204 }));
    const c = client({ nonce: undefined });
    await c.request({ method: "POST", path: "/v3/x", body: {} });
    await c.request({ method: "POST", path: "/v3/x", body: {} });
    const nonces = server.requests.map((r) => parseAuthorization(r.headers.authorization)?.nonce_str);
    expect(nonces[0]).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

describe("successful answers", () => {
  it("204: verified over an empty body, body null", async () => {
    server.handle(() => ({ status: 204, requestId: "R204" }));
    const result = await client().request({ method: "POST", path: "/v3/payscore/partner/serviceorder/P-1/modify", body: {} });
    expect(result).toMatchObject({ status: 204, body: null, rawBody: "", requestId: "R204" });
  });

  it("picks the platform certificate when Wechatpay-Serial is a certificate serial", async () => {
    server.handle(() => ({ status: 200, body: "{}", sign: { serial: TEST_PLATFORM_CERT_SERIAL } }));
    const result = await client().request({ method: "GET", path: "/v3/x" });
    expect(result.verifierKind).toBe("platform_certificate");
  });

  it("accepts a timestamp exactly 300 s old", async () => {
    server.handle(() => ({ status: 200, body: "{}", sign: { timestamp: String(NOW_SECONDS - 300) } }));
    await expect(client().request({ method: "GET", path: "/v3/x" })).resolves.toMatchObject({ status: 200 });
  });
});

describe("answers that fail verification", () => {
  it("missing signature headers on a 200", async () => {
    server.handle(() => ({ status: 200, body: JSON.stringify(ORDER), sign: false, requestId: "R-nosig" }));
    const error = await failure(client().request({ method: "GET", path: "/v3/x" }));
    expect(error).toMatchObject({ kind: "headers_missing", httpStatus: 200, requestId: "R-nosig", outcomeUnknown: false });
  });

  it("one header missing", async () => {
    server.handle(() => ({ status: 200, body: "{}", headers: { "Wechatpay-Nonce": "" } }));
    const error = await failure(client().request({ method: "GET", path: "/v3/x" }));
    expect(error.kind).toBe("headers_missing");
    expect(error.detail).toEqual({ missing: ["nonce"] });
  });

  it("unknown serial", async () => {
    server.handle(() => ({ status: 200, body: "{}", sign: { serial: "PUB_KEY_ID_9999" } }));
    expect((await failure(client().request({ method: "GET", path: "/v3/x" }))).kind).toBe("serial_unknown");
  });

  it("unknown serial with a resolver (platform-certificate mode): verified again, once, with the key it finds", async () => {
    const asked: string[] = [];
    const resolving = client({
      resolveUnknownSerial: async (serial, context) => {
        asked.push(`${serial}:${context.rawBody}`);
        return serial === "ABCDEF01" ? platformPublicKey : serial === "ABCDEF02" ? merchantPublicKey : null;
      },
    });
    server.handle(() => ({ status: 200, body: "{}", sign: { serial: "ABCDEF01" } }));
    expect(await resolving.request({ method: "GET", path: "/v3/x" })).toMatchObject({ status: 200, serial: "ABCDEF01", verifierKind: "platform_certificate" });
    // A key that does not verify it is no help; none found leaves it unknown; a signed error answer too.
    server.handle(() => ({ status: 200, body: "{}", sign: { serial: "ABCDEF02" } }));
    expect((await failure(resolving.request({ method: "GET", path: "/v3/x" }))).kind).toBe("signature_invalid");
    server.handle(() => ({ status: 200, body: "{}", sign: { serial: "ABCDEF03" } }));
    expect((await failure(resolving.request({ method: "GET", path: "/v3/x" }))).kind).toBe("serial_unknown");
    server.handle(() => ({ status: 400, body: JSON.stringify({ code: "PARAM_ERROR", message: "x" }), sign: { serial: "ABCDEF01" } }));
    expect(await failure(resolving.request({ method: "GET", path: "/v3/x" }))).toMatchObject({ kind: "api", code: "PARAM_ERROR", verified: true });
    expect(asked).toEqual(["ABCDEF01:{}", "ABCDEF02:{}", "ABCDEF03:{}", `ABCDEF01:${JSON.stringify({ code: "PARAM_ERROR", message: "x" })}`]);
    // Never asked about a known serial (a bad signature stays bad), nor when the call says not to.
    server.handle(() => ({ status: 200, body: "{}", sign: { key: merchantPrivateKey } }));
    expect((await failure(resolving.request({ method: "GET", path: "/v3/x" }))).kind).toBe("signature_invalid");
    server.handle(() => ({ status: 200, body: "{}", sign: { serial: "ABCDEF01" } }));
    expect((await failure(resolving.request({ method: "GET", path: "/v3/x", resolveUnknownSerial: null }))).kind).toBe("serial_unknown");
    expect(asked).toHaveLength(4);
  });

  it("timestamp 301 s old", async () => {
    server.handle(() => ({ status: 200, body: "{}", sign: { timestamp: String(NOW_SECONDS - 301) } }));
    expect((await failure(client().request({ method: "GET", path: "/v3/x" }))).kind).toBe("timestamp_skew");
  });

  it("a body changed after signing; on a POST the outcome is unknown", async () => {
    server.handle(() => ({ status: 200, body: JSON.stringify({ ...ORDER, total_amount: 1 }), sign: { signedBody: JSON.stringify(ORDER) } }));
    const error = await failure(client().request({ method: "POST", path: "/v3/x", body: {} }));
    expect(error).toMatchObject({ kind: "signature_invalid", httpStatus: 200, outcomeUnknown: true, retryable: false });
  });

  it("signed with a key we do not trust (the merchant's own)", async () => {
    server.handle(() => ({ status: 200, body: "{}", sign: { key: merchantPrivateKey } }));
    expect((await failure(client().request({ method: "GET", path: "/v3/x" }))).kind).toBe("signature_invalid");
  });

  it("malformed body with a valid signature", async () => {
    server.handle(() => ({ status: 200, body: "<html>oops</html>", requestId: "R-html" }));
    const error = await failure(client().request({ method: "POST", path: "/v3/x", body: {} }));
    expect(error).toMatchObject({ kind: "malformed_response", code: "RESPONSE_MALFORMED", requestId: "R-html", outcomeUnknown: true });
  });

  it("an empty 200 is malformed (JSON expected)", async () => {
    server.handle(() => ({ status: 200, body: "" }));
    expect((await failure(client().request({ method: "GET", path: "/v3/x" }))).kind).toBe("malformed_response");
  });

  it("a body that is not UTF-8 is malformed", async () => {
    server.handle(() => ({ status: 200, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }));
    expect((await failure(client().request({ method: "GET", path: "/v3/x" }))).kind).toBe("malformed_response");
  });
});

describe("error answers", () => {
  it("signed 400 → api error with WeChat's code, message, detail, status and Request-ID", async () => {
    server.handle(() => ({
      status: 400,
      requestId: "R-400",
      body: JSON.stringify({ code: "PARAM_ERROR", message: "total_amount 不合法", detail: { field: "/total_amount", location: "body" } }),
    }));
    const error = await failure(client().request({ method: "POST", path: "/v3/x", body: {} }));
    expect(error).toMatchObject({
      kind: "api",
      code: "PARAM_ERROR",
      message: "total_amount 不合法",
      httpStatus: 400,
      requestId: "R-400",
      verified: true,
      category: "invalid_params",
      retryable: false,
      outcomeUnknown: false,
      detail: { field: "/total_amount", location: "body" },
    });
  });

  it("404 ORDER_NOT_EXIST and 429 FREQUENCY_LIMITED", async () => {
    server.handle(() => ({ status: 404, body: JSON.stringify({ code: "ORDER_NOT_EXIST", message: "订单不存在" }) }));
    expect(await failure(client().request({ method: "GET", path: "/v3/x" }))).toMatchObject({ code: "ORDER_NOT_EXIST", category: "order_not_found" });
    server.handle(() => ({ status: 429, body: JSON.stringify({ code: "FREQUENCY_LIMITED", message: "频率超限" }) }));
    expect(await failure(client().request({ method: "GET", path: "/v3/x" }))).toMatchObject({ category: "rate_limited", retryable: true });
  });

  it("unsigned 401 still maps to the api error, marked unverified", async () => {
    server.handle(() => ({ status: 401, sign: false, body: JSON.stringify({ code: "SIGN_ERROR", message: "签名错误" }) }));
    const error = await failure(client().request({ method: "GET", path: "/v3/x" }));
    expect(error).toMatchObject({ kind: "api", code: "SIGN_ERROR", httpStatus: 401, verified: false, category: "sign_rejected" });
  });

  it("an unsigned error answer to a POST is not believed: its outcome is unknown, the claimed code kept only as detail", async () => {
    // A middlebox (or an attacker) strips the signature, or forges a refusal: "refused" could hide an applied change.
    server.handle(() => ({ status: 400, sign: false, requestId: "R-UNSIGNED", body: JSON.stringify({ code: "INVALID_ORDER_STATE", message: "订单状态不正确" }) }));
    const error = await failure(client().request({ method: "POST", path: "/v3/payscore/serviceorder/A/modify", body: { a: 1 } }));
    expect(error).toMatchObject({
      kind: "headers_missing",
      code: "RESPONSE_HEADERS_MISSING",
      httpStatus: 400,
      requestId: "R-UNSIGNED",
      outcomeUnknown: true,
      detail: { claimedCode: "INVALID_ORDER_STATE" },
    });
    expect(error.message).toBe("Unsigned error answer (HTTP 400) to a write: its code cannot be trusted");
  });

  it("an error answer with a bad signature is a signature error, not the claimed code", async () => {
    server.handle(() => ({
      status: 400,
      body: JSON.stringify({ code: "INVALID_ORDER_STATE", message: "x" }),
      sign: { signedBody: "something else" },
    }));
    const error = await failure(client().request({ method: "POST", path: "/v3/x", body: {} }));
    expect(error).toMatchObject({ kind: "signature_invalid", httpStatus: 400, outcomeUnknown: true });
  });

  it("an unsigned gateway 502 page becomes api HTTP_502, retryable", async () => {
    server.handle(() => ({ status: 502, sign: false, body: "<html>Bad Gateway</html>" }));
    const error = await failure(client().request({ method: "GET", path: "/v3/x" }));
    expect(error).toMatchObject({ kind: "api", code: "HTTP_502", httpStatus: 502, verified: false, retryable: true, category: "unknown" });
  });

  it("unknown codes are kept verbatim", async () => {
    server.handle(() => ({ status: 403, body: JSON.stringify({ code: "USER_NOT_EXIST", message: "用户不存在" }) }));
    expect(await failure(client().request({ method: "GET", path: "/v3/x" }))).toMatchObject({ code: "USER_NOT_EXIST", message: "用户不存在", category: "unknown" });
  });

  it("a POST is sent exactly once on 500 SYSTEM_ERROR", async () => {
    server.handle(() => ({ status: 500, body: JSON.stringify({ code: "SYSTEM_ERROR", message: "系统异常" }) }));
    const error = await failure(client().request({ method: "POST", path: "/v3/payscore/serviceorder/A/complete", body: { a: 1 } }));
    expect(error).toMatchObject({ kind: "api", code: "SYSTEM_ERROR", retryable: true, outcomeUnknown: true });
    await sleep(100);
    expect(server.requests).toHaveLength(1);
  });
});

describe("transport failures", () => {
  it("timeout (server never answers); on a POST the outcome is unknown", async () => {
    server.handle(() => "hang");
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 200 }).request({ method: "POST", path: "/v3/x", body: {} }));
    expect(error).toMatchObject({ kind: "timeout", code: "REQUEST_TIMEOUT", outcomeUnknown: true, retryable: false });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(server.requests).toHaveLength(1);
  });

  it("per-call timeout overrides the client's; a GET timeout is retryable", async () => {
    server.handle(() => "hang");
    const error = await failure(client({ timeoutMs: 30_000 }).request({ method: "GET", path: "/v3/x", timeoutMs: 150 }));
    expect(error).toMatchObject({ kind: "timeout", outcomeUnknown: false, retryable: true });
  });

  it("a body that stalls after the headers also times out", async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { "Content-Length": "100" });
      res.write("{");
    });
    await new Promise<void>((resolve) => stalling.listen(0, "127.0.0.1", resolve));
    const { port } = stalling.address() as AddressInfo;
    try {
      const error = await failure(client({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }).request({ method: "GET", path: "/v3/x" }));
      expect(error.kind).toBe("timeout");
    } finally {
      stalling.closeAllConnections();
      stalling.close();
    }
  });

  it("dropped connection → network error, the POST sent exactly once", async () => {
    server.handle(() => "destroy");
    const error = await failure(client().request({ method: "POST", path: "/v3/payscore/serviceorder/A/modify", body: { a: 1 } }));
    expect(error).toMatchObject({ kind: "network", code: "NETWORK_ERROR", outcomeUnknown: true, retryable: false });
    await sleep(100);
    expect(server.requests).toHaveLength(1);
  });

  it("connection refused → network error; nothing was sent, so the outcome is known", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(client({ baseUrl: `http://127.0.0.1:${port}` }).request({ method: "POST", path: "/v3/x", body: {} }));
    expect(error).toMatchObject({ kind: "network", outcomeUnknown: false, detail: { causeCode: "ECONNREFUSED" } });
  });
});

describe("configuration guards", () => {
  const base = {
    mchid: TEST_MCHID,
    serial: TEST_MERCHANT_SERIAL,
    privateKey: merchantPrivateKey,
    verifiers: new Map([[TEST_PUBLIC_KEY_ID, platformPublicKey]]),
  };

  it("baseUrl must be a bare origin, https unless loopback", () => {
    expect(() => createWechatPayClient({ ...base, baseUrl: "https://api.mch.weixin.qq.com" })).not.toThrow();
    expect(() => createWechatPayClient({ ...base, baseUrl: "http://localhost:4010/" })).not.toThrow();
    expect(() => createWechatPayClient({ ...base, baseUrl: "https://api.mch.weixin.qq.com/v3" })).toThrow(/bare origin/);
    expect(() => createWechatPayClient({ ...base, baseUrl: "http://api.mch.weixin.qq.com" })).toThrow(/https/);
  });

  it("refuses the merchant's own serial or a private key among verifiers", () => {
    expect(() =>
      createWechatPayClient({ ...base, baseUrl: "https://a.example", verifiers: new Map([[TEST_MERCHANT_SERIAL, merchantPublicKey]]) }),
    ).toThrow(/own certificate/);
    expect(() =>
      createWechatPayClient({ ...base, baseUrl: "https://a.example", verifiers: new Map([[TEST_PUBLIC_KEY_ID, merchantPrivateKey]]) }),
    ).toThrow(/public key/);
  });

  it("refuses a path that would leave the origin", async () => {
    await expect(client().request({ method: "GET", path: "//evil.example/v3/x" })).rejects.toThrow(/leaves/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("what crosses to the browser", () => {
  it("toSafeError keeps code, message, status and Request-ID only", async () => {
    server.handle(() => ({ status: 400, requestId: "R-safe", body: JSON.stringify({ code: "PARAM_ERROR", message: "bad", detail: { value: "x" } }) }));
    const error = await failure(client().request({ method: "POST", path: "/v3/x", body: {} }));
    const safe = toSafeError(error);
    expect(safe).toEqual({
      kind: "api",
      code: "PARAM_ERROR",
      message: "bad",
      httpStatus: 400,
      requestId: "R-safe",
      retryable: false,
      outcomeUnknown: false,
    });
    const text = JSON.stringify(safe) + JSON.stringify(error);
    expect(text).not.toMatch(/Authorization|WECHATPAY2|signature=|BEGIN|Wechatpay-Signature/);
  });
});
