// Reading a WeChat Pay notification (回调): the signature over the raw body is verified with the
// profile's verification keys — the same rule as answers (PAYSCORE_API.md §5.2, ±300 s), plus
// Wechatpay-Signature-Type, which must name WECHATPAY2-SHA256-RSA2048 when present — then the body is
// parsed and `resource` decrypted with the APIv3 key (AES-GCM: iv = nonce, aad = associated_data, the
// last 16 bytes of the ciphertext the tag). Nothing is trusted before the signature verified, and a
// failure says why without echoing the body (it may be forged, and it is not ours to log).
import "server-only";
import type { KeyObject } from "node:crypto";
import { ZNotification, type TNotification } from "@/lib/payscore/notification";
import { readSignatureHeaders, verifyWechatPaySignature } from "./signature";
import { isWechatPayError } from "./errors";
import { AeadError, decryptAead } from "./aead";

export const SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";
const MAX_BODY_BYTES = 256 * 1024;

export type NotificationRefusal = "body_too_large" | "signature_type" | "signature" | "stale" | "malformed" | "decrypt";

export class NotificationError extends Error {
  constructor(
    readonly reason: NotificationRefusal,
    message: string,
  ) {
    super(message);
    this.name = "NotificationError";
  }
}

export interface ReadNotification {
  notification: TNotification;
  /** The decrypted resource, parsed as JSON. */
  plaintext: unknown;
  /** The decrypted resource as text, exactly. */
  plaintextText: string;
  serial: string;
}

export interface NotificationInput {
  headers: { get(name: string): string | null };
  rawBody: string;
  verifiers: ReadonlyMap<string, KeyObject>;
  apiV3Key: Buffer;
  now: Date;
}

export function readNotification(input: NotificationInput): ReadNotification {
  if (Buffer.byteLength(input.rawBody) > MAX_BODY_BYTES) throw new NotificationError("body_too_large", "body too large");
  const signatureType = input.headers.get("wechatpay-signature-type");
  if (signatureType !== null && signatureType !== SIGNATURE_TYPE) {
    throw new NotificationError("signature_type", `unsupported Wechatpay-Signature-Type ${signatureType.slice(0, 40)}`);
  }
  let serial: string;
  try {
    serial = verifyWechatPaySignature({ headers: readSignatureHeaders(input.headers), body: input.rawBody, verifiers: input.verifiers, now: input.now }).serial;
  } catch (error) {
    if (isWechatPayError(error)) throw new NotificationError(error.kind === "timestamp_skew" ? "stale" : "signature", error.message);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    throw new NotificationError("malformed", "body is not JSON");
  }
  const parsed = ZNotification.safeParse(json);
  if (!parsed.success) throw new NotificationError("malformed", `not a notification: ${parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")}`);
  const { resource } = parsed.data;
  let plaintextText: string;
  try {
    plaintextText = decryptAead(input.apiV3Key, resource.nonce, resource.associated_data ?? "", resource.ciphertext);
  } catch (error) {
    if (error instanceof AeadError) throw new NotificationError("decrypt", error.message);
    throw error;
  }
  let plaintext: unknown;
  try {
    plaintext = JSON.parse(plaintextText);
  } catch {
    throw new NotificationError("malformed", "the decrypted resource is not JSON");
  }
  return { notification: parsed.data, plaintext, plaintextText, serial };
}
