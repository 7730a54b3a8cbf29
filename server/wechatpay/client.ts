// The APIv3 HTTP client: signs each request, sends it over node:http(s) (./transport), and trusts nothing in the answer
// until its signature verified over the raw body text. Every failure is a WechatPayError.
// It never retries (a POST that may have been applied must be followed by a query, not a resend)
// and never logs: callers get data and decide what goes to the trail.
// An answer naming a Wechatpay-Serial with no key is not yet refused when the caller can find that
// key (`resolveUnknownSerial`: a profile in platform-certificate mode downloads its new certificates,
// server/certificates/keeper.ts): the same answer is verified again, once, with what it found. Keys
// that are known are never replaced: a bad signature stays a bad signature.
import "server-only";
import type { KeyObject } from "node:crypto";
import { createNonce, unixSeconds } from "./crypto";
import { isWechatPayError, WechatPayError } from "./errors";
import { createAuthorization, readSignatureHeaders, verifyWechatPaySignature, type VerifiedSignature, type VerifierKind, type VerifyInput } from "./signature";
import { createHttpTransport, type Transport, type TransportAnswer, type TransportRequest } from "./transport";

export const DEFAULT_TIMEOUT_MS = 10_000;
export const USER_AGENT = "payscore-console/0.1 (+node http)";

export interface WechatPayClientOptions {
  /** The caller's mchid: merchant, partner (服务商) or institution mchid. */
  mchid: string;
  /** Serial of the merchant API certificate (serial_no in Authorization). */
  serial: string;
  privateKey: KeyObject;
  /**
   * Wechatpay-Serial → public key: `PUB_KEY_ID_…` ids and/or platform certificate serials. Read at
   * every answer, so keys the owner adds to the map later (downloaded certificates) are used.
   */
  verifiers: ReadonlyMap<string, KeyObject>;
  /** Finds the key of a Wechatpay-Serial that `verifiers` lacks (platform-certificate mode); see UnknownSerialResolver. */
  resolveUnknownSerial?: UnknownSerialResolver;
  /** An origin, e.g. https://api.mch.weixin.qq.com; plain http only for loopback (the sandbox). */
  baseUrl: string;
  timeoutMs?: number;
  now?: () => Date;
  nonce?: () => string;
  /** Defaults to node:http(s) with keep-alive agents, one pair per client. */
  transport?: Transport;
}

/**
 * Called when an answer's Wechatpay-Serial has no key. Answers a public key that the resolver itself
 * verified (never one taken on the answer's word alone), or null; the answer is then verified with
 * it. `rawBody` is the unverified answer, for a resolver that can vouch for a key it carries
 * (GET /v3/certificates: a certificate issued by a trusted root); `client` is the client that got it.
 */
export type UnknownSerialResolver = (serial: string, context: { rawBody: string; client: WechatPayClient }) => Promise<KeyObject | null>;

export type QueryParams = Readonly<Record<string, string | undefined>>;

export interface WechatPayRequest {
  method: "GET" | "POST";
  /** Absolute path, already URL-encoded (lib/payscore/paths.ts). */
  path: string;
  /** Sent in insertion order; undefined values are left out. */
  query?: QueryParams;
  /** POST only; serialised once with JSON.stringify, and those exact bytes are signed and sent. */
  body?: unknown;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  /** Overrides the client's resolver for this call (null: none). */
  resolveUnknownSerial?: UnknownSerialResolver | null;
}

export interface WechatPayResponse {
  status: number;
  /** Parsed JSON; null for 204 or an empty 2xx body. */
  body: unknown;
  rawBody: string;
  requestId: string | undefined;
  latencyMs: number;
  /** The Wechatpay-Serial whose key verified the answer. */
  serial: string;
  verifierKind: VerifierKind;
}

/** A request already checked and signed, not yet sent: `send()` sends it (once). */
export interface PreparedWechatPayRequest {
  send(): Promise<WechatPayResponse>;
}

export interface WechatPayClient {
  readonly mchid: string;
  request(request: WechatPayRequest): Promise<WechatPayResponse>;
  /**
   * Checks and signs a request without sending it (throws as `request` would for a bad path or
   * body): the RSA work can then be done while waiting for something else, such as the query that
   * decides whether the request is sent at all. A prepared request that is never sent is dropped.
   */
  prepare(request: WechatPayRequest): PreparedWechatPayRequest;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** Connection errors that prove the request never reached the server. */
const NOT_SENT_CAUSES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function createWechatPayClient(options: WechatPayClientOptions): WechatPayClient {
  const origin = checkBaseUrl(options.baseUrl);
  checkVerifiers(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const nonce = options.nonce ?? createNonce;
  const send = options.transport ?? createHttpTransport();

  function prepare(call: WechatPayRequest): PreparedWechatPayRequest {
    if (!call.path.startsWith("/")) throw new TypeError(`WeChat Pay path must be absolute: ${call.path}`);
    if (call.method === "GET" && call.body !== undefined) throw new TypeError("A GET request has no body");
    const url = new URL(call.path + queryString(call.query), origin);
    if (url.origin !== origin) throw new TypeError(`WeChat Pay path leaves ${origin}: ${call.path}`);
    // Sign what the URL parser will actually put on the request line, not what we were given.
    const signedUrl = url.pathname + url.search;
    const body = call.method === "POST" ? JSON.stringify(call.body ?? {}) : "";
    const isPost = call.method === "POST";

    const headers: Record<string, string> = {
      Accept: "application/json",
      "User-Agent": USER_AGENT,
      Authorization: createAuthorization({
        method: call.method,
        url: signedUrl,
        body,
        mchid: options.mchid,
        serial: options.serial,
        privateKey: options.privateKey,
        timestamp: unixSeconds(now()),
        nonce: nonce(),
      }),
    };
    if (isPost) headers["Content-Type"] = "application/json";
    const callTimeoutMs = call.timeoutMs ?? timeoutMs;
    const resolver = call.resolveUnknownSerial === undefined ? options.resolveUnknownSerial : (call.resolveUnknownSerial ?? undefined);
    let sent = false;
    return {
      send() {
        if (sent) return Promise.reject(new TypeError("A prepared WeChat Pay request is sent once"));
        sent = true;
        return exchange({ url, method: call.method, headers, body: isPost ? body : undefined, timeoutMs: callTimeoutMs }, resolver);
      },
    };
  }

  /** Verifies an answer; an unknown serial is looked up once through the resolver, if any. */
  async function verifyAnswer(input: VerifyInput, resolver: UnknownSerialResolver | undefined): Promise<VerifiedSignature> {
    try {
      return verifyWechatPaySignature(input);
    } catch (error) {
      const serial = input.headers.serial;
      if (!resolver || !serial || !isWechatPayError(error) || error.kind !== "serial_unknown") throw error;
      // A resolver that fails found nothing: the answer stays refused as it was.
      const key = await resolver(serial, { rawBody: input.body, client }).catch(() => null);
      if (!key || key.type !== "public") throw error;
      return verifyWechatPaySignature({ ...input, verifiers: new Map([[serial, key]]) });
    }
  }

  async function exchange(request: TransportRequest, resolver: UnknownSerialResolver | undefined): Promise<WechatPayResponse> {
    const isPost = request.method === "POST";
    const started = performance.now();
    let answer: TransportAnswer;
    try {
      answer = await send(request);
    } catch (error) {
      throw transportError(error, isPost, request.timeoutMs);
    }
    const latencyMs = Math.round(performance.now() - started);
    const status = answer.status;
    const requestId = answer.headers.get("request-id") ?? undefined;
    const signatureHeaders = readSignatureHeaders(answer.headers);
    const isSuccess = status >= 200 && status < 300;

    let rawBody: string;
    try {
      rawBody = UTF8.decode(answer.body);
    } catch (error) {
      // Not text, so it cannot be the JSON it should be, and cannot be checked as signed text either.
      throw new WechatPayError({
        kind: "malformed_response",
        message: `Answer body (HTTP ${status}) is not valid UTF-8`,
        httpStatus: status,
        requestId,
        outcomeUnknown: isPost && (isSuccess || status >= 500),
        cause: error,
      });
    }

    if (!isSuccess) {
      throw await apiError({ status, requestId, rawBody, signatureHeaders, isPost, verify: (input) => verifyAnswer({ ...input, verifiers: options.verifiers, now: now() }, resolver) });
    }

    const verified = await verifyAnswer(
      {
        headers: signatureHeaders,
        body: rawBody,
        verifiers: options.verifiers,
        now: now(),
        httpStatus: status,
        requestId,
        outcomeUnknown: isPost,
      },
      resolver,
    );

    let parsed: unknown = null;
    if (status !== 204 && rawBody.length > 0) {
      try {
        parsed = JSON.parse(rawBody);
      } catch (error) {
        throw new WechatPayError({
          kind: "malformed_response",
          message: `Answer body (HTTP ${status}) is not JSON`,
          httpStatus: status,
          requestId,
          outcomeUnknown: isPost,
          detail: { bodyPreview: rawBody.slice(0, 200) },
          cause: error,
        });
      }
    } else if (status !== 204) {
      throw new WechatPayError({
        kind: "malformed_response",
        message: `Answer body (HTTP ${status}) is empty`,
        httpStatus: status,
        requestId,
        outcomeUnknown: isPost,
      });
    }

    return {
      status,
      body: parsed,
      rawBody,
      requestId,
      latencyMs,
      serial: verified.serial,
      verifierKind: verified.verifierKind,
    };
  }

  const client: WechatPayClient = { mchid: options.mchid, request: async (call) => prepare(call).send(), prepare };
  return client;
}

function checkBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new TypeError(`baseUrl must be a bare origin (the signed URL is the path from /v3/…): ${baseUrl}`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new TypeError(`baseUrl must use https (plain http only on loopback): ${baseUrl}`);
  }
  return url.origin;
}

function checkVerifiers(options: WechatPayClientOptions): void {
  if (options.verifiers.size === 0) throw new TypeError("At least one WeChat Pay public key or platform certificate is required");
  if (options.verifiers.has(options.serial)) {
    throw new TypeError("verifiers must not contain the merchant's own certificate serial");
  }
  for (const [serial, key] of options.verifiers) {
    if (key.type !== "public") throw new TypeError(`Verifier ${serial} must be a public key`);
  }
  if (options.privateKey.type !== "private") throw new TypeError("privateKey must be a private key");
}

function queryString(query: QueryParams | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

function transportError(error: unknown, isPost: boolean, timeoutMs: number): WechatPayError {
  if (error instanceof WechatPayError) return error;
  const name: unknown = typeof error === "object" && error !== null ? Reflect.get(error, "name") : undefined;
  if (name === "TimeoutError" || name === "AbortError") {
    return new WechatPayError({
      kind: "timeout",
      message: `No complete answer within ${timeoutMs} ms`,
      outcomeUnknown: isPost,
      detail: { timeoutMs },
      cause: error,
    });
  }
  const causeCode = errorCode(error);
  return new WechatPayError({
    kind: "network",
    message: `Network failure${causeCode ? ` (${causeCode})` : ""}`,
    outcomeUnknown: isPost && !(causeCode !== undefined && NOT_SENT_CAUSES.has(causeCode)),
    detail: causeCode ? { causeCode } : undefined,
    cause: error,
  });
}

/** The system error code (ECONNREFUSED, ECONNRESET, …), on the error or on a cause it wraps. */
function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const code: unknown = Reflect.get(current, "code");
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}

interface ErrorAnswer {
  status: number;
  requestId: string | undefined;
  rawBody: string;
  signatureHeaders: ReturnType<typeof readSignatureHeaders>;
  isPost: boolean;
  /** The client's verification (its keys, clock and resolver). */
  verify(input: Omit<VerifyInput, "verifiers" | "now">): Promise<VerifiedSignature>;
}

/**
 * 4xx/5xx. A signed error answer is verified like any other (a failure throws the verification error,
 * since its code cannot be trusted). An unsigned one to a POST says nothing trustworthy either — a
 * forged or stripped "refused" could hide a change that was applied — so its outcome is unknown
 * (`headers_missing`; the caller queries the order). An unsigned one to a GET (gateways, some 401s)
 * still maps to "api", marked `verified: false`: nothing was changed by it. A body that is not
 * WeChat's `{code, message}` becomes code `HTTP_<status>`.
 */
async function apiError(answer: ErrorAnswer): Promise<WechatPayError> {
  const { status, requestId, rawBody, isPost } = answer;
  if (isPost && !answer.signatureHeaders.signature) {
    return new WechatPayError({
      kind: "headers_missing",
      message: `Unsigned error answer (HTTP ${status}) to a write: its code cannot be trusted`,
      httpStatus: status,
      requestId,
      outcomeUnknown: true,
      detail: { claimedCode: parseErrorBody(rawBody)?.code ?? null },
    });
  }
  // A 5xx may come from a gateway after the request was applied; a 4xx is a refusal.
  const outcomeUnknown = isPost && status >= 500;
  let verified = false;
  if (answer.signatureHeaders.signature) {
    await answer.verify({
      headers: answer.signatureHeaders,
      body: rawBody,
      httpStatus: status,
      requestId,
      // An error answer that fails verification says nothing trustworthy, not even "refused".
      outcomeUnknown: isPost,
    });
    verified = true;
  }
  const payload = parseErrorBody(rawBody);
  if (!payload && verified && rawBody.length > 0) {
    throw new WechatPayError({
      kind: "malformed_response",
      message: `Error answer (HTTP ${status}) is not a WeChat Pay error body`,
      httpStatus: status,
      requestId,
      outcomeUnknown,
      detail: { bodyPreview: rawBody.slice(0, 200) },
    });
  }
  return new WechatPayError({
    kind: "api",
    code: payload?.code ?? `HTTP_${status}`,
    message: payload?.message ?? `HTTP ${status} without a WeChat Pay error body`,
    httpStatus: status,
    requestId,
    detail: payload?.detail,
    verified,
    outcomeUnknown,
  });
}

function parseErrorBody(rawBody: string): { code: string; message: string; detail?: Record<string, unknown> } | null {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.code !== "string" || value.code === "") return null;
  return {
    code: value.code,
    message: typeof value.message === "string" ? value.message : "",
    detail: isRecord(value.detail) ? value.detail : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
