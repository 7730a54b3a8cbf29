// Notifications: wechatpay-go's published payscore vector (core/notify/notify_test.go, a fixed clock,
// a 16-byte APIv3 key and a platform certificate), and every way a notification must be refused.
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readNotification, NotificationError } from "./notify";
import { encryptAead } from "./aead";
import { buildResponseMessage, signMessage } from "./crypto";

const vector = JSON.parse(readFileSync(new URL("../../tests/fixtures/wechatpay/notify-vector.json", import.meta.url), "utf8")) as {
  now: number;
  apiV3Key: string;
  certificate: string;
  headers: Record<string, string>;
  body: string;
  plaintext: string;
};
const certificate = new X509Certificate(vector.certificate);
const verifiers = new Map([[certificate.serialNumber, certificate.publicKey]]);
const now = new Date(vector.now * 1000);

function headersOf(values: Record<string, string>) {
  const lower = new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof NotificationError) return error.reason;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("[NOTIFY] wechatpay-go's payscore notification vector", () => {
  it("verifies with the certificate (serial D7CE59D1F522D701) at the vector's clock and decrypts to the published plaintext", () => {
    expect(certificate.serialNumber).toBe("D7CE59D1F522D701");
    const read = readNotification({ headers: headersOf(vector.headers), rawBody: vector.body, verifiers, apiV3Key: Buffer.from(vector.apiV3Key), now });
    expect(read.serial).toBe("D7CE59D1F522D701");
    expect(read.plaintextText).toBe(vector.plaintext);
    expect(read.notification).toMatchObject({
      id: "3119dfba-e649-5eec-ab1e-3412bc4d2e17",
      create_time: "2021-06-24T16:37:26+08:00",
      event_type: "PAYSCORE.USER_OPEN_SERVICE",
      resource_type: "encrypt-resource",
      summary: "签约成功",
      resource: { original_type: "payscore", algorithm: "AEAD_AES_256_GCM", associated_data: "payscore", nonce: "Kj7QIyUiYx1q" },
    });
    expect(read.plaintext).toEqual({
      mchid: "1234567890",
      appid: "054aa7d7a2a54ab5898df65bd96f001c",
      create_time: "2020-06-30T12:12:00+08:00",
      out_contract_code: "21640bdbd08e473e828f3206a2741c6e",
    });
  });

  it("with the right Signature-Type header it still verifies", () => {
    const headers = headersOf({ ...vector.headers, "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048" });
    expect(readNotification({ headers, rawBody: vector.body, verifiers, apiV3Key: Buffer.from(vector.apiV3Key), now }).notification.id).toBe("3119dfba-e649-5eec-ab1e-3412bc4d2e17");
  });

  it.each([
    ["a body changed by one character", { rawBody: vector.body.replace("签约成功", "签约失败") }, "signature"],
    ["another Signature-Type", { headers: headersOf({ ...vector.headers, "Wechatpay-Signature-Type": "WECHATPAY2-SM2-WITH-SM3" }) }, "signature_type"],
    ["no signature", { headers: headersOf({ ...vector.headers, "Wechatpay-Signature": "" }) }, "signature"],
    ["an unknown serial", { verifiers: new Map([["OTHER", certificate.publicKey]]) }, "signature"],
    ["a clock 301 s later (stale)", { now: new Date((vector.now + 301) * 1000) }, "stale"],
    ["a clock 301 s earlier", { now: new Date((vector.now - 301) * 1000) }, "stale"],
    ["the wrong APIv3 key", { apiV3Key: Buffer.from("testMchAPIv3Key1") }, "decrypt"],
  ] as const)("refused: %s", (_name, change, reason) => {
    const input = { headers: headersOf(vector.headers), rawBody: vector.body, verifiers, apiV3Key: Buffer.from(vector.apiV3Key), now, ...change };
    expect(refusal(() => readNotification(input))).toBe(reason);
  });

  it("a validly signed body that is not a notification, or whose resource is not JSON, is refused as malformed", () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const key = Buffer.alloc(32, 7);
    const sign = (body: string) =>
      headersOf({
        "Wechatpay-Timestamp": String(vector.now),
        "Wechatpay-Nonce": "n0nce",
        "Wechatpay-Serial": "PUB_KEY_ID_01",
        "Wechatpay-Signature": signMessage(buildResponseMessage(String(vector.now), "n0nce", body), privateKey),
      });
    const keys = new Map([["PUB_KEY_ID_01", publicKey]]);
    const notJson = '{"id":"x"';
    expect(refusal(() => readNotification({ headers: sign(notJson), rawBody: notJson, verifiers: keys, apiV3Key: key, now }))).toBe("malformed");
    const envelope = (ciphertext: string) =>
      JSON.stringify({
        id: "N-1",
        create_time: "2026-12-07T12:00:00+08:00",
        event_type: "PAYSCORE.USER_PAID",
        resource_type: "encrypt-resource",
        resource: { original_type: "payscore", algorithm: "AEAD_AES_256_GCM", ciphertext, associated_data: "payscore", nonce: "abcdefghijkl" },
      });
    const garbage = envelope(encryptAead(key, "abcdefghijkl", "payscore", "not json"));
    expect(refusal(() => readNotification({ headers: sign(garbage), rawBody: garbage, verifiers: keys, apiV3Key: key, now }))).toBe("malformed");
    const good = envelope(encryptAead(key, "abcdefghijkl", "payscore", '{"out_order_no":"X-1","state":"DONE"}'));
    expect(readNotification({ headers: sign(good), rawBody: good, verifiers: keys, apiV3Key: key, now }).plaintext).toEqual({ out_order_no: "X-1", state: "DONE" });
  });
});
