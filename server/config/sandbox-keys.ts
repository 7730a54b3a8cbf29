// Key files for sandbox mode: one RSA-2048 key per demo identity plus the sandbox's platform key,
// generated on first start into the git-ignored data folder and reused afterwards. The console and
// the sandbox run as separate processes and may start at the same moment, so every file is created
// atomically (write to a temporary name, then link: the loser of a race reads the winner's key).
// The sandbox's certificates (its root and platform certificate) live beside these keys:
// ./sandbox-certificates.ts.
import "server-only";
import { generateKeyPairSync, createPublicKey, randomBytes, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, linkSync, unlinkSync } from "node:fs";
import path from "node:path";
import { loadPrivateKey } from "@/server/wechatpay/crypto";
import {
  SANDBOX_CA_CERTIFICATE_FILE,
  SANDBOX_IDENTITIES,
  SANDBOX_PLATFORM_CERTIFICATE_FILE,
  SANDBOX_PLATFORM_KEY_FILE,
  SANDBOX_PLATFORM_PUBLIC_FILE,
} from "@/server/sandbox/world";

export interface SandboxKeys {
  dir: string;
  platformPrivateKey: KeyObject;
  platformPublicKey: KeyObject;
  /** Path of the platform public key PEM (what a real profile would configure). */
  platformPublicKeyPath: string;
  /** mchid → the merchant's key pair and the path of its private key PEM. */
  merchants: Map<string, { privateKey: KeyObject; publicKey: KeyObject; privateKeyPath: string }>;
  /** mchid → the identity's APIv3 key (32 characters): notifications are encrypted with it. */
  apiV3Keys: Map<string, Buffer>;
}

const APIV3_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 32 characters of [A-Za-z0-9], as the merchant platform lets one set an APIv3 key. */
function newApiV3Key(): string {
  const bytes = randomBytes(32);
  return Array.from(bytes, (byte) => APIV3_ALPHABET[byte % APIV3_ALPHABET.length]).join("");
}

/** The file's text, or null when it does not exist yet. */
export function readIfPresent(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * Puts `content` at `file` unless someone already has, atomically (write a temporary file, then link:
 * the loser of a race gets the winner's file), and returns what the file holds.
 */
export function publishOnce(file: string, content: string): string {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch {
    // Another process won the race: its file is complete (link is atomic), use it.
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(file, "utf8");
}

function createOnce(file: string, make: () => string): string {
  return readIfPresent(file) ?? publishOnce(file, make());
}

export function newPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

export function ensureSandboxKeys(dir: string): SandboxKeys {
  mkdirSync(dir, { recursive: true });
  const platformPem = createOnce(path.join(dir, SANDBOX_PLATFORM_KEY_FILE), newPrivateKeyPem);
  const platformPrivateKey = loadPrivateKey(platformPem);
  const platformPublicKey = createPublicKey(platformPrivateKey);
  const platformPublicKeyPath = path.join(dir, SANDBOX_PLATFORM_PUBLIC_FILE);
  createOnce(platformPublicKeyPath, () => platformPublicKey.export({ type: "spki", format: "pem" }).toString());

  const merchants: SandboxKeys["merchants"] = new Map();
  const apiV3Keys: SandboxKeys["apiV3Keys"] = new Map();
  for (const identity of SANDBOX_IDENTITIES) {
    const privateKeyPath = path.join(dir, identity.keyFile);
    const privateKey = loadPrivateKey(createOnce(privateKeyPath, newPrivateKeyPem));
    merchants.set(identity.mchid, { privateKey, publicKey: createPublicKey(privateKey), privateKeyPath });
    apiV3Keys.set(identity.mchid, Buffer.from(createOnce(path.join(dir, `apiv3_${identity.mchid}.key`), newApiV3Key).trim()));
  }
  return { dir, platformPrivateKey, platformPublicKey, platformPublicKeyPath, merchants, apiV3Keys };
}

/**
 * The sandbox root and first platform certificate PEMs, if the key folder has them (the console's
 * side: it reads them without loading the certificate maker; start-up has them made first when a
 * sandbox profile is in platform-certificate mode, ./sandbox-certificates.ts).
 */
export function readSandboxCertificatePems(dir: string): { root: string; platform: string } | null {
  const root = readIfPresent(path.join(dir, SANDBOX_CA_CERTIFICATE_FILE));
  const platform = readIfPresent(path.join(dir, SANDBOX_PLATFORM_CERTIFICATE_FILE));
  return root && platform ? { root, platform } : null;
}
