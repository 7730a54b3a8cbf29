// The sandbox's platform certificates (PAYSCORE_API.md Decision 23). WeChat Pay's older verification
// mode signs answers with a *platform certificate* (平台证书) issued by its own root CA; the sandbox
// imitates that with a root of its own, "Tenpay sandbox root", and a platform certificate for its
// platform key (./sandbox-keys.ts) signed by that root. Both live in the sandbox key folder beside the
// keys, created once like them and atomically (console and sandbox may start together: the root key
// is published first and read back, so whichever process wins, every certificate chains to the same
// key). Renewals (`issueCertificate`) are made by the running sandbox and kept in its memory.
//
// node:crypto reads certificates but cannot make them, so making them is @peculiar/x509's job (on
// WebCrypto, hence async; it needs the reflect-metadata polyfill loaded first). Only the sandbox's
// side, and the console's start-up in sandbox mode, load this module.
import "server-only";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createPublicKey, randomBytes, webcrypto, X509Certificate, type KeyObject } from "node:crypto";
import path from "node:path";
import { loadPrivateKey } from "@/server/wechatpay/crypto";
import { newPrivateKeyPem, publishOnce, readIfPresent, type SandboxKeys } from "@/server/config/sandbox-keys";
import { SANDBOX_CA_CERTIFICATE_FILE, SANDBOX_CA_KEY_FILE, SANDBOX_PLATFORM_CERTIFICATE_FILE } from "@/server/sandbox/world";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;
export const SANDBOX_ROOT_NAME = "CN=Tenpay sandbox root, OU=Payscore Console sandbox, O=Tenpay.com (sandbox), C=CN";
const PLATFORM_SUBJECT = "CN=Tenpay.com sign (sandbox), OU=Payscore Console sandbox, O=Tenpay.com (sandbox), C=CN";

export interface CertificateAuthority {
  pem: string;
  certificate: X509Certificate;
  privateKey: KeyObject;
}

export interface IssuedCertificate {
  /** Upper-case hex, as node:crypto prints it and as WeChat writes serial_no. */
  serial: string;
  pem: string;
  certificate: X509Certificate;
  /** The private key of the certified public key: what signs answers under this serial. */
  privateKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
}

export interface SandboxPki {
  root: CertificateAuthority;
  /** The first platform certificate: the sandbox's platform key. */
  platform: IssuedCertificate;
  rootCertificatePath: string;
  platformCertificatePath: string;
}

/** A certificate's serial: 20 random bytes, positive and without a leading zero (40 hex digits). */
function newSerial(): string {
  const bytes = randomBytes(20);
  bytes[0] = 0x10 + ((bytes[0] as number) % 0x70);
  return bytes.toString("hex").toUpperCase();
}

/** Whole seconds: X.509 times carry no milliseconds, and the declared times must equal them. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

async function toCryptoKeys(privateKey: KeyObject): Promise<CryptoKeyPair> {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey: await webcrypto.subtle.importKey("pkcs8", privateKey.export({ type: "pkcs8", format: "der" }), ALGORITHM, false, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", publicKey.export({ type: "spki", format: "der" }), ALGORITHM, true, ["verify"]),
  } as CryptoKeyPair;
}

/** A self-signed root (CA, may sign end certificates only), valid from yesterday for ten years. */
export async function createRootCertificate(privateKey: KeyObject, now: Date, name = SANDBOX_ROOT_NAME): Promise<string> {
  const keys = await toCryptoKeys(privateKey);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerial(),
    name,
    notBefore: wholeSeconds(new Date(now.getTime() - DAY_MS)),
    notAfter: wholeSeconds(new Date(now.getTime() + 3650 * DAY_MS)),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return withFinalNewline(certificate.toString("pem"));
}

/** PEM files end with a newline (as openssl writes them and node:crypto prints them). */
function withFinalNewline(pem: string): string {
  return pem.endsWith("\n") ? pem : `${pem}\n`;
}

/** A platform certificate for `subjectKey`, signed by `issuer`; five years from `notBefore` unless told. */
export async function issueCertificate(args: {
  issuer: CertificateAuthority;
  subjectKey: KeyObject;
  notBefore: Date;
  notAfter?: Date;
}): Promise<IssuedCertificate> {
  const issuerKeys = await toCryptoKeys(args.issuer.privateKey);
  const subjectKeys = await toCryptoKeys(args.subjectKey);
  const notBefore = wholeSeconds(args.notBefore);
  const notAfter = wholeSeconds(args.notAfter ?? new Date(notBefore.getTime() + 5 * 365 * DAY_MS));
  const generated = await x509.X509CertificateGenerator.create({
    serialNumber: newSerial(),
    subject: PLATFORM_SUBJECT,
    issuer: new x509.X509Certificate(args.issuer.pem).subject,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    publicKey: subjectKeys.publicKey,
    signingKey: issuerKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.AuthorityKeyIdentifierExtension.create(issuerKeys.publicKey),
    ],
  });
  return readIssued(withFinalNewline(generated.toString("pem")), args.subjectKey);
}

function readIssued(pem: string, privateKey: KeyObject): IssuedCertificate {
  const certificate = new X509Certificate(pem);
  return {
    serial: certificate.serialNumber.toUpperCase(),
    pem,
    certificate,
    privateKey,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

/** A fresh root with its own key: what an impostor's "Tenpay sandbox root" would be (same name, other key). */
export async function createImpostorRoot(now: Date): Promise<CertificateAuthority> {
  const privateKey = loadPrivateKey(newPrivateKeyPem());
  const pem = await createRootCertificate(privateKey, now);
  return { pem, certificate: new X509Certificate(pem), privateKey };
}

/** The root and the first platform certificate, made on first use and read from the key folder after. */
export async function ensureSandboxCertificates(keys: SandboxKeys, now: Date = new Date()): Promise<SandboxPki> {
  const rootKeyPath = path.join(keys.dir, SANDBOX_CA_KEY_FILE);
  const rootCertificatePath = path.join(keys.dir, SANDBOX_CA_CERTIFICATE_FILE);
  const platformCertificatePath = path.join(keys.dir, SANDBOX_PLATFORM_CERTIFICATE_FILE);
  const rootKey = loadPrivateKey(readIfPresent(rootKeyPath) ?? publishOnce(rootKeyPath, newPrivateKeyPem()));
  const rootPem = readIfPresent(rootCertificatePath) ?? publishOnce(rootCertificatePath, await createRootCertificate(rootKey, now));
  const root: CertificateAuthority = { pem: rootPem, certificate: new X509Certificate(rootPem), privateKey: rootKey };
  const platformPem =
    readIfPresent(platformCertificatePath) ??
    publishOnce(platformCertificatePath, (await issueCertificate({ issuer: root, subjectKey: keys.platformPrivateKey, notBefore: new Date(now.getTime() - DAY_MS) })).pem);
  return { root, platform: readIssued(platformPem, keys.platformPrivateKey), rootCertificatePath, platformCertificatePath };
}
