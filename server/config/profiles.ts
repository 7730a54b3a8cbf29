// Merchant profiles: the API identities the console acts as. Loaded once from the JSON file named by
// PAYSCORE_PROFILES_FILE and validated at start (a bad profile stops start-up with a message that
// names the profile and the field); without that file, sandbox mode builds one demo profile per mode
// on keys generated under .data/. Key material stays in this module's KeyObjects: it is never logged,
// and only `PublicProfile` (no paths, no keys) leaves the server.
// A profile with `platformCertificates` is in platform-certificate mode: it needs its APIv3 key, and
// the console downloads the certificates WeChat renews (server/certificates/), checking each against
// the `platformRootCertificates` when some are named. In sandbox mode, the identities listed in
// SANDBOX_CERTIFICATE_IDENTITIES are in that mode, trusting the sandbox's first platform certificate
// and its root (server/config/sandbox-certificates.ts; start-up makes them before profiles load).
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { X509Certificate, type KeyObject } from "node:crypto";
import { z } from "zod";
import { maxLength, minLength } from "@/lib/zod-length";
import { INDUSTRY_IDS, type IndustryId } from "@/lib/industries";
import type { PublicProfile } from "@/lib/profiles";
import { dataPath, getEnv, isSandboxMode, sandboxUrl } from "@/server/env";
import { loadPrivateKey, loadPublicKey } from "@/server/wechatpay/crypto";
import { ensureSandboxKeys, readSandboxCertificatePems } from "@/server/config/sandbox-keys";
import { SANDBOX_IDENTITIES, SANDBOX_PLATFORM_PUBLIC_KEY_ID } from "@/server/sandbox/world";

export type { PublicProfile, SubMerchant } from "@/lib/profiles";

export const DEFAULT_API_BASE_URL = "https://api.mch.weixin.qq.com";

const ZDigits32 = z.string().regex(/^[0-9A-Za-z_-]{1,32}$/, "1–32 letters or digits");
const ZIndustry = z.enum(INDUSTRY_IDS as unknown as [IndustryId, ...IndustryId[]]);

const ZSubMerchant = z.strictObject({
  sub_mchid: ZDigits32,
  label: z.string().check(minLength(1), maxLength(64)),
  industry: ZIndustry,
});

const ZProfileBase = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lowercase letters, digits, - and _ (≤ 40)"),
  label: z.string().check(minLength(1), maxLength(64)),
  mchid: ZDigits32,
  merchantSerial: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, "the merchant API certificate serial (hex)"),
  privateKeyPath: z.string().check(minLength(1)),
  platformPublicKeys: z
    .array(z.strictObject({ id: z.string().regex(/^PUB_KEY_ID_\d+$/, "PUB_KEY_ID_ followed by digits"), path: z.string().check(minLength(1)) }))
    .default([]),
  platformCertificates: z.array(z.strictObject({ path: z.string().check(minLength(1)) })).default([]),
  /** CA certificates every downloaded platform certificate must chain to (platform-certificate mode). */
  platformRootCertificates: z.array(z.strictObject({ path: z.string().check(minLength(1)) })).default([]),
  apiV3KeyPath: z.string().check(minLength(1)).optional(),
  service_id: ZDigits32,
  apiBaseUrl: z.url().default(DEFAULT_API_BASE_URL),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
});

const ZProfileFile = z.strictObject({
  profiles: z
    .array(
      z.discriminatedUnion("mode", [
        ZProfileBase.extend({ mode: z.literal("merchant"), appid: ZDigits32, industry: ZIndustry }),
        ZProfileBase.extend({ mode: z.literal("partner"), subMerchants: z.array(ZSubMerchant).check(minLength(1)) }),
        ZProfileBase.extend({
          mode: z.literal("institution"),
          channel_id: ZDigits32,
          subMerchants: z.array(ZSubMerchant).check(minLength(1)),
        }),
      ]),
    )
    .check(minLength(1)),
});

type ProfileFileEntry = z.infer<typeof ZProfileFile>["profiles"][number];

export interface Profile extends PublicProfile {
  merchantSerial: string;
  privateKey: KeyObject;
  /** serial or PUB_KEY_ID_… → verification key. */
  verifiers: Map<string, KeyObject>;
  apiV3Key?: Buffer;
  apiBaseUrl: string;
  timeoutMs: number;
  /**
   * Platform-certificate mode: the profile verifies with platform certificates, and newer ones are
   * downloaded from /v3/certificates, checked and kept (server/certificates/keeper.ts), which adds
   * their keys to `verifiers`. `certificates` are the configured ones, `roots` what new ones must
   * chain to (none: they must come from the configured ones' issuer). Absent: the keys are fixed.
   */
  certificateMode?: { certificates: X509Certificate[]; roots: X509Certificate[] };
}

export class ProfileConfigError extends Error {
  override name = "ProfileConfigError";
}

function readKeyFile(baseDir: string, file: string, where: string): Buffer {
  try {
    return readFileSync(path.resolve(baseDir, file));
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new ProfileConfigError(`${where}: cannot read ${file} (${reason})`);
  }
}

function buildProfile(entry: ProfileFileEntry, baseDir: string, defaultTimeoutMs: number): Profile {
  const where = (field: string) => `Profile "${entry.id}": ${field}`;
  let privateKey: KeyObject;
  try {
    privateKey = loadPrivateKey(readKeyFile(baseDir, entry.privateKeyPath, where("privateKeyPath")));
  } catch (error) {
    if (error instanceof ProfileConfigError) throw error;
    throw new ProfileConfigError(`${where("privateKeyPath")}: not a PEM private key`);
  }
  const verifiers = new Map<string, KeyObject>();
  entry.platformPublicKeys.forEach((key, index) => {
    const field = where(`platformPublicKeys[${index}].path`);
    try {
      verifiers.set(key.id, loadPublicKey(readKeyFile(baseDir, key.path, field)));
    } catch (error) {
      if (error instanceof ProfileConfigError) throw error;
      throw new ProfileConfigError(`${field}: not a PEM public key`);
    }
  });
  const readCertificate = (file: string, field: string): X509Certificate => {
    const pem = readKeyFile(baseDir, file, field);
    try {
      return new X509Certificate(pem);
    } catch {
      throw new ProfileConfigError(`${field}: not a PEM X.509 certificate`);
    }
  };
  const certificates = entry.platformCertificates.map((cert, index) => {
    const certificate = readCertificate(cert.path, where(`platformCertificates[${index}].path`));
    verifiers.set(certificate.serialNumber.toUpperCase(), certificate.publicKey);
    return certificate;
  });
  const roots = entry.platformRootCertificates.map((root, index) => {
    const field = where(`platformRootCertificates[${index}].path`);
    const certificate = readCertificate(root.path, field);
    if (!certificate.ca) throw new ProfileConfigError(`${field}: not a CA certificate`);
    return certificate;
  });
  if (roots.length > 0 && certificates.length === 0) {
    throw new ProfileConfigError(`${where("platformRootCertificates")}: only used with platformCertificates`);
  }
  if (certificates.length > 0 && !entry.apiV3KeyPath) {
    throw new ProfileConfigError(`${where("apiV3KeyPath")}: required with platformCertificates (new platform certificates are encrypted with the APIv3 key)`);
  }
  if (verifiers.size === 0) {
    throw new ProfileConfigError(`${where("platformPublicKeys")}: at least one platform public key or certificate is required`);
  }
  const apiV3Key = entry.apiV3KeyPath
    ? readKeyFile(baseDir, entry.apiV3KeyPath, where("apiV3KeyPath"))
    : undefined;
  if (apiV3Key && apiV3Key.toString("utf8").trim().length !== 32) {
    throw new ProfileConfigError(`${where("apiV3KeyPath")}: the APIv3 key must be 32 characters`);
  }
  return {
    id: entry.id,
    label: entry.label,
    mode: entry.mode,
    mchid: entry.mchid,
    appid: entry.mode === "merchant" ? entry.appid : undefined,
    service_id: entry.service_id,
    channel_id: entry.mode === "institution" ? entry.channel_id : undefined,
    industry: entry.mode === "merchant" ? entry.industry : undefined,
    subMerchants: entry.mode === "merchant" ? [] : entry.subMerchants,
    isSandbox: false,
    merchantSerial: entry.merchantSerial.toUpperCase(),
    privateKey,
    verifiers,
    apiV3Key: apiV3Key ? Buffer.from(apiV3Key.toString("utf8").trim()) : undefined,
    apiBaseUrl: entry.apiBaseUrl.replace(/\/+$/, ""),
    timeoutMs: entry.timeoutMs ?? defaultTimeoutMs,
    certificateMode: certificates.length > 0 ? { certificates, roots } : undefined,
  };
}

/** Parses a profile file's text; exported for tests. Errors name the profile and the field. */
export function parseProfileFile(text: string, baseDir: string, defaultTimeoutMs = 10_000): Profile[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProfileConfigError("Profile file: not valid JSON");
  }
  const parsed = ZProfileFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const issuePath = issue?.path ?? [];
    const profiles = (json as { profiles?: unknown }).profiles;
    const index = issuePath[0] === "profiles" && typeof issuePath[1] === "number" ? issuePath[1] : undefined;
    const entry = index !== undefined && Array.isArray(profiles) ? (profiles[index] as { id?: unknown }) : undefined;
    const name = typeof entry?.id === "string" ? `"${entry.id}"` : index !== undefined ? `#${index + 1}` : "file";
    const field = issuePath.slice(index !== undefined ? 2 : 0).join(".") || "(root)";
    throw new ProfileConfigError(`Profile ${name}: ${field}: ${issue?.message ?? "invalid"}`);
  }
  const ids = new Set<string>();
  for (const entry of parsed.data.profiles) {
    if (ids.has(entry.id)) throw new ProfileConfigError(`Profile "${entry.id}": id: used twice`);
    ids.add(entry.id);
  }
  return parsed.data.profiles.map((entry) => buildProfile(entry, baseDir, defaultTimeoutMs));
}

/** The sandbox's root and first platform certificate, for its profiles in platform-certificate mode. */
function sandboxCertificateMode(dir: string, certificateIdentities: readonly string[]): Profile["certificateMode"] {
  for (const id of certificateIdentities) {
    if (!SANDBOX_IDENTITIES.some((identity) => identity.id === id)) throw new ProfileConfigError(`SANDBOX_CERTIFICATE_IDENTITIES: no sandbox profile "${id}"`);
  }
  if (certificateIdentities.length === 0) return undefined;
  const pems = readSandboxCertificatePems(dir);
  if (!pems) throw new ProfileConfigError(`SANDBOX_CERTIFICATE_IDENTITIES: the sandbox certificates are missing in ${dir} (start-up makes them)`);
  return { certificates: [new X509Certificate(pems.platform)], roots: [new X509Certificate(pems.root)] };
}

function buildSandboxProfiles(): Profile[] {
  const keys = ensureSandboxKeys(dataPath("sandbox", "keys"));
  const { WECHATPAY_TIMEOUT_MS: timeoutMs, SANDBOX_CERTIFICATE_IDENTITIES: certificateIdentities } = getEnv();
  const certificateMode = sandboxCertificateMode(keys.dir, certificateIdentities);
  return SANDBOX_IDENTITIES.map((identity) => {
    const merchantKeys = keys.merchants.get(identity.mchid);
    if (!merchantKeys) throw new Error(`sandbox key missing for ${identity.mchid}`);
    const verifiers = new Map([[SANDBOX_PLATFORM_PUBLIC_KEY_ID, keys.platformPublicKey]]);
    const isCertificateMode = certificateMode !== undefined && certificateIdentities.includes(identity.id);
    // Both keys: the sandbox's control API can switch the identity's mode either way.
    if (isCertificateMode) for (const certificate of certificateMode.certificates) verifiers.set(certificate.serialNumber.toUpperCase(), certificate.publicKey);
    return {
      id: identity.id,
      label: identity.label,
      mode: identity.mode,
      mchid: identity.mchid,
      appid: identity.appid,
      service_id: identity.service_id,
      channel_id: identity.channel_id,
      industry: identity.industry,
      subMerchants: identity.subMerchants,
      isSandbox: true,
      merchantSerial: identity.serial,
      privateKey: merchantKeys.privateKey,
      verifiers,
      apiV3Key: keys.apiV3Keys.get(identity.mchid),
      apiBaseUrl: sandboxUrl(),
      timeoutMs,
      certificateMode: isCertificateMode ? { certificates: [...certificateMode.certificates], roots: [...certificateMode.roots] } : undefined,
    };
  });
}

let cached: Profile[] | undefined;

/** All profiles; the first call loads and validates them (and throws ProfileConfigError if bad). */
export function getProfiles(): Profile[] {
  if (!cached) {
    const env = getEnv();
    if (isSandboxMode()) {
      cached = buildSandboxProfiles();
    } else {
      const file = path.resolve(env.PAYSCORE_PROFILES_FILE as string);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        throw new ProfileConfigError(`Profile file ${file}: cannot be read`);
      }
      cached = parseProfileFile(text, path.dirname(file), env.WECHATPAY_TIMEOUT_MS);
    }
  }
  return cached;
}

export function getProfile(id: string): Profile | undefined {
  return getProfiles().find((profile) => profile.id === id);
}

export function toPublicProfile(profile: Profile): PublicProfile {
  return {
    id: profile.id,
    label: profile.label,
    mode: profile.mode,
    mchid: profile.mchid,
    appid: profile.appid,
    service_id: profile.service_id,
    channel_id: profile.channel_id,
    industry: profile.industry,
    subMerchants: profile.subMerchants,
    isSandbox: profile.isSandbox,
  };
}

export function getPublicProfiles(): PublicProfile[] {
  return getProfiles().map(toPublicProfile);
}
