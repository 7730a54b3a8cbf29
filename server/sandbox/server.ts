// The sandbox: a local imitation of the Payscore APIv3 service-order endpoints (query / modify /
// complete × merchant / partner / institution) on real HTTP, so any correct APIv3 client — ours,
// or e.g. wechatpay-axios-plugin with the same keys — can talk to it. node:http, no framework.
// Also GET /v3/certificates, for identities in platform-certificate mode (./certificates.ts).
//
// Per request: route → read body → log → faults → (latency "before") → verify signature → the
// operation (operations.ts) → commit unless a fault forbids it → (latency "after") → signed answer.
// Every answer, errors and 204 included, carries Wechatpay-Timestamp / -Nonce / -Signature /
// -Serial and Request-ID, signed as the caller named in Authorization is answered: with the
// platform key (微信支付公钥) or, in certificate mode, the current platform certificate.
import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ensureSandboxKeys } from "@/server/config/sandbox-keys";
import { handleControl } from "@/server/sandbox/control";
import { errorAnswer, runCancel, runComplete, runModify, runQuery, runSync, type OperationSettings } from "@/server/sandbox/operations";
import { createRequestId, signAnswer, verifyRequest } from "@/server/sandbox/signing";
import { SandboxState } from "@/server/sandbox/state";
import type { ApiAnswer, SandboxApiOp, SandboxMode, SandboxOp } from "@/server/sandbox/types";
import type { Fault } from "@/server/sandbox/faults";
import type { NotifySettings } from "@/server/sandbox/notifier";
import { SANDBOX_IDENTITIES } from "@/server/sandbox/world";

export interface StartSandboxOptions {
  /** 0 = a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** JSON file for the orders; null or absent = memory only. */
  dataFile?: string | null;
  /** Folder of the sandbox keys (created by ensureSandboxKeys when missing). */
  keysDir: string;
  /** Seed the demo orders when there is no data file yet (default true). */
  seed?: boolean;
  /** The sandbox's clock (signature freshness, complete times, paid_time, auto-pay). */
  now?: () => Date;
  settings?: Partial<OperationSettings>;
  /** How often due auto-payments are settled (ms, default 200). */
  autoPayTickMs?: number;
  /** Where and how notifications are sent (default: nowhere). */
  notify?: Partial<NotifySettings>;
  /** Also hold the demo history's orders (server/sandbox/history.ts; default: no). */
  history?: boolean;
  /** Identity ids that answer in platform-certificate mode from the start (default none). */
  certificateIdentities?: readonly string[];
}

export interface RunningSandbox {
  url: string;
  port: number;
  state: SandboxState;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MALFORMED_BODY = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>";

const ROUTE = /^\/v3\/payscore\/(serviceorder|partner\/serviceorder|acquiringbank\/serviceorder)(?:\/([^/]+)\/(modify|complete|cancel|sync))?\/?$/;
const MODE_OF: Record<string, SandboxMode> = {
  serviceorder: "merchant",
  "partner/serviceorder": "partner",
  "acquiringbank/serviceorder": "institution",
};

type ApiRoute =
  | {
      mode: SandboxMode;
      op: SandboxOp;
      /** Decoded; null when absent or undecodable. */
      outOrderNo: string | null;
      expectedMethod: "GET" | "POST";
    }
  /** GET /v3/certificates, which a caller of any mode may call. */
  | { mode: null; op: Extract<SandboxApiOp, "certificates">; outOrderNo: null; expectedMethod: "GET" };

function matchRoute(pathname: string): ApiRoute | null {
  if (pathname === "/v3/certificates") return { mode: null, op: "certificates", outOrderNo: null, expectedMethod: "GET" };
  const m = ROUTE.exec(pathname);
  if (!m) return null;
  const mode = MODE_OF[m[1] as string] as SandboxMode;
  if (m[3] === undefined) return { mode, op: "query", outOrderNo: null, expectedMethod: "GET" };
  let outOrderNo: string | null;
  try {
    outOrderNo = decodeURIComponent(m[2] as string);
  } catch {
    outOrderNo = null;
  }
  return { mode, op: m[3] as SandboxOp, outOrderNo, expectedMethod: "POST" };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function readBody(req: IncomingMessage): Promise<{ ok: true; text: string } | { ok: false }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? { ok: false } : { ok: true, text: Buffer.concat(chunks).toString("utf8") }));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function queryObject(searchParams: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of searchParams) out[key] = value;
  return out;
}

function parseMaybeJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function codeOf(body: unknown): string | null {
  if (typeof body === "object" && body !== null && "code" in body && typeof body.code === "string") return body.code;
  return null;
}

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const keys = ensureSandboxKeys(options.keysDir);
  const now = options.now ?? (() => new Date());
  const state = new SandboxState(keys, options.dataFile ?? null, now, options.seed ?? true, options.settings, options.notify, options.history ?? false, options.certificateIdentities);
  if (state.certificates.isInUse) await state.certificates.ready();
  const loaded = state.store.load();
  if (loaded.warning) console.warn(`[sandbox] ${loaded.warning}`);
  const merchantPublicKeys = new Map([...keys.merchants].map(([mchid, pair]) => [mchid, pair.publicKey]));
  let baseUrl = "";

  /** `mchid`: the caller named in Authorization (verified or not), whose mode picks the signing key. */
  function sendSigned(res: ServerResponse, answer: ApiAnswer, requestId: string, corrupt: boolean, mchid: string | null, rawOverride?: string): void {
    const text = rawOverride ?? (answer.body === null ? "" : JSON.stringify(answer.body));
    const status = rawOverride !== undefined ? 200 : answer.status;
    const headers = {
      ...signAnswer(status === 204 ? "" : text, state.certificates.signerFor(mchid), now(), requestId, corrupt),
      "Content-Type": "application/json; charset=utf-8",
      ...(status === 204 ? {} : { "Content-Length": String(Buffer.byteLength(text)) }),
    };
    res.writeHead(status, headers);
    res.end(status === 204 ? undefined : text);
  }

  function sendControl(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)) });
    res.end(text);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, route: ApiRoute | null): Promise<void> {
    const started = Date.now();
    const rawUrl = req.url ?? "/";
    const method = (req.method ?? "GET").toUpperCase();
    const body = await readBody(req);
    const rawBody = body.ok ? body.text : "";
    const query = queryObject(url.searchParams);
    const outOrderNo = route?.op === "query" ? (query.out_order_no ?? state.store.outOrderNoOfOrderId(query.query_id) ?? null) : (route?.outOrderNo ?? null);
    const mchid = /mchid="([^"]*)"/.exec(req.headers.authorization ?? "")?.[1] ?? null;
    const entry = state.log.start({
      time: now().toISOString(),
      method,
      path: rawUrl,
      mchid,
      out_order_no: outOrderNo,
      op: route?.op ?? null,
      mode: route?.mode ?? null,
      body: parseMaybeJson(rawBody),
      query: url.search === "" ? null : query,
    });
    const requestId = createRequestId();
    entry.requestId = requestId;
    const finish = (status: number | null, code: string | null, fault: Fault | null, dropped = false) => {
      entry.status = status;
      entry.code = code;
      entry.fault = fault?.kind ?? entry.fault;
      entry.dropped = dropped;
      entry.durationMs = Date.now() - started;
    };

    if (!route) {
      const answer = errorAnswer(404, "NOT_FOUND", `请求的资源不存在：${method} ${url.pathname}`);
      sendSigned(res, answer, requestId, false, mchid);
      finish(answer.status, "NOT_FOUND", null);
      return;
    }
    if (method !== route.expectedMethod) {
      const answer = errorAnswer(405, "METHOD_NOT_ALLOWED", `${url.pathname} 只支持 ${route.expectedMethod}`);
      sendSigned(res, answer, requestId, false, mchid);
      finish(answer.status, "METHOD_NOT_ALLOWED", null);
      return;
    }

    state.settleDuePayments();
    const callerMode = route.mode ?? SANDBOX_IDENTITIES.find((identity) => identity.mchid === mchid)?.mode ?? null;
    const faults = state.faults.take({ op: route.op, mode: callerMode, outOrderNo });
    const failure = faults.failure;
    if (faults.applied.length > 0) entry.fault = faults.applied.map((fault) => fault.kind).join("+");

    // Faults that answer without doing anything.
    if (failure && (failure.kind === "system_error" || failure.kind === "rate_limited" || (failure.kind === "drop_connection" && !failure.commit))) {
      await sleep(faults.latencyMs);
      if (failure.kind === "drop_connection") {
        req.socket.destroy();
        finish(null, null, failure, true);
        return;
      }
      const answer =
        failure.kind === "system_error"
          ? errorAnswer(500, "SYSTEM_ERROR", "系统异常，请使用相同参数稍后重新调用")
          : errorAnswer(429, "FREQUENCY_LIMITED", "请求频率超过限制，请降低频率后重试");
      sendSigned(res, answer, requestId, false, mchid);
      finish(answer.status, codeOf(answer.body), failure);
      return;
    }

    if (faults.latencyPhase === "before") await sleep(faults.latencyMs);

    let answer: ApiAnswer;
    if (!body.ok) {
      answer = errorAnswer(400, "PARAM_ERROR", `请求体超过 ${MAX_BODY_BYTES} 字节`);
    } else {
      const verification = verifyRequest({
        method,
        url: rawUrl,
        body: rawBody,
        authorization: req.headers.authorization,
        merchantPublicKeys,
        now: now(),
      });
      if (!verification.ok) {
        answer = errorAnswer(401, "SIGN_ERROR", verification.message);
      } else if (route.op === "certificates") {
        answer = state.certificates.answerFor(verification.identity);
      } else if (verification.identity.mode !== route.mode) {
        answer = errorAnswer(403, "NO_AUTH", `商户暂无权限使用此服务：商户号 ${verification.identity.mchid} 不是${modeLabel(route.mode)}`);
      } else {
        const request = {
          identity: verification.identity,
          mode: route.mode,
          op: route.op,
          pathOutOrderNo: route.outOrderNo,
          query,
          rawBody,
          contentType: req.headers["content-type"],
        };
        const RUN = {
          query: () => runQuery(state.store, request),
          modify: () => runModify(state.store, request, now(), state.settings),
          complete: () => runComplete(state.store, request, now(), state.settings),
          cancel: () => runCancel(state.store, request, now()),
          sync: () => runSync(state.store, request, now()),
        } as const;
        const result = RUN[route.op]();
        answer = result.answer;
        if (result.next && (failure === null || failure.commit)) state.store.put(result.next);
      }
    }

    if (faults.latencyPhase === "after") await sleep(faults.latencyMs);

    if (failure?.kind === "drop_connection") {
      req.socket.destroy();
      finish(null, null, failure, true);
      return;
    }
    if (res.destroyed || req.socket.destroyed) {
      entry.clientClosed = true;
      finish(answer.status, codeOf(answer.body), failure);
      return;
    }
    if (failure?.kind === "unsigned_error" && failure.answer) {
      const text = JSON.stringify({ code: failure.answer.code, message: failure.answer.message });
      res.writeHead(failure.answer.status, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(text)),
        "Request-ID": requestId,
      });
      res.end(text);
      finish(failure.answer.status, failure.answer.code, failure);
      return;
    }
    if (failure?.kind === "malformed_body") {
      sendSigned(res, answer, requestId, false, mchid, MALFORMED_BODY);
      finish(200, null, failure);
      return;
    }
    sendSigned(res, answer, requestId, failure?.kind === "bad_signature", mchid);
    finish(answer.status, codeOf(answer.body), failure);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    if (url.pathname === "/__sandbox" || url.pathname.startsWith("/__sandbox/")) {
      const body = await readBody(req);
      if (!isLoopback(req.socket.remoteAddress)) {
        sendControl(res, 403, { code: "FORBIDDEN", message: "the sandbox control API only answers loopback clients" });
        return;
      }
      if (!body.ok) {
        sendControl(res, 413, { code: "BAD_REQUEST", message: "body too large" });
        return;
      }
      const answer = await handleControl(state, {
        method: (req.method ?? "GET").toUpperCase(),
        pathname: url.pathname,
        searchParams: url.searchParams,
        rawBody: body.text,
        url: baseUrl,
      });
      sendControl(res, answer.status, answer.body);
      return;
    }
    await handleApi(req, res, url, matchRoute(url.pathname));
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("[sandbox] request failed", error);
      if (!res.headersSent && !res.destroyed) {
        const answer = errorAnswer(500, "SYSTEM_ERROR", "沙箱内部错误");
        sendSigned(res, answer, createRequestId(), false, null);
      } else {
        res.destroy();
      }
    });
  });
  // Clients (the console's undici pool, test runners) keep idle connections for a while; a server that
  // closes an idle one first races the client's next request on it (ECONNRESET). Keep them longer
  // than the clients do.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  const ticker = setInterval(() => {
    try {
      state.settleDuePayments();
    } catch (error) {
      console.error("[sandbox] auto-pay failed", error);
    }
  }, options.autoPayTickMs ?? 200);
  ticker.unref();

  let closing: Promise<void> | null = null;
  return {
    url: baseUrl,
    port: address.port,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(ticker);
        state.notifier.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function modeLabel(mode: SandboxMode): string {
  return mode === "merchant" ? "普通商户" : mode === "partner" ? "服务商" : "从业机构";
}
