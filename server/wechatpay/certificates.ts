// Downloading platform certificates (平台证书, PAYSCORE_API.md §5.2 and Decision 23) and deciding
// which of them to trust. Pure apart from the one signed GET: storing and using them is the
// keeper's job (server/certificates/keeper.ts).
//
// GET /v3/certificates goes through the profile's client, so its answer is verified like any other.
// A certificate is trusted only if all of these hold; one that fails any of the first five makes the
// whole answer refused (it was forged or tampered with), so nothing of it is kept:
//   1. the answer's signature verifies with a key the profile already trusts (its 微信支付公钥, a
//      configured or stored certificate), or — after a renewal, when WeChat signs with the new
//      certificate — with a certificate of this very answer that chains to a trusted root (rule 4's
//      cryptographic half): a key is vouched for by one already trusted, never by the answer alone;
//   2. it decrypts with the profile's APIv3 key (AEAD_AES_256_GCM: only WeChat and the merchant
//      hold that key, and the tag authenticates the PEM);
//   3. it is an X.509 certificate for an RSA key, not a CA, whose serial is the entry's serial_no;
//   4. it chains: when the profile names root certificates (`platformRootCertificates`), it must be
//      issued by one and its signature verify with the root's key (X509Certificate.checkIssued +
//      verify); otherwise it must be issued by a trusted certificate (verified the same way) or
//      carry the same issuer as one (WeChat's platform certificates all come from one root, so a
//      certificate from another issuer is not WeChat's);
//   5. the entry is well formed (schema).
//   6. now is within its validity period: an expired or not yet valid certificate is left out (not
//      an error: WeChat may list one that is about to take over).
// The certificate's own validity counts; the entry's effective_time / expire_time are not trusted.
import "server-only";
import { X509Certificate, type KeyObject } from "node:crypto";
import { ZPlatformCertificates, type TPlatformCertificates } from "@/lib/payscore/certificates";
import { AeadError, decryptAead } from "./aead";
import type { WechatPayClient } from "./client";
import { isWechatPayError } from "./errors";

export const CERTIFICATES_PATH = "/v3/certificates";

export type CertificateRefusal =
  /** The answer failed: transport, WeChat's error, or its signature (see `cause`). */
  | "answer"
  /** Signed by a certificate of the answer that no trusted root or certificate vouches for. */
  | "signer_not_vouched"
  | "malformed"
  | "decrypt"
  | "not_a_certificate"
  | "serial_mismatch"
  /** Rule 4: not issued by a trusted root or by the issuer of the trusted certificates. */
  | "not_chained";

export class PlatformCertificateError extends Error {
  override name = "PlatformCertificateError";
  constructor(
    readonly reason: CertificateRefusal,
    message: string,
    readonly serial?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface CertificateTrust {
  /** Every platform certificate the profile trusts now (configured, stored, downloaded). */
  certificates: readonly X509Certificate[];
  /** Roots a new certificate must chain to; none = rule 4's second half. */
  roots: readonly X509Certificate[];
}

export interface AcceptedCertificate {
  /** Upper-case hex. */
  serial: string;
  pem: string;
  certificate: X509Certificate;
  effectiveTime: Date;
  expireTime: Date;
  /** The already trusted key that verified the answer: its Wechatpay-Serial, or the root that certified its signer. */
  vouchedBy: string;
  /** The root or trusted certificate it is cryptographically issued by, if any (null: same issuer name only). */
  chainedTo: string | null;
}

export interface DownloadedCertificates {
  /** The certificates valid now, known ones included. */
  certificates: AcceptedCertificate[];
  /** Serials listed but not valid now (expired or not yet valid). */
  notValidNow: string[];
  /** The Wechatpay-Serial that signed the answer. */
  answerSerial: string;
  requestId: string | undefined;
}

export interface DownloadInput {
  apiV3Key: Buffer;
  trust: CertificateTrust;
  now?: Date;
}

interface ReadCertificate {
  serial: string;
  pem: string;
  certificate: X509Certificate;
  effectiveTime: Date;
  expireTime: Date;
}

export async function downloadPlatformCertificates(client: WechatPayClient, input: DownloadInput): Promise<DownloadedCertificates> {
  const now = input.now ?? new Date();
  // Rule 1, second half: the answer names a serial we lack. It may be a certificate of this answer;
  // it is used to verify the answer only if it passes every other rule and chains cryptographically.
  let bootstrap: { serial: string; vouchedBy: string } | null = null;
  let bootstrapRefusal: PlatformCertificateError | null = null;
  const resolveUnknownSerial = async (serial: string, context: { rawBody: string }): Promise<KeyObject | null> => {
    try {
      const entry = parseAnswer(context.rawBody).data.find((candidate) => candidate.serial_no.toUpperCase() === serial.toUpperCase());
      if (!entry) throw new PlatformCertificateError("signer_not_vouched", `the answer is signed by ${serial}, which it does not contain`, serial);
      const read = readEntry(entry, input.apiV3Key);
      if (!isValidAt(read, now)) throw new PlatformCertificateError("signer_not_vouched", `the answer's signer ${serial} is not valid now`, serial);
      const chainedTo = chainedIssuer(read.certificate, input.trust);
      if (!chainedTo) throw new PlatformCertificateError("signer_not_vouched", `the answer's signer ${serial} is not issued by a trusted root`, serial);
      bootstrap = { serial: read.serial, vouchedBy: chainedTo };
      return read.certificate.publicKey;
    } catch (error) {
      bootstrapRefusal = error instanceof PlatformCertificateError ? error : new PlatformCertificateError("malformed", "the answer cannot be read", serial);
      return null;
    }
  };

  let answer;
  try {
    answer = await client.request({ method: "GET", path: CERTIFICATES_PATH, resolveUnknownSerial });
  } catch (error) {
    if (bootstrapRefusal && isWechatPayError(error) && error.kind === "serial_unknown") throw bootstrapRefusal as PlatformCertificateError;
    throw new PlatformCertificateError("answer", `GET ${CERTIFICATES_PATH} failed: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
  }
  const vouch = bootstrap as { serial: string; vouchedBy: string } | null;
  const vouchedBy = vouch && vouch.serial === answer.serial.toUpperCase() ? vouch.vouchedBy : answer.serial;

  const body = parseAnswer(answer.rawBody);
  const certificates: AcceptedCertificate[] = [];
  const notValidNow: string[] = [];
  for (const entry of body.data) {
    const read = readEntry(entry, input.apiV3Key);
    const cryptographic = chainedIssuer(read.certificate, input.trust);
    if (!cryptographic && (input.trust.roots.length > 0 || !hasTrustedIssuer(read.certificate, input.trust))) {
      throw new PlatformCertificateError("not_chained", `certificate ${read.serial} is not issued by a trusted ${input.trust.roots.length > 0 ? "root" : "issuer"}`, read.serial);
    }
    if (!isValidAt(read, now)) {
      notValidNow.push(read.serial);
      continue;
    }
    certificates.push({ ...read, vouchedBy, chainedTo: cryptographic });
  }
  return { certificates, notValidNow, answerSerial: answer.serial, requestId: answer.requestId };
}

function parseAnswer(rawBody: string): TPlatformCertificates {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new PlatformCertificateError("malformed", "the answer is not JSON");
  }
  const parsed = ZPlatformCertificates.safeParse(json);
  if (!parsed.success) throw new PlatformCertificateError("malformed", `not a certificate list: ${parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")}`);
  return parsed.data;
}

/** Rules 2 and 3. */
function readEntry(entry: TPlatformCertificates["data"][number], apiV3Key: Buffer): ReadCertificate {
  const serial = entry.serial_no.toUpperCase();
  const encrypted = entry.encrypt_certificate;
  let pem: string;
  try {
    pem = decryptAead(apiV3Key, encrypted.nonce, encrypted.associated_data ?? "", encrypted.ciphertext);
  } catch (error) {
    if (error instanceof AeadError) throw new PlatformCertificateError("decrypt", `certificate ${serial} does not decrypt with the APIv3 key`, serial);
    throw error;
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw new PlatformCertificateError("not_a_certificate", `certificate ${serial} is not a PEM X.509 certificate`, serial);
  }
  if (certificate.ca || certificate.publicKey.asymmetricKeyType !== "rsa") {
    throw new PlatformCertificateError("not_a_certificate", `certificate ${serial} is not a platform certificate (a CA, or not an RSA key)`, serial);
  }
  if (certificate.serialNumber.toUpperCase() !== serial) {
    throw new PlatformCertificateError("serial_mismatch", `certificate ${serial} carries serial ${certificate.serialNumber.toUpperCase()}`, serial);
  }
  const { from, to } = validityOf(certificate);
  return { serial, pem, certificate, effectiveTime: from, expireTime: to };
}

/** node:crypto (Node 20) gives the validity as text, e.g. "Dec  7 19:29:53 2026 GMT". */
export function validityOf(certificate: X509Certificate): { from: Date; to: Date } {
  const from = new Date(certificate.validFrom);
  const to = new Date(certificate.validTo);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new PlatformCertificateError("not_a_certificate", `certificate ${certificate.serialNumber} has an unreadable validity`, certificate.serialNumber.toUpperCase());
  }
  return { from, to };
}

function isValidAt(read: { effectiveTime: Date; expireTime: Date }, now: Date): boolean {
  return read.effectiveTime.getTime() <= now.getTime() && now.getTime() <= read.expireTime.getTime();
}

/** Rule 4, cryptographic: the serial of the trusted root or certificate that issued and signed it, or null. */
export function chainedIssuer(certificate: X509Certificate, trust: CertificateTrust): string | null {
  for (const issuer of [...trust.roots, ...trust.certificates]) {
    if (issuer.serialNumber === certificate.serialNumber) continue;
    if (certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey)) return issuer.serialNumber.toUpperCase();
  }
  return null;
}

/** Rule 4 without roots: the same issuer as a certificate already trusted. */
function hasTrustedIssuer(certificate: X509Certificate, trust: CertificateTrust): boolean {
  return trust.certificates.some((trusted) => trusted.issuer === certificate.issuer);
}

/** A stored certificate is used again only if it still passes rules 3, 4 (against today's roots) and 6. */
export function isStillTrustworthy(certificate: X509Certificate, trust: CertificateTrust, now: Date): boolean {
  try {
    const { from, to } = validityOf(certificate);
    if (!isValidAt({ effectiveTime: from, expireTime: to }, now) || certificate.ca) return false;
  } catch {
    return false;
  }
  if (trust.roots.length > 0) return chainedIssuer(certificate, trust) !== null;
  return chainedIssuer(certificate, trust) !== null || hasTrustedIssuer(certificate, trust);
}
