// Both halves of the APIv3 signature scheme as the real API applies them: check the caller's
// Authorization header against the merchant's public key, and sign every answer (errors and 204
// included) with the sandbox's platform key so clients can verify it with the 微信支付公钥 — or, for an
// identity in platform-certificate mode, with its current platform certificate (./certificates.ts).
import "server-only";
import { randomBytes, type KeyObject } from "node:crypto";
import {
  buildRequestMessage,
  buildResponseMessage,
  createNonce,
  isTimestampFresh,
  parseAuthorization,
  signMessage,
  unixSeconds,
  verifyMessage,
} from "@/server/wechatpay/crypto";
import { SANDBOX_IDENTITIES, type SandboxIdentity } from "@/server/sandbox/world";
import type { AnswerSigner } from "@/server/sandbox/certificates";

export type RequestVerification =
  | { ok: true; identity: SandboxIdentity }
  | { ok: false; message: string; mchid: string | null };

/**
 * Checks a request's Authorization: parsed, known mchid, serial_no of that merchant, timestamp
 * within 300 s, signature over METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n. `url` is the request target
 * exactly as received (path + query), `body` the raw body text ("" for GET).
 */
export function verifyRequest(args: {
  method: string;
  url: string;
  body: string;
  authorization: string | undefined;
  merchantPublicKeys: ReadonlyMap<string, KeyObject>;
  now: Date;
}): RequestVerification {
  const auth = parseAuthorization(args.authorization);
  if (!auth) {
    return {
      ok: false,
      mchid: null,
      message: "Authorization 请求头缺失或格式错误，应为 WECHATPAY2-SHA256-RSA2048 mchid=…,nonce_str=…,timestamp=…,serial_no=…,signature=…",
    };
  }
  const identity = SANDBOX_IDENTITIES.find((candidate) => candidate.mchid === auth.mchid);
  const publicKey = args.merchantPublicKeys.get(auth.mchid);
  if (!identity || !publicKey) {
    return { ok: false, mchid: auth.mchid, message: `商户号 ${auth.mchid} 不存在或未配置商户API证书` };
  }
  if (auth.serial_no.toUpperCase() !== identity.serial.toUpperCase()) {
    return { ok: false, mchid: auth.mchid, message: `商户证书序列号 ${auth.serial_no} 与商户号 ${auth.mchid} 的证书不匹配` };
  }
  if (!isTimestampFresh(auth.timestamp, args.now)) {
    return {
      ok: false,
      mchid: auth.mchid,
      message: `签名时间戳 ${auth.timestamp} 与服务器时间相差超过300秒（服务器时间 ${unixSeconds(args.now)}）`,
    };
  }
  const message = buildRequestMessage(args.method, args.url, auth.timestamp, auth.nonce_str, args.body);
  if (!verifyMessage(message, auth.signature, publicKey)) {
    return { ok: false, mchid: auth.mchid, message: "签名错误，请检查签名串（方法、URL、时间戳、随机串、请求体）和商户私钥" };
  }
  return { ok: true, identity };
}

export interface SignedAnswerHeaders {
  "Wechatpay-Timestamp": string;
  "Wechatpay-Nonce": string;
  "Wechatpay-Signature": string;
  "Wechatpay-Serial": string;
  "Request-ID": string;
}

/** Signs `TIMESTAMP\nNONCE\nBODY\n`. With `corrupt`, the signature covers other bytes (a forged answer). */
export function signAnswer(body: string, signer: AnswerSigner, now: Date, requestId: string, corrupt = false): SignedAnswerHeaders {
  const timestamp = unixSeconds(now);
  const nonce = createNonce();
  const signed = corrupt ? `${body} ` : body;
  return {
    "Wechatpay-Timestamp": timestamp,
    "Wechatpay-Nonce": nonce,
    "Wechatpay-Signature": signMessage(buildResponseMessage(timestamp, nonce, signed), signer.privateKey),
    "Wechatpay-Serial": signer.serial,
    "Request-ID": requestId,
  };
}

let requestCounter = 0;

/** Unique per process: 26 hex digits of randomness plus a counter, shaped like WeChat's ids. */
export function createRequestId(): string {
  requestCounter = (requestCounter + 1) % 0xffffff;
  return `08${randomBytes(13).toString("hex").toUpperCase()}-${requestCounter.toString(16).toUpperCase().padStart(6, "0")}`;
}
