// The WeChat Pay APIv3 signature scheme (SHA256withRSA, PKCS#1 v1.5, Base64), shared by the
// client (signs requests, verifies answers) and the sandbox (verifies requests, signs answers).
// Pure node:crypto, no I/O: both sides must compute byte-identical strings.
import "server-only";
import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from "node:crypto";

export const AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048";

/** Requests and answers more than this far from the local clock are refused (exactly 300 s is accepted). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`; URL is the path plus `?query`, BODY is "" for GET. */
export function buildRequestMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** `TIMESTAMP\nNONCE\nBODY\n`; BODY is "" for 204. */
export function buildResponseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export function signMessage(message: string, privateKey: KeyObject): string {
  return sign("sha256", Buffer.from(message, "utf8"), privateKey).toString("base64");
}

export function verifyMessage(message: string, signatureBase64: string, publicKey: KeyObject): boolean {
  try {
    return verify("sha256", Buffer.from(message, "utf8"), publicKey, Buffer.from(signatureBase64, "base64"));
  } catch {
    return false;
  }
}

/** 32 characters of [A-Za-z0-9], as the official SDKs send. */
export function createNonce(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(32);
  let nonce = "";
  for (const byte of bytes) nonce += alphabet[byte % alphabet.length];
  return nonce;
}

export function unixSeconds(now: Date = new Date()): string {
  return String(Math.floor(now.getTime() / 1000));
}

export function isTimestampFresh(timestamp: string, now: Date = new Date()): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) <= MAX_CLOCK_SKEW_SECONDS;
}

export interface AuthorizationParts {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

export function formatAuthorization(parts: AuthorizationParts): string {
  return (
    `${AUTH_SCHEMA} mchid="${parts.mchid}",nonce_str="${parts.nonce_str}",` +
    `timestamp="${parts.timestamp}",serial_no="${parts.serial_no}",signature="${parts.signature}"`
  );
}

/** Parses an Authorization header; the five fields may come in any order. Null when malformed. */
export function parseAuthorization(header: string | null | undefined): AuthorizationParts | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields = new Map<string, string>();
  for (const match of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    fields.set(match[1] as string, match[2] as string);
  }
  const mchid = fields.get("mchid");
  const nonce_str = fields.get("nonce_str");
  const timestamp = fields.get("timestamp");
  const serial_no = fields.get("serial_no");
  const signature = fields.get("signature");
  if (!mchid || !nonce_str || !timestamp || !serial_no || !signature) return null;
  return { mchid, nonce_str, timestamp, serial_no, signature };
}

export function loadPrivateKey(pem: string | Buffer): KeyObject {
  return createPrivateKey(pem);
}

/** Accepts a public key PEM or an X.509 certificate PEM. */
export function loadPublicKey(pem: string | Buffer): KeyObject {
  return createPublicKey(pem);
}
