import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ProfileConfigError, parseProfileFile } from "@/server/config/profiles";
import { ensureSandboxKeys } from "@/server/config/sandbox-keys";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "profiles-"));
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  writeFileSync(path.join(dir, "merchant.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(path.join(dir, "pub.pem"), publicKey.export({ type: "spki", format: "pem" }));
  writeFileSync(path.join(dir, "apiv3.key"), "0123456789abcdef0123456789abcdef\n");
  // A platform certificate with a known serial, made by openssl as a real one would be.
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "platform-key.pem"),
    "-out", path.join(dir, "platform-cert.pem"), "-days", "1", "-subj", "/CN=Tenpay.com Root CA",
    "-set_serial", "0x5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
  ], { stdio: "ignore" });
  // A certificate that is not a CA, to be refused as a root.
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "leaf-key.pem"),
    "-out", path.join(dir, "leaf-cert.pem"), "-days", "1", "-subj", "/CN=leaf", "-addext", "basicConstraints=critical,CA:FALSE",
  ], { stdio: "ignore" });
});

const merchant = {
  id: "hotel",
  label: "酒店",
  mode: "merchant",
  mchid: "1230000109",
  merchantSerial: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
  privateKeyPath: "merchant.pem",
  platformPublicKeys: [{ id: "PUB_KEY_ID_0112300001092025", path: "pub.pem" }],
  platformCertificates: [{ path: "platform-cert.pem" }],
  apiV3KeyPath: "apiv3.key",
  appid: "wxd678efh567hg6787",
  service_id: "00002000000000558128851361561536",
  industry: "hotel",
};

function parse(profiles: unknown[]) {
  return parseProfileFile(JSON.stringify({ profiles }), dir);
}

function errorOf(profiles: unknown[]): string {
  try {
    parse(profiles);
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ProfileConfigError");
}

describe("merchant profiles", () => {
  it("loads a valid merchant profile with a public key and a platform certificate", () => {
    const [profile] = parse([merchant]);
    expect(profile?.mode).toBe("merchant");
    expect(profile?.apiBaseUrl).toBe("https://api.mch.weixin.qq.com");
    expect([...(profile?.verifiers.keys() ?? [])]).toEqual([
      "PUB_KEY_ID_0112300001092025",
      "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
    ]);
    expect(profile?.apiV3Key?.toString()).toBe("0123456789abcdef0123456789abcdef");
  });

  it("names the profile and the field of a missing or invalid value", () => {
    expect(errorOf([{ ...merchant, appid: undefined }])).toMatch(/^Profile "hotel": appid: /);
    expect(errorOf([{ ...merchant, mode: "partner" }])).toMatch(/^Profile "hotel": subMerchants: /);
    expect(errorOf([{ ...merchant, industry: "bakery" }])).toMatch(/^Profile "hotel": industry: /);
    expect(errorOf([{ ...merchant, platformPublicKeys: [{ id: "KEY1", path: "pub.pem" }] }])).toMatch(
      /^Profile "hotel": platformPublicKeys\.0\.id: PUB_KEY_ID_ followed by digits/,
    );
    expect(
      errorOf([{ ...merchant, id: "inst", mode: "institution", subMerchants: [{ sub_mchid: "1", label: "x", industry: "express" }] }]),
    ).toMatch(/^Profile "inst": channel_id: /);
  });

  it("names the profile and the file when a key cannot be read or is not a key", () => {
    expect(errorOf([{ ...merchant, privateKeyPath: "missing.pem" }])).toBe(
      'Profile "hotel": privateKeyPath: cannot read missing.pem (ENOENT)',
    );
    expect(errorOf([{ ...merchant, privateKeyPath: "apiv3.key" }])).toBe('Profile "hotel": privateKeyPath: not a PEM private key');
    expect(errorOf([{ ...merchant, platformPublicKeys: [], platformCertificates: [] }])).toBe(
      'Profile "hotel": platformPublicKeys: at least one platform public key or certificate is required',
    );
  });

  it("names the field of a value that is an object with a `length` instead of text (no crash)", () => {
    const hostileLength = { length: { toString: 1, valueOf: 1 } };
    expect(errorOf([{ ...merchant, label: hostileLength }])).toMatch(/^Profile "hotel": label: /);
    expect(errorOf([{ ...merchant, privateKeyPath: hostileLength }])).toMatch(/^Profile "hotel": privateKeyPath: /);
  });

  it("puts a profile with platform certificates in platform-certificate mode, with its roots; it needs the APIv3 key", () => {
    const [withCertificates] = parse([merchant]);
    expect(withCertificates?.certificateMode?.certificates.map((certificate) => certificate.serialNumber)).toEqual(["5157F09EFDC096DE15EBE81A47057A7232F1B8E1"]);
    expect(withCertificates?.certificateMode?.roots).toEqual([]);
    const [withRoot] = parse([{ ...merchant, platformRootCertificates: [{ path: "platform-cert.pem" }] }]);
    expect(withRoot?.certificateMode?.roots.map((root) => root.subject)).toEqual(["CN=Tenpay.com Root CA"]);
    const [publicKeyOnly] = parse([{ ...merchant, platformCertificates: [], apiV3KeyPath: undefined }]);
    expect(publicKeyOnly?.certificateMode).toBeUndefined();

    expect(errorOf([{ ...merchant, apiV3KeyPath: undefined }])).toBe(
      'Profile "hotel": apiV3KeyPath: required with platformCertificates (new platform certificates are encrypted with the APIv3 key)',
    );
    expect(errorOf([{ ...merchant, platformCertificates: [], platformRootCertificates: [{ path: "platform-cert.pem" }] }])).toBe(
      'Profile "hotel": platformRootCertificates: only used with platformCertificates',
    );
    expect(errorOf([{ ...merchant, platformRootCertificates: [{ path: "leaf-cert.pem" }] }])).toBe('Profile "hotel": platformRootCertificates[0].path: not a CA certificate');
    expect(errorOf([{ ...merchant, platformRootCertificates: [{ path: "apiv3.key" }] }])).toBe('Profile "hotel": platformRootCertificates[0].path: not a PEM X.509 certificate');
  });

  it("refuses two profiles with one id", () => {
    expect(errorOf([merchant, merchant])).toBe('Profile "hotel": id: used twice');
  });
});

describe("sandbox keys", () => {
  it("are generated once and reused afterwards", () => {
    const keysDir = mkdtempSync(path.join(tmpdir(), "sandbox-keys-"));
    const first = ensureSandboxKeys(keysDir);
    const second = ensureSandboxKeys(keysDir);
    const pem = (k: typeof first) => k.platformPublicKey.export({ type: "spki", format: "pem" }).toString();
    expect(pem(second)).toBe(pem(first));
    expect(first.merchants.size).toBe(3);
  });
});
