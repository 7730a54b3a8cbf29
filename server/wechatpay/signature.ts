// Request signing and answer verification of APIv3, on top of the primitives in crypto.ts.
// Verification is shared by the client (answers) and, later, the notification handler (same headers).
import "server-only";
import type { KeyObject } from "node:crypto";
import { buildRequestMessage, buildResponseMessage, formatAuthorization, isTimestampFresh, signMessage, verifyMessage } from "./crypto";
import { WechatPayError } from "./errors";

export interface AuthorizationInput {
  method: string;
  /** Path plus `?query`, exactly as sent on the request line. */
  url: string;
  /** The exact JSON text sent; "" for GET. */
  body: string;
  mchid: string;
  /** Serial of the merchant API certificate. */
  serial: string;
  privateKey: KeyObject;
  timestamp: string;
  nonce: string;
}

export function createAuthorization(input: AuthorizationInput): string {
  const message = buildRequestMessage(input.method, input.url, input.timestamp, input.nonce, input.body);
  return formatAuthorization({
    mchid: input.mchid,
    nonce_str: input.nonce,
    timestamp: input.timestamp,
    serial_no: input.serial,
    signature: signMessage(message, input.privateKey),
  });
}

export const PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";

export type VerifierKind = "public_key" | "platform_certificate";

/** `PUB_KEY_ID_…` names a 微信支付公钥; anything else is a platform certificate serial. */
export function verifierKindOf(serial: string): VerifierKind {
  return serial.startsWith(PUBLIC_KEY_ID_PREFIX) ? "public_key" : "platform_certificate";
}

export interface SignatureHeaders {
  timestamp: string | null;
  nonce: string | null;
  serial: string | null;
  signature: string | null;
}

export function readSignatureHeaders(headers: { get(name: string): string | null }): SignatureHeaders {
  return {
    timestamp: headers.get("wechatpay-timestamp"),
    nonce: headers.get("wechatpay-nonce"),
    serial: headers.get("wechatpay-serial"),
    signature: headers.get("wechatpay-signature"),
  };
}

export interface VerifyInput {
  headers: SignatureHeaders;
  /** The raw body text, exactly as received ("" for 204). */
  body: string;
  verifiers: ReadonlyMap<string, KeyObject>;
  now: Date;
  /** Copied into a thrown error, for the trail. */
  httpStatus?: number;
  requestId?: string;
  /** Set on thrown errors: a POST answer that fails verification leaves the outcome unknown. */
  outcomeUnknown?: boolean;
}

export interface VerifiedSignature {
  serial: string;
  verifierKind: VerifierKind;
  timestamp: string;
}

/**
 * Checks an answer's (or notification's) signature; throws a WechatPayError on the first problem.
 * Order: headers, serial, signature, then the clock. The timestamp is judged only once it is known to
 * be authentic, so "timestamp_skew" reliably means "our clock (or theirs) is off", not "forged".
 */
export function verifyWechatPaySignature(input: VerifyInput): VerifiedSignature {
  const { headers, httpStatus, requestId } = input;
  const context = { httpStatus, requestId, outcomeUnknown: input.outcomeUnknown };
  const missing = (Object.keys(headers) as (keyof SignatureHeaders)[]).filter((name) => !headers[name]);
  if (!headers.timestamp || !headers.nonce || !headers.serial || !headers.signature) {
    return fail({
      kind: "headers_missing",
      message: `Answer is missing ${missing.map((name) => `Wechatpay-${name[0]?.toUpperCase()}${name.slice(1)}`).join(", ")}`,
      detail: { missing },
      ...context,
    });
  }
  const key = input.verifiers.get(headers.serial);
  const verifierKind = verifierKindOf(headers.serial);
  if (!key) {
    return fail({
      kind: "serial_unknown",
      message: `No ${verifierKind === "public_key" ? "WeChat Pay public key" : "platform certificate"} configured for Wechatpay-Serial ${headers.serial}`,
      detail: { serial: headers.serial, verifierKind },
      ...context,
    });
  }
  const message = buildResponseMessage(headers.timestamp, headers.nonce, input.body);
  if (!verifyMessage(message, headers.signature, key)) {
    return fail({
      kind: "signature_invalid",
      message: `Answer signature does not verify with ${headers.serial}`,
      detail: { serial: headers.serial, verifierKind },
      ...context,
    });
  }
  if (!isTimestampFresh(headers.timestamp, input.now)) {
    const skewSeconds = /^\d{1,12}$/.test(headers.timestamp)
      ? Number(headers.timestamp) - Math.floor(input.now.getTime() / 1000)
      : null;
    return fail({
      kind: "timestamp_skew",
      message: `Wechatpay-Timestamp ${headers.timestamp} is more than 300 s away from the local clock`,
      detail: { skewSeconds },
      ...context,
    });
  }
  return { serial: headers.serial, verifierKind, timestamp: headers.timestamp };
}

function fail(init: ConstructorParameters<typeof WechatPayError>[0]): never {
  throw new WechatPayError(init);
}
