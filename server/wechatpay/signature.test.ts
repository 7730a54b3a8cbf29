import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildResponseMessage, loadPrivateKey, signMessage, verifyMessage } from "./crypto";
import { WechatPayError } from "./errors";
import { createAuthorization, verifierKindOf, verifyWechatPaySignature, type SignatureHeaders } from "./signature";
import {
  TEST_MCHID,
  TEST_MERCHANT_SERIAL,
  TEST_PLATFORM_CERT_SERIAL,
  TEST_PUBLIC_KEY_ID,
  merchantPrivateKey,
  platformPrivateKey,
  platformPublicKey,
  readFixture,
} from "./testing/signed-server";

// Inputs of tests/fixtures/make-signing-fixture.sh; the expected values were computed by openssl.
const FIXTURE_TIMESTAMP = "1554208460";
const FIXTURE_NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";

describe("request signing against openssl fixtures", () => {
  const cases = [
    { name: "post-modify", method: "POST", url: "/v3/payscore/serviceorder/HOTEL-20250101-0001/modify" },
    {
      name: "get-query",
      method: "GET",
      url: "/v3/payscore/partner/serviceorder?service_id=00002000000000558128851361562222&sub_mchid=1900001201&out_order_no=A%7CB*1",
    },
  ] as const;

  for (const fixture of cases) {
    it(`${fixture.name}: same signature and Authorization header as openssl`, () => {
      const body = readFixture(`${fixture.name}.body`);
      const expectedSignature = readFixture(`${fixture.name}.signature`);
      const authorization = createAuthorization({
        method: fixture.method,
        url: fixture.url,
        body,
        mchid: TEST_MCHID,
        serial: TEST_MERCHANT_SERIAL,
        privateKey: merchantPrivateKey,
        timestamp: FIXTURE_TIMESTAMP,
        nonce: FIXTURE_NONCE,
      });
      expect(authorization).toBe(readFixture(`${fixture.name}.authorization`));
      expect(authorization).toContain(`signature="${expectedSignature}"`);
      expect(expectedSignature).toHaveLength(344); // 256 bytes of RSA-2048, Base64
    });
  }

  it("signs the UTF-8 bytes of the body (the POST fixture holds Chinese text)", () => {
    expect(readFixture("post-modify.body")).toContain("酒店房费");
  });

  it("reproduces the wechatpay-go SHA256withRSA vector (message \"source\")", () => {
    const key = loadPrivateKey(readFixture("wechatpay-go-test-key.pem"));
    const expected = readFixture("wechatpay-go-source.signature");
    expect(expected.startsWith("BKyAfU4iMCuvXMXS0Wzam3V/")).toBe(true);
    expect(signMessage("source", key)).toBe(expected);
    expect(verifyMessage("source", expected, createPublicKey(key))).toBe(true);
    expect(verifyMessage("wrong source", expected, createPublicKey(key))).toBe(false);
  });
});

describe("answer verification", () => {
  const now = new Date("2025-04-01T08:00:00Z");
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const verifiers = new Map<string, KeyObject>([
    [TEST_PUBLIC_KEY_ID, platformPublicKey],
    [TEST_PLATFORM_CERT_SERIAL, platformPublicKey],
  ]);
  const body = '{"out_order_no":"HOTEL-1","total_amount":30000,"note":"房费"}';

  function signed(options: { body?: string; timestamp?: number; key?: KeyObject; serial?: string } = {}): SignatureHeaders {
    const timestamp = String(options.timestamp ?? nowSeconds);
    const nonce = "Kj7QIyUiYx1qEcZ9Cmy4Xyx1i6RlJQzL";
    return {
      timestamp,
      nonce,
      serial: options.serial ?? TEST_PUBLIC_KEY_ID,
      signature: signMessage(buildResponseMessage(timestamp, nonce, options.body ?? body), options.key ?? platformPrivateKey),
    };
  }

  function failure(run: () => unknown): WechatPayError {
    try {
      run();
    } catch (error) {
      if (error instanceof WechatPayError) return error;
      throw error;
    }
    throw new Error("expected a WechatPayError");
  }

  it("accepts a valid signature, by public key id and by platform certificate serial", () => {
    expect(verifyWechatPaySignature({ headers: signed(), body, verifiers, now })).toEqual({
      serial: TEST_PUBLIC_KEY_ID,
      verifierKind: "public_key",
      timestamp: String(nowSeconds),
    });
    const byCert = verifyWechatPaySignature({ headers: signed({ serial: TEST_PLATFORM_CERT_SERIAL }), body, verifiers, now });
    expect(byCert.verifierKind).toBe("platform_certificate");
  });

  it("verifies a 204 over an empty body line", () => {
    expect(() => verifyWechatPaySignature({ headers: signed({ body: "" }), body: "", verifiers, now })).not.toThrow();
  });

  it("rejects a changed body", () => {
    const error = failure(() => verifyWechatPaySignature({ headers: signed(), body: body.replace("30000", "3000"), verifiers, now }));
    expect(error.kind).toBe("signature_invalid");
    expect(error.code).toBe("RESPONSE_SIGNATURE_INVALID");
  });

  it("rejects whitespace changes too (the raw text is signed, not the JSON value)", () => {
    const error = failure(() => verifyWechatPaySignature({ headers: signed(), body: `${body}\n`, verifiers, now }));
    expect(error.kind).toBe("signature_invalid");
  });

  it("rejects a signature made with another key", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const error = failure(() => verifyWechatPaySignature({ headers: signed({ key: privateKey }), body, verifiers, now }));
    expect(error.kind).toBe("signature_invalid");
  });

  it("rejects a signature made with the merchant's own key", () => {
    const error = failure(() => verifyWechatPaySignature({ headers: signed({ key: merchantPrivateKey }), body, verifiers, now }));
    expect(error.kind).toBe("signature_invalid");
  });

  it("rejects an unknown serial, naming which kind of key it looked for", () => {
    const byId = failure(() =>
      verifyWechatPaySignature({ headers: signed({ serial: "PUB_KEY_ID_0000000000000000000000000000000099" }), body, verifiers, now }),
    );
    expect(byId.kind).toBe("serial_unknown");
    expect(byId.detail).toMatchObject({ verifierKind: "public_key" });
    const byCert = failure(() => verifyWechatPaySignature({ headers: signed({ serial: "ABCDEF0123" }), body, verifiers, now }));
    expect(byCert.kind).toBe("serial_unknown");
    expect(byCert.detail).toMatchObject({ verifierKind: "platform_certificate" });
  });

  it("accepts exactly 300 s of skew either way and rejects 301 s", () => {
    for (const offset of [300, -300]) {
      expect(() =>
        verifyWechatPaySignature({ headers: signed({ timestamp: nowSeconds + offset }), body, verifiers, now }),
      ).not.toThrow();
    }
    for (const offset of [301, -301]) {
      const error = failure(() => verifyWechatPaySignature({ headers: signed({ timestamp: nowSeconds + offset }), body, verifiers, now }));
      expect(error.kind).toBe("timestamp_skew");
      expect(error.detail).toEqual({ skewSeconds: offset });
    }
  });

  it("reports a forged stale answer as a bad signature, not as clock skew", () => {
    const stale = signed({ timestamp: nowSeconds - 3600 });
    const error = failure(() => verifyWechatPaySignature({ headers: { ...stale, nonce: "other" }, body, verifiers, now }));
    expect(error.kind).toBe("signature_invalid");
  });

  it("rejects missing headers and names them", () => {
    const complete = signed();
    for (const name of ["timestamp", "nonce", "serial", "signature"] as const) {
      const error = failure(() =>
        verifyWechatPaySignature({ headers: { ...complete, [name]: null }, body, verifiers, now, httpStatus: 200, requestId: "r-1" }),
      );
      expect(error.kind).toBe("headers_missing");
      expect(error.detail).toEqual({ missing: [name] });
      expect(error.httpStatus).toBe(200);
      expect(error.requestId).toBe("r-1");
    }
  });

  it("tells a 微信支付公钥 id from a certificate serial", () => {
    expect(verifierKindOf("PUB_KEY_ID_0114232134912410000000000000000001")).toBe("public_key");
    expect(verifierKindOf("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")).toBe("platform_certificate");
  });
});
