// The console's side of platform-certificate mode, against the real sandbox over HTTP and on PGlite
// and PostgreSQL: downloading GET /v3/certificates, storing each new certificate once, verifying
// with it; a renewed certificate met as an unknown Wechatpay-Serial (refresh, then the call goes
// through; one download for concurrent callers; rate limits); and every forgery refused with
// nothing stored: a wrong signature, a certificate from an impostor root, an expired one, a signer
// no trusted root vouches for, the wrong APIv3 key.
import { X509Certificate } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readSandboxCertificatePems } from "@/server/config/sandbox-keys";
import { platformCertificate } from "@/server/db/schema";
import { createTestPglite, createTestPostgres, shouldTestPostgres, type TestDatabase } from "@/server/db/testing";
import { control, identityByMode, obj, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import { findSeedOrder } from "@/server/sandbox/seed";
import { createWechatPayClient, type WechatPayClient } from "@/server/wechatpay/client";
import { PlatformCertificateError } from "@/server/wechatpay/certificates";
import { WechatPayError } from "@/server/wechatpay/errors";
import { CertificateKeeper, type KeptProfile } from "./keeper";

const merchant = identityByMode("merchant");
const order = findSeedOrder("DEMO-M-HOTEL-PAYING-1");

let t: TestSandbox;
let root: X509Certificate;
let first: X509Certificate;
const runPostgres = await shouldTestPostgres();

beforeAll(async () => {
  t = await startTestSandbox({ certificateIdentities: [merchant.id] });
  const pems = readSandboxCertificatePems(t.keys.dir);
  root = new X509Certificate(pems?.root as string);
  first = new X509Certificate(pems?.platform as string);
});
afterAll(async () => {
  await t?.stop();
});

interface Setup {
  profile: KeptProfile;
  keeper: CertificateKeeper;
  client: WechatPayClient;
  logs: string[];
}

let profileCounter = 0;

/** A profile of the sandbox merchant in platform-certificate mode: it trusts the first certificate (and, unless told, the root) only. */
function setUp(database: TestDatabase, options: { id?: string; roots?: boolean; apiV3Key?: Buffer; now?: () => Date } = {}): Setup {
  profileCounter += 1;
  const profile: KeptProfile = {
    id: options.id ?? `certs-${profileCounter}`,
    verifiers: new Map([[first.serialNumber, first.publicKey]]),
    apiV3Key: options.apiV3Key ?? (t.keys.apiV3Keys.get(merchant.mchid) as Buffer),
    certificateMode: { certificates: [first], roots: options.roots === false ? [] : [root] },
  };
  const logs: string[] = [];
  const keeper = new CertificateKeeper({ profile, db: async () => database.db, now: options.now, log: (line) => logs.push(line) });
  return { profile, keeper, client: clientFor(profile, keeper), logs };
}

function clientFor(profile: KeptProfile, keeper: CertificateKeeper): WechatPayClient {
  return createWechatPayClient({
    mchid: merchant.mchid,
    serial: merchant.serial,
    privateKey: t.keys.merchants.get(merchant.mchid)?.privateKey as never,
    verifiers: profile.verifiers,
    baseUrl: t.sandbox.url,
    resolveUnknownSerial: (serial, { client }) => keeper.resolveUnknownSerial(serial, client),
  });
}

function queryTheOrder(client: WechatPayClient) {
  return client.request({ method: "GET", path: "/v3/payscore/serviceorder", query: { service_id: order.service_id, appid: order.appid, out_order_no: order.out_order_no } });
}

async function rotate(body: Record<string, unknown> = {}): Promise<string> {
  const answer = await control(t, "POST", "/__sandbox/certificates/rotate", body);
  expect(answer.status).toBe(201);
  return obj(obj(answer.json).certificate).serial_no as string;
}

async function downloads(): Promise<number> {
  return (obj((await control(t, "GET", "/__sandbox/requests?op=certificates")).json).requests as unknown[]).length;
}

async function rejection<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

describe.each([
  ["PGlite", createTestPglite, true],
  ["PostgreSQL", createTestPostgres, runPostgres],
] as const)("[CERTIFICATES] on %s", (_name, create, enabled) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (enabled) database = await create();
  });
  afterAll(async () => {
    await database?.dispose();
  });
  beforeEach(async () => {
    await control(t, "POST", "/__sandbox/reset");
    if (enabled) await database.db.execute(sql`delete from platform_certificate`);
  });

  const stored = () => database.db.select().from(platformCertificate).orderBy(platformCertificate.serialNo);

  it.runIf(enabled)("downloads the certificates, stores a new one once with what vouched for it, and verifies with it", async () => {
    const { profile, keeper, client } = setUp(database);
    // Only the configured certificate is listed: nothing new.
    expect(await keeper.refresh(client)).toMatchObject({ added: [], stored: [], answerSerial: first.serialNumber });
    expect(await stored()).toEqual([]);

    // WeChat lists the next certificate before signing with it.
    const next = await rotate({ activate: false });
    const result = await keeper.refresh(client);
    expect(result).toMatchObject({ added: [next], stored: [next], answerSerial: first.serialNumber });
    expect(await keeper.refresh(client)).toMatchObject({ added: [], stored: [] });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ profileId: profile.id, serialNo: next, vouchedBy: first.serialNumber, chainedTo: root.serialNumber });
    const certificate = new X509Certificate(row?.pem as string);
    expect(certificate.serialNumber).toBe(next);
    expect(certificate.verify(root.publicKey)).toBe(true);
    expect(row?.expireTime.getTime()).toBe(new Date(certificate.validTo).getTime());
    expect(profile.verifiers.get(next)?.equals(certificate.publicKey)).toBe(true);

    // A restarted console loads it from the database, and verifies the answers it signs without a download.
    const restarted = setUp(database, { id: profile.id });
    expect(await restarted.keeper.loadStored()).toEqual([next]);
    expect((await control(t, "POST", "/__sandbox/certificates/activate", { serial_no: next })).status).toBe(200);
    const before = await downloads();
    expect(await queryTheOrder(restarted.client)).toMatchObject({ status: 200, serial: next, verifierKind: "platform_certificate" });
    expect(await downloads()).toBe(before);
  });

  it.runIf(enabled)("meets a renewed certificate as an unknown Wechatpay-Serial: refreshes once, stores it, and the call goes through", async () => {
    const { profile, client } = setUp(database);
    expect((await queryTheOrder(client)).serial).toBe(first.serialNumber);
    const renewed = await rotate();
    const before = await downloads();
    const answer = await queryTheOrder(client);
    expect(answer).toMatchObject({ status: 200, serial: renewed });
    expect(await downloads()).toBe(before + 1);
    // The download itself was signed by the renewed certificate: its root vouched for it.
    expect(await stored()).toMatchObject([{ profileId: profile.id, serialNo: renewed, vouchedBy: root.serialNumber, chainedTo: root.serialNumber }]);
    // Known from now on: no more downloads.
    await queryTheOrder(client);
    expect(await downloads()).toBe(before + 1);
  });

  it.runIf(enabled)("shares one download between concurrent calls that meet the new serial", async () => {
    const { client } = setUp(database);
    const renewed = await rotate();
    const before = await downloads();
    const answers = await Promise.all([queryTheOrder(client), queryTheOrder(client), queryTheOrder(client)]);
    expect(answers.map((answer) => answer.serial)).toEqual([renewed, renewed, renewed]);
    expect(await downloads()).toBe(before + 1);
    expect(await stored()).toHaveLength(1);
  });

  it.runIf(enabled)("refuses a download whose signature does not verify, and stores nothing", async () => {
    const { profile, keeper, client } = setUp(database);
    await rotate({ activate: false });
    await control(t, "POST", "/__sandbox/faults", { kind: "bad_signature", ops: ["certificates"], once: true });
    const error = await rejection(keeper.refresh(client), PlatformCertificateError);
    expect(error.reason).toBe("answer");
    expect((error.cause as WechatPayError).kind).toBe("signature_invalid");
    expect(await stored()).toEqual([]);
    expect([...profile.verifiers.keys()]).toEqual([first.serialNumber]);
  });

  it.runIf(enabled)("refuses a certificate from an impostor root (same name, other key), listed or signing, and stores nothing", async () => {
    const listed = setUp(database);
    await rotate({ issuer: "impostor_root", activate: false });
    expect((await rejection(listed.keeper.refresh(listed.client), PlatformCertificateError)).reason).toBe("not_chained");

    await control(t, "POST", "/__sandbox/reset");
    const signing = setUp(database);
    const forged = await rotate({ issuer: "impostor_root" });
    const error = await rejection(queryTheOrder(signing.client), WechatPayError);
    expect(error.kind).toBe("serial_unknown");
    expect((await rejection(signing.keeper.refresh(signing.client), PlatformCertificateError)).reason).toBe("signer_not_vouched");
    expect(signing.logs.join("\n")).toContain(`refresh for unknown serial ${forged} failed: signer_not_vouched`);
    expect(await stored()).toEqual([]);
    expect(signing.profile.verifiers.has(forged)).toBe(false);
  });

  it.runIf(enabled)("refuses an expired certificate: as the signer the call fails; listed, it is left out; nothing stored", async () => {
    const signing = setUp(database);
    await rotate({ validity: "expired" });
    expect((await rejection(queryTheOrder(signing.client), WechatPayError)).kind).toBe("serial_unknown");
    expect(await stored()).toEqual([]);

    await control(t, "POST", "/__sandbox/reset");
    const listed = setUp(database);
    const expired = await rotate({ validity: "expired", activate: false });
    expect(await listed.keeper.refresh(listed.client)).toMatchObject({ added: [], stored: [], notValidNow: [expired] });
    expect(await stored()).toEqual([]);
  });

  it.runIf(enabled)("without configured roots: a renewal signed by itself is not vouched for; one listed beside a trusted certificate of the same issuer is", async () => {
    const signing = setUp(database, { roots: false });
    await rotate();
    expect((await rejection(signing.keeper.refresh(signing.client), PlatformCertificateError)).reason).toBe("signer_not_vouched");
    expect(await stored()).toEqual([]);

    await control(t, "POST", "/__sandbox/reset");
    const listed = setUp(database, { roots: false });
    const next = await rotate({ activate: false });
    expect(await listed.keeper.refresh(listed.client)).toMatchObject({ stored: [next] });
    expect(await stored()).toMatchObject([{ serialNo: next, vouchedBy: first.serialNumber, chainedTo: null }]);
  });

  it.runIf(enabled)("refuses certificates that do not decrypt with the profile's APIv3 key", async () => {
    const { keeper, client } = setUp(database, { apiV3Key: Buffer.from("0123456789abcdef0123456789abcdef") });
    expect((await rejection(keeper.refresh(client), PlatformCertificateError)).reason).toBe("decrypt");
    expect(await stored()).toEqual([]);
  });

  it.runIf(enabled)("limits downloads for unknown serials: a serial not found is not looked for again for a minute, another waits 10 s; a bad signature under a known serial never downloads", async () => {
    let nowMs = Date.now();
    const { client, keeper } = setUp(database, { now: () => new Date(nowMs) });
    await rotate({ issuer: "impostor_root" });
    const before = await downloads();
    await rejection(queryTheOrder(client), WechatPayError);
    await rejection(queryTheOrder(client), WechatPayError);
    expect(await downloads()).toBe(before + 1);
    // Another unknown serial right after a fruitless download waits 10 s.
    expect(await keeper.resolveUnknownSerial("ABCDEF0123", client)).toBeNull();
    expect(await downloads()).toBe(before + 1);
    nowMs += 61_000;
    await rejection(queryTheOrder(client), WechatPayError);
    expect(await downloads()).toBe(before + 2);
    // A 微信支付公钥 id is never downloaded for.
    expect(await keeper.resolveUnknownSerial("PUB_KEY_ID_0000000000000000000000000000000001", client)).toBeNull();
    expect(await downloads()).toBe(before + 2);

    await control(t, "POST", "/__sandbox/reset");
    await control(t, "POST", "/__sandbox/faults", { kind: "bad_signature", ops: ["query"], once: true });
    expect((await rejection(queryTheOrder(client), WechatPayError)).kind).toBe("signature_invalid");
    expect(await downloads()).toBe(0);
  });
});
