// Key files for sandbox mode: one RSA-2048 key per demo identity plus the sandbox's platform key,
// generated on first start into the git-ignored data folder and reused afterwards. The console and
// the sandbox run as separate processes and may start at the same moment, so every file is created
// atomically (write to a temporary name, then link: the loser of a race reads the winner's key).
import "server-only";
import { generateKeyPairSync, createPublicKey, randomBytes, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, linkSync, unlinkSync } from "node:fs";
import path from "node:path";
import { loadPrivateKey } from "@/server/wechatpay/crypto";
import { SANDBOX_IDENTITIES, SANDBOX_PLATFORM_KEY_FILE, SANDBOX_PLATFORM_PUBLIC_FILE } from "@/server/sandbox/world";

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

function createOnce(file: string, make: () => string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, make(), { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch {
      // Another process won the race: its file is complete (link is atomic), use it.
    } finally {
      unlinkSync(tmp);
    }
    return readFileSync(file, "utf8");
  }
}

function newPrivateKeyPem(): string {
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
