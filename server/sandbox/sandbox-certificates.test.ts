// Platform-certificate mode in the sandbox (Decision 23): the key folder's root and first platform
// certificate; GET /v3/certificates for identities in that mode only (signed like every answer, each
// PEM encrypted with the caller's own APIv3 key); answers and notifications signed with the current
// certificate; rotation (same root, an impostor root, expired, listed only); reset; faults.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureSandboxCertificates } from "@/server/config/sandbox-certificates";
import { ensureSandboxKeys, readSandboxCertificatePems } from "@/server/config/sandbox-keys";
import { decryptAead, AeadError } from "@/server/wechatpay/aead";
import { buildResponseMessage, verifyMessage } from "@/server/wechatpay/crypto";
import { control, identityByMode, makeTempDir, obj, queryOrder, signedCall, startTestSandbox, type CallResult, type TestSandbox } from "@/server/sandbox/test-support";
import { SANDBOX_CA_CERTIFICATE_FILE, SANDBOX_PLATFORM_CERTIFICATE_FILE, SANDBOX_PLATFORM_PUBLIC_KEY_ID } from "@/server/sandbox/world";

const merchant = identityByMode("merchant");
const partner = identityByMode("partner");

interface CertificateEntry {
  serial_no: string;
  effective_time: string;
  expire_time: string;
  encrypt_certificate: { algorithm: string; nonce: string; associated_data: string; ciphertext: string };
}

function certificatesOf(result: CallResult): CertificateEntry[] {
  return obj(result.json).data as CertificateEntry[];
}

function decrypt(t: TestSandbox, mchid: string, entry: CertificateEntry): string {
  const key = t.keys.apiV3Keys.get(mchid) as Buffer;
  const { nonce, associated_data, ciphertext } = entry.encrypt_certificate;
  return decryptAead(key, nonce, associated_data, ciphertext);
}

/** Whether the answer's signature verifies with this certificate, and names it. */
function signedBy(result: CallResult, certificate: X509Certificate): boolean {
  const serial = result.headers.get("Wechatpay-Serial");
  const timestamp = result.headers.get("Wechatpay-Timestamp") as string;
  const nonce = result.headers.get("Wechatpay-Nonce") as string;
  const signature = result.headers.get("Wechatpay-Signature") as string;
  return serial === certificate.serialNumber.toUpperCase() && verifyMessage(buildResponseMessage(timestamp, nonce, result.text), signature, certificate.publicKey);
}

const getCertificates = (t: TestSandbox, mchid: string) => signedCall(t, { method: "GET", path: "/v3/certificates", mchid });

describe("[SANDBOX][CERTIFICATES] the key folder", () => {
  it("holds a root and a platform certificate for the platform key, made once and reused (also when two start together)", async () => {
    const dir = makeTempDir("payscore-sandbox-certs-");
    const keys = ensureSandboxKeys(dir);
    const [first, second] = await Promise.all([ensureSandboxCertificates(keys), ensureSandboxCertificates(keys)]);
    const again = await ensureSandboxCertificates(keys);
    expect(second.platform.pem).toBe(first.platform.pem);
    expect(again.root.pem).toBe(first.root.pem);
    expect(readFileSync(path.join(dir, SANDBOX_CA_CERTIFICATE_FILE), "utf8")).toBe(first.root.pem);
    expect(readSandboxCertificatePems(dir)).toEqual({ root: first.root.pem, platform: first.platform.pem });
    const root = first.root.certificate;
    const platform = new X509Certificate(readFileSync(path.join(dir, SANDBOX_PLATFORM_CERTIFICATE_FILE)));
    expect(root.subject).toContain("CN=Tenpay sandbox root");
    expect(root.ca).toBe(true);
    expect(platform.ca).toBe(false);
    expect(platform.checkIssued(root)).toBe(true);
    expect(platform.verify(root.publicKey)).toBe(true);
    expect(platform.publicKey.equals(keys.platformPublicKey)).toBe(true);
    expect(platform.serialNumber).toMatch(/^[1-7][0-9A-F]{39}$/);
  });
});

describe("[SANDBOX][CERTIFICATES] GET /v3/certificates and certificate-mode answers", () => {
  let t: TestSandbox;
  let root: X509Certificate;
  let first: X509Certificate;
  beforeAll(async () => {
    t = await startTestSandbox({ certificateIdentities: [merchant.id] });
    const pems = readSandboxCertificatePems(t.keys.dir);
    root = new X509Certificate(pems?.root as string);
    first = new X509Certificate(pems?.platform as string);
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    await control(t, "POST", "/__sandbox/reset");
  });

  it("answers an identity in certificate mode: signed with the certificate, each PEM encrypted with that identity's APIv3 key", async () => {
    const result = await getCertificates(t, merchant.mchid);
    expect(result.status).toBe(200);
    expect(signedBy(result, first)).toBe(true);
    const entries = certificatesOf(result);
    expect(entries).toHaveLength(1);
    const [entry] = entries as [CertificateEntry];
    expect(entry.serial_no).toBe(first.serialNumber.toUpperCase());
    expect(entry.encrypt_certificate).toMatchObject({ algorithm: "AEAD_AES_256_GCM", associated_data: "certificate" });
    expect(entry.effective_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(new Date(entry.effective_time).getTime()).toBe(new Date(first.validFrom).getTime());
    expect(new Date(entry.expire_time).getTime()).toBe(new Date(first.validTo).getTime());
    const pem = decrypt(t, merchant.mchid, entry);
    expect(pem).toBe(readFileSync(path.join(t.keys.dir, SANDBOX_PLATFORM_CERTIFICATE_FILE), "utf8"));
    // Not with another identity's key.
    expect(() => decrypt(t, partner.mchid, entry)).toThrow(AeadError);
  });

  it("refuses identities in public-key mode with 403 NO_AUTH (signed with the public key); their answers are unchanged", async () => {
    const result = await getCertificates(t, partner.mchid);
    expect(result.status).toBe(403);
    expect(obj(result.json).code).toBe("NO_AUTH");
    expect(result.signatureValid).toBe(true);
    const order = await queryOrder(t, "DEMO-P-HOTEL-PAYING-1");
    expect(order.status).toBe(200);
    expect(order.headers.get("Wechatpay-Serial")).toBe(SANDBOX_PLATFORM_PUBLIC_KEY_ID);
    expect(order.signatureValid).toBe(true);
    // A bad signature is a 401 like everywhere, and a POST is not allowed.
    expect((await signedCall(t, { method: "GET", path: "/v3/certificates", mchid: merchant.mchid, privateKeyOf: partner.mchid })).status).toBe(401);
    expect((await signedCall(t, { method: "POST", path: "/v3/certificates", mchid: merchant.mchid, body: {} })).status).toBe(405);
  });

  it("signs every answer of an identity in certificate mode with its certificate, errors included", async () => {
    const order = await queryOrder(t, "DEMO-M-HOTEL-PAYING-1");
    expect(order.status).toBe(200);
    expect(signedBy(order, first)).toBe(true);
    const missing = await signedCall(t, { method: "GET", path: "/v3/payscore/serviceorder?service_id=1&appid=1&out_order_no=NOPE", mchid: merchant.mchid });
    expect(missing.status).toBe(404);
    expect(signedBy(missing, first)).toBe(true);
  });

  it("rotates: a new key pair certified by the same root signs from then on, and both are listed, newest first", async () => {
    const rotated = await control(t, "POST", "/__sandbox/certificates/rotate", {});
    expect(rotated.status).toBe(201);
    const second = new X509Certificate(obj(obj(rotated.json).certificate).pem as string);
    expect(second.serialNumber).not.toBe(first.serialNumber);
    expect(second.verify(root.publicKey)).toBe(true);
    expect(second.publicKey.equals(first.publicKey)).toBe(false);

    const order = await queryOrder(t, "DEMO-M-HOTEL-PAYING-1");
    expect(signedBy(order, second)).toBe(true);
    const listed = await getCertificates(t, merchant.mchid);
    expect(signedBy(listed, second)).toBe(true);
    expect(certificatesOf(listed).map((entry) => entry.serial_no)).toEqual([second.serialNumber, first.serialNumber]);
    expect(decrypt(t, merchant.mchid, certificatesOf(listed)[0] as CertificateEntry)).toBe(second.toString());

    // Reset forgets rotations: the key folder's certificate signs again.
    await control(t, "POST", "/__sandbox/reset");
    expect(signedBy(await queryOrder(t, "DEMO-M-HOTEL-PAYING-1"), first)).toBe(true);
    expect(certificatesOf(await getCertificates(t, merchant.mchid))).toHaveLength(1);
  });

  it("can issue forgeries for tests: an impostor root of the same name, an expired certificate, or one only listed", async () => {
    const impostor = await control(t, "POST", "/__sandbox/certificates/rotate", { issuer: "impostor_root" });
    const forged = new X509Certificate(obj(obj(impostor.json).certificate).pem as string);
    expect(forged.issuer).toBe(root.subject);
    expect(forged.verify(root.publicKey)).toBe(false);
    expect(signedBy(await queryOrder(t, "DEMO-M-HOTEL-PAYING-1"), forged)).toBe(true);

    await control(t, "POST", "/__sandbox/reset");
    const expired = new X509Certificate(obj(obj((await control(t, "POST", "/__sandbox/certificates/rotate", { validity: "expired" })).json).certificate).pem as string);
    expect(new Date(expired.validTo).getTime()).toBeLessThan(Date.now());
    expect(expired.verify(root.publicKey)).toBe(true);

    await control(t, "POST", "/__sandbox/reset");
    const listedOnly = await control(t, "POST", "/__sandbox/certificates/rotate", { activate: false });
    const serial = obj(obj(listedOnly.json).certificate).serial_no;
    const listed = await getCertificates(t, merchant.mchid);
    expect(signedBy(listed, first)).toBe(true);
    expect(certificatesOf(listed).map((entry) => entry.serial_no)).toEqual([serial, first.serialNumber]);
    // …until it is put to work.
    expect((await control(t, "POST", "/__sandbox/certificates/activate", { serial_no: serial })).status).toBe(200);
    expect((await queryOrder(t, "DEMO-M-HOTEL-PAYING-1")).headers.get("Wechatpay-Serial")).toBe(serial);
    expect((await control(t, "POST", "/__sandbox/certificates/activate", { serial_no: "ABCDEF" })).status).toBe(404);
  });

  it("switches identities between the modes through the control API; refuses unknown identities and inputs", async () => {
    const switched = await control(t, "POST", "/__sandbox/certificates", { identities: { [partner.id]: "certificate", [merchant.id]: "public_key" } });
    expect(switched.status).toBe(200);
    expect(obj(switched.json).identities).toMatchObject({ [partner.id]: "certificate", [merchant.id]: "public_key" });
    expect(signedBy(await queryOrder(t, "DEMO-P-HOTEL-PAYING-1"), first)).toBe(true);
    expect((await queryOrder(t, "DEMO-M-HOTEL-PAYING-1")).signatureValid).toBe(true);
    expect((await getCertificates(t, merchant.mchid)).status).toBe(403);
    expect((await getCertificates(t, partner.mchid)).status).toBe(200);

    expect((await control(t, "POST", "/__sandbox/certificates", { identities: { nobody: "certificate" } })).status).toBe(404);
    expect((await control(t, "POST", "/__sandbox/certificates", { identities: { [partner.id]: "both" } })).status).toBe(400);
    expect((await control(t, "POST", "/__sandbox/certificates/rotate", { validity: "forever" })).status).toBe(400);
    const described = obj((await control(t, "GET", "/__sandbox/certificates")).json);
    expect(described).toMatchObject({ signer: first.serialNumber, root: root.toString() });
  });

  it("injects faults into GET /v3/certificates like any operation (a bad signature here)", async () => {
    await control(t, "POST", "/__sandbox/faults", { kind: "bad_signature", ops: ["certificates"], once: true });
    const forged = await getCertificates(t, merchant.mchid);
    expect(forged.status).toBe(200);
    expect(signedBy(forged, first)).toBe(false);
    expect(signedBy(await getCertificates(t, merchant.mchid), first)).toBe(true);
    // The order endpoints were not touched by it.
    const log = obj((await control(t, "GET", "/__sandbox/requests?op=certificates")).json).requests as Record<string, unknown>[];
    expect(log.map((entry) => entry.fault)).toEqual(["bad_signature", null]);
  });
});

describe("[SANDBOX][CERTIFICATES] notifications", () => {
  let t: TestSandbox;
  let receiver: Server;
  const received: Record<string, string>[] = [];
  beforeAll(async () => {
    t = await startTestSandbox({ certificateIdentities: [merchant.id] });
    receiver = createServer((req, res) => {
      received.push(Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)])));
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    t.sandbox.state.notifier.settings = { baseUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`, urls: {}, timeScale: 0.001 };
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await t.stop();
  });

  it("are signed with the current certificate of an identity in certificate mode, a rotated one included", async () => {
    const first = new X509Certificate(readSandboxCertificatePems(t.keys.dir)?.platform as string);
    await control(t, "POST", "/__sandbox/orders/merchant/demo-merchant/DEMO-M-HOTEL-CREATED-1/confirm");
    const rotated = obj(obj((await control(t, "POST", "/__sandbox/certificates/rotate", {})).json).certificate).serial_no;
    await control(t, "POST", "/__sandbox/orders/merchant/demo-merchant/DEMO-M-HOTEL-PAYING-1/pay");
    await expect.poll(() => received.length).toBe(2);
    expect(received.map((headers) => headers["wechatpay-serial"])).toEqual([first.serialNumber, rotated]);
  });
});
