// Test helpers for the sandbox suites: start a sandbox on a free port with keys in a temp folder,
// and send APIv3 requests signed directly with crypto.ts (independent of the console's client).
import "server-only";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureSandboxKeys, type SandboxKeys } from "@/server/config/sandbox-keys";
import {
  buildRequestMessage,
  buildResponseMessage,
  createNonce,
  formatAuthorization,
  signMessage,
  unixSeconds,
  verifyMessage,
} from "@/server/wechatpay/crypto";
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from "@/server/sandbox/server";
import { SANDBOX_IDENTITIES, SANDBOX_PLATFORM_PUBLIC_KEY_ID, type SandboxIdentity } from "@/server/sandbox/world";
import { findSeedOrder, type SeedOrderInfo } from "@/server/sandbox/seed";
import type { SandboxMode } from "@/server/sandbox/types";

export interface TestSandbox {
  sandbox: RunningSandbox;
  keys: SandboxKeys;
  dir: string;
  stop(): Promise<void>;
}

/** A temp folder shared by the keys (generated once per folder: RSA generation is slow). */
export function makeTempDir(prefix = "payscore-sandbox-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export async function startTestSandbox(options: Partial<StartSandboxOptions> & { dir?: string } = {}): Promise<TestSandbox> {
  const dir = options.dir ?? makeTempDir();
  const keysDir = options.keysDir ?? path.join(dir, "keys");
  const keys = ensureSandboxKeys(keysDir);
  const sandbox = await startSandbox({ port: 0, dataFile: null, ...options, keysDir });
  return {
    sandbox,
    keys,
    dir,
    async stop() {
      await sandbox.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function identityByMode(mode: SandboxMode): SandboxIdentity {
  const identity = SANDBOX_IDENTITIES.find((candidate) => candidate.mode === mode);
  if (!identity) throw new Error(`no ${mode} identity`);
  return identity;
}

export interface SignedCallOptions {
  method: "GET" | "POST";
  /** Path + query, exactly as sent and signed. */
  path: string;
  body?: unknown;
  /** Caller; default: the identity of the order's mode. */
  mchid: string;
  /** Override what is signed / sent, to provoke failures. */
  sendPath?: string;
  sendBody?: string;
  signBody?: string;
  timestamp?: string;
  serial?: string;
  privateKeyOf?: string;
  authorization?: string | null;
  contentType?: string | null;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
  /** The answer's signature verifies with the platform public key and names its key id. */
  signatureValid: boolean;
}

export async function signedCall(t: TestSandbox, options: SignedCallOptions): Promise<CallResult> {
  const identity = SANDBOX_IDENTITIES.find((candidate) => candidate.mchid === options.mchid);
  const bodyText = options.body === undefined ? "" : JSON.stringify(options.body);
  const sendBody = options.sendBody ?? bodyText;
  const signBody = options.signBody ?? bodyText;
  const timestamp = options.timestamp ?? unixSeconds();
  const nonce = createNonce();
  const keyOwner = options.privateKeyOf ?? options.mchid;
  const privateKey = t.keys.merchants.get(keyOwner)?.privateKey;
  if (!privateKey) throw new Error(`no test key for ${keyOwner}`);
  const signature = signMessage(buildRequestMessage(options.method, options.path, timestamp, nonce, signBody), privateKey);
  const headers: Record<string, string> = { Accept: "application/json" };
  const authorization =
    options.authorization === undefined
      ? formatAuthorization({
          mchid: options.mchid,
          nonce_str: nonce,
          timestamp,
          serial_no: options.serial ?? identity?.serial ?? "UNKNOWN",
          signature,
        })
      : options.authorization;
  if (authorization !== null) headers.Authorization = authorization;
  if (options.method === "POST") {
    const contentType = options.contentType === undefined ? "application/json" : options.contentType;
    if (contentType !== null) headers["Content-Type"] = contentType;
  }
  const response = await fetch(`${t.sandbox.url}${options.sendPath ?? options.path}`, {
    method: options.method,
    headers,
    body: options.method === "POST" ? sendBody : undefined,
    signal: options.signal,
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === "" ? null : (JSON.parse(text) as unknown);
  } catch {
    json = null;
  }
  return { status: response.status, text, json, headers: response.headers, signatureValid: verifyAnswer(t, response.headers, text) };
}

export function verifyAnswer(t: TestSandbox, headers: Headers, text: string): boolean {
  const timestamp = headers.get("Wechatpay-Timestamp");
  const nonce = headers.get("Wechatpay-Nonce");
  const signature = headers.get("Wechatpay-Signature");
  const serial = headers.get("Wechatpay-Serial");
  if (!timestamp || !nonce || !signature || serial !== SANDBOX_PLATFORM_PUBLIC_KEY_ID) return false;
  return verifyMessage(buildResponseMessage(timestamp, nonce, text), signature, t.keys.platformPublicKey);
}

// ---------------------------------------------------------------------------------------------
// Requests per mode for a seeded order
// ---------------------------------------------------------------------------------------------

const BASE: Record<SandboxMode, string> = {
  merchant: "/v3/payscore/serviceorder",
  partner: "/v3/payscore/partner/serviceorder",
  institution: "/v3/payscore/acquiringbank/serviceorder",
};

export function queryPath(info: SeedOrderInfo, overrides: Record<string, string> = {}): string {
  const params: Record<string, string> =
    info.mode === "merchant"
      ? { service_id: info.service_id, appid: info.appid, out_order_no: info.out_order_no }
      : info.mode === "partner"
        ? { service_id: info.service_id, sub_mchid: info.sub_mchid as string, out_order_no: info.out_order_no }
        : {
            service_id: info.service_id,
            sub_mchid: info.sub_mchid as string,
            channel_id: info.channel_id as string,
            out_order_no: info.out_order_no,
          };
  return `${BASE[info.mode]}?${new URLSearchParams({ ...params, ...overrides }).toString()}`;
}

export function opPath(info: SeedOrderInfo, op: "modify" | "complete" | "cancel" | "sync", outOrderNo = info.out_order_no): string {
  return `${BASE[info.mode]}/${encodeURIComponent(outOrderNo)}/${op}`;
}

/** The identifying fields a modify / complete body of this mode carries. */
export function idFields(info: SeedOrderInfo): Record<string, string> {
  if (info.mode === "merchant") return { appid: info.appid, service_id: info.service_id };
  if (info.mode === "partner") return { service_id: info.service_id, sub_mchid: info.sub_mchid as string };
  return { service_id: info.service_id, sub_mchid: info.sub_mchid as string, channel_id: info.channel_id as string };
}

export async function queryOrder(t: TestSandbox, outOrderNo: string): Promise<CallResult> {
  const info = findSeedOrder(outOrderNo);
  return signedCall(t, { method: "GET", path: queryPath(info), mchid: info.mchid });
}

export async function postOp(
  t: TestSandbox,
  outOrderNo: string,
  op: "modify" | "complete" | "cancel" | "sync",
  body: Record<string, unknown>,
  extra: Partial<SignedCallOptions> = {},
): Promise<CallResult> {
  const info = findSeedOrder(outOrderNo);
  return signedCall(t, { method: "POST", path: opPath(info, op), mchid: info.mchid, body: { ...idFields(info), ...body }, ...extra });
}

export async function control(t: TestSandbox, method: string, pathname: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${t.sandbox.url}${pathname}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text === "" ? null : (JSON.parse(text) as unknown) };
}

/** Narrow an unknown JSON value to a record for assertions. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`not an object: ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}
