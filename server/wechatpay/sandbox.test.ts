// The real client against the real sandbox (server/sandbox/server.ts) over HTTP: both sides sign and
// verify, so a disagreement about the APIv3 scheme (URL encoding, 204 signing, key selection) fails here.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatBeijingTime } from "@/lib/payscore/fields";
import { ensureSandboxKeys } from "@/server/config/sandbox-keys";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import { startSandbox, type RunningSandbox } from "@/server/sandbox/server";
import { SANDBOX_IDENTITIES, SANDBOX_PLATFORM_PUBLIC_KEY_ID, type SandboxIdentity } from "@/server/sandbox/world";
import { createWechatPayClient, type WechatPayClient } from "./client";
import { WechatPayError } from "./errors";
import { completeServiceOrder, modifyServiceOrder, queryServiceOrder, type CompleteServiceOrderInput, type ModifyServiceOrderInput } from "./payscore";

let sandbox: RunningSandbox;
let keysDir: string;
const clients = new Map<string, WechatPayClient>();

function identity(mode: SandboxIdentity["mode"]): SandboxIdentity {
  const found = SANDBOX_IDENTITIES.find((entry) => entry.mode === mode);
  if (!found) throw new Error(`no ${mode} identity`);
  return found;
}

function clientFor(mode: SandboxIdentity["mode"]): WechatPayClient {
  const found = clients.get(mode);
  if (!found) throw new Error(`no client for ${mode}`);
  return found;
}

function hotelOrder(mode: SandboxIdentity["mode"], kind: "PAYING" | "READY") {
  const [outOrderNo] = seedOrderNumbers({ mode, industry: "hotel", kind });
  if (!outOrderNo) throw new Error(`no seeded ${mode} hotel ${kind} order`);
  return findSeedOrder(outOrderNo);
}

async function failure(promise: Promise<unknown>): Promise<WechatPayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WechatPayError) return error;
    throw error;
  }
  throw new Error("expected a WechatPayError");
}

function makeClient(mode: SandboxIdentity["mode"], timeoutMs = 5_000): WechatPayClient {
  const entry = identity(mode);
  const keys = ensureSandboxKeys(keysDir);
  const merchant = keys.merchants.get(entry.mchid);
  if (!merchant) throw new Error(`no key for ${entry.mchid}`);
  return createWechatPayClient({
    mchid: entry.mchid,
    serial: entry.serial,
    privateKey: merchant.privateKey,
    verifiers: new Map([[SANDBOX_PLATFORM_PUBLIC_KEY_ID, keys.platformPublicKey]]),
    baseUrl: sandbox.url,
    timeoutMs,
  });
}

beforeAll(async () => {
  keysDir = mkdtempSync(path.join(tmpdir(), "wechatpay-sandbox-keys-"));
  sandbox = await startSandbox({ port: 0, keysDir, dataFile: null, seed: true });
  for (const entry of SANDBOX_IDENTITIES) clients.set(entry.mode, makeClient(entry.mode));
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(keysDir, { recursive: true, force: true });
});

describe("client ↔ sandbox", () => {
  it("merchant: query, then modify lower (200 with the order)", async () => {
    const spec = hotelOrder("merchant", "PAYING");
    const merchant = identity("merchant");
    const query = await queryServiceOrder(clientFor("merchant"), {
      mode: "merchant",
      params: { service_id: spec.service_id, appid: spec.appid, out_order_no: spec.out_order_no },
    });
    expect(query.order).toMatchObject({ out_order_no: spec.out_order_no, mchid: merchant.mchid, total_amount: spec.total_amount });

    const lower = spec.total_amount - 100;
    const result = await modifyServiceOrder(clientFor("merchant"), {
      mode: "merchant",
      outOrderNo: spec.out_order_no,
      body: {
        appid: spec.appid,
        service_id: spec.service_id,
        post_payments: [{ name: "酒店房费", amount: lower, description: "标准间（调价）" }],
        total_amount: lower,
        reason: "房费下调",
      },
    });
    expect(result.order?.total_amount).toBe(lower);
    expect(result.httpStatus).toBe(200);
    expect(result.requestId).toBeTruthy();
  });

  it("partner: modify answers 204, the order is queried", async () => {
    const spec = hotelOrder("partner", "PAYING");
    const lower = spec.total_amount - 100;
    const result = await modifyServiceOrder(clientFor("partner"), {
      mode: "partner",
      outOrderNo: spec.out_order_no,
      body: {
        service_id: spec.service_id,
        sub_mchid: spec.sub_mchid ?? "",
        post_payments: [{ name: "酒店房费", amount: lower, description: "标准间（调价）" }],
        total_amount: lower,
        reason: "房费下调",
      },
    });
    expect(result).toMatchObject({ httpStatus: 204, requeried: true, order: { out_order_no: spec.out_order_no, total_amount: lower } });
  });

  it("institution: complete answers 204, the order is queried with channel_id", async () => {
    const spec = hotelOrder("institution", "READY");
    const before = await queryServiceOrder(clientFor("institution"), {
      mode: "institution",
      params: { service_id: spec.service_id, sub_mchid: spec.sub_mchid ?? "", channel_id: spec.channel_id ?? "", out_order_no: spec.out_order_no },
    });
    const startTime = before.order.time_range?.start_time;
    if (!startTime) throw new Error("seeded READY order without start_time");
    const amount = Math.min(10_000, spec.risk_fund_amount);
    const result = await completeServiceOrder(clientFor("institution"), {
      mode: "institution",
      outOrderNo: spec.out_order_no,
      body: {
        service_id: spec.service_id,
        sub_mchid: spec.sub_mchid ?? "",
        channel_id: spec.channel_id ?? undefined,
        post_payments: [{ name: "酒店房费", amount, description: "标准间" }],
        total_amount: amount,
        time_range: { start_time: startTime, end_time: formatBeijingTime(new Date(Date.now() - 60_000)) },
      },
    });
    expect(result).toMatchObject({
      httpStatus: 204,
      requeried: true,
      order: { out_order_no: spec.out_order_no, state: "DOING", state_description: "MCH_COMPLETE", total_amount: amount },
    });
  });

  it("a sandbox refusal arrives as a verified api error with code and Request-ID", async () => {
    const spec = hotelOrder("merchant", "PAYING");
    const error = await failure(
      modifyServiceOrder(clientFor("merchant"), {
        mode: "merchant",
        outOrderNo: spec.out_order_no,
        body: {
          appid: spec.appid,
          service_id: spec.service_id,
          post_payments: [{ name: "酒店房费", amount: spec.total_amount + 100_000, description: "标准间" }],
          total_amount: spec.total_amount + 100_000,
          reason: "上调",
        },
      }),
    );
    expect(error).toMatchObject({ kind: "api", code: "PARAM_ERROR", httpStatus: 400, verified: true });
    expect(error.requestId).toBeTruthy();
  });

  it("an unknown order → ORDER_NOT_EXIST (404)", async () => {
    const merchant = identity("merchant");
    const error = await failure(
      queryServiceOrder(clientFor("merchant"), {
        mode: "merchant",
        params: { service_id: merchant.service_id, appid: merchant.appid ?? "", out_order_no: "NO-SUCH-ORDER-1" },
      }),
    );
    expect(error).toMatchObject({ kind: "api", code: "ORDER_NOT_EXIST", httpStatus: 404, category: "order_not_found" });
  });
});

describe("client ↔ sandbox faults", () => {
  beforeEach(async () => {
    // Demo orders back to their seeded state; faults and the request log cleared.
    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" })).status).toBe(200);
  });

  async function addFault(fault: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ once: true, ...fault }),
    });
    expect(response.status).toBe(201);
  }

  function queryMerchant() {
    const spec = hotelOrder("merchant", "PAYING");
    return queryServiceOrder(clientFor("merchant"), {
      mode: "merchant",
      params: { service_id: spec.service_id, appid: spec.appid, out_order_no: spec.out_order_no },
    });
  }

  it.each([
    ["system_error", { kind: "api", code: "SYSTEM_ERROR", httpStatus: 500, retryable: true }],
    ["rate_limited", { kind: "api", code: "FREQUENCY_LIMITED", httpStatus: 429, category: "rate_limited" }],
    ["bad_signature", { kind: "signature_invalid" }],
    ["malformed_body", { kind: "malformed_response" }],
    ["drop_connection", { kind: "network" }],
  ] as const)("%s → %o, and the next call succeeds", async (kind, expected) => {
    await addFault({ kind });
    expect(await failure(queryMerchant())).toMatchObject(expected);
    await expect(queryMerchant()).resolves.toMatchObject({ httpStatus: 200 });
  });

  it("latency beyond the client's timeout → timeout", async () => {
    await addFault({ kind: "latency", latencyMs: 1_500 });
    const spec = hotelOrder("merchant", "PAYING");
    const impatient = makeClient("merchant", 200);
    const error = await failure(
      queryServiceOrder(impatient, { mode: "merchant", params: { service_id: spec.service_id, appid: spec.appid, out_order_no: spec.out_order_no } }),
    );
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("answer dropped after the sandbox applied a modify: one POST, outcome unknown, the query shows the change", async () => {
    const spec = hotelOrder("partner", "PAYING");
    await addFault({ kind: "drop_connection", commit: true, out_order_no: spec.out_order_no, ops: ["modify"] });
    const lower = spec.total_amount - 100;
    const error = await failure(
      modifyServiceOrder(clientFor("partner"), {
        mode: "partner",
        outOrderNo: spec.out_order_no,
        body: {
          service_id: spec.service_id,
          sub_mchid: spec.sub_mchid ?? "",
          post_payments: [{ name: "酒店房费", amount: lower, description: "标准间（调价）" }],
          total_amount: lower,
          reason: "房费下调",
        },
      }),
    );
    expect(error).toMatchObject({ kind: "network", outcomeUnknown: true, retryable: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sandbox.state.log.list({ out_order_no: spec.out_order_no, op: "modify" })).toHaveLength(1);
    const after = await queryServiceOrder(clientFor("partner"), {
      mode: "partner",
      params: { service_id: spec.service_id, sub_mchid: spec.sub_mchid ?? "", out_order_no: spec.out_order_no },
    });
    expect(after.order.total_amount).toBe(lower);
  });
});

describe("client ↔ sandbox: every operation in every mode", () => {
  const MODES = ["merchant", "partner", "institution"] as const;

  function seed(mode: (typeof MODES)[number], kind: "PAYING" | "READY" | "PAID", n: number) {
    const numbers = seedOrderNumbers({ mode, industry: "hotel", kind });
    const outOrderNo = numbers[n - 1];
    if (!outOrderNo) throw new Error(`no seeded ${mode} hotel ${kind}-${n}`);
    return findSeedOrder(outOrderNo);
  }

  function queryInput(spec: ReturnType<typeof seed>) {
    switch (spec.mode) {
      case "merchant":
        return { mode: "merchant" as const, params: { service_id: spec.service_id, appid: spec.appid, out_order_no: spec.out_order_no } };
      case "partner":
        return { mode: "partner" as const, params: { service_id: spec.service_id, sub_mchid: spec.sub_mchid ?? "", out_order_no: spec.out_order_no } };
      case "institution":
        return {
          mode: "institution" as const,
          params: { service_id: spec.service_id, sub_mchid: spec.sub_mchid ?? "", channel_id: spec.channel_id ?? "", out_order_no: spec.out_order_no },
        };
    }
  }

  function ids(spec: ReturnType<typeof seed>) {
    return spec.mode === "merchant"
      ? { appid: spec.appid, service_id: spec.service_id }
      : spec.mode === "partner"
        ? { service_id: spec.service_id, sub_mchid: spec.sub_mchid ?? "" }
        : { service_id: spec.service_id, sub_mchid: spec.sub_mchid ?? "", channel_id: spec.channel_id ?? "" };
  }

  for (const mode of MODES) {
    it(`${mode}: query answers the seeded order exactly`, async () => {
      const spec = seed(mode, "PAID", 1);
      const { order } = await queryServiceOrder(clientFor(mode), queryInput(spec));
      expect(order).toMatchObject({
        out_order_no: spec.out_order_no,
        state: "DONE",
        total_amount: spec.total_amount,
        collection: { state: "USER_PAID", paid_amount: spec.total_amount, paying_amount: 0 },
      });
      if (mode !== "merchant") expect(order.sub_mchid).toBe(spec.sub_mchid);
      if (mode === "institution") expect(order.channel_id).toBe(spec.channel_id);
    });

    it(`${mode}: modify lowers the total; the order awaits payment of exactly the new total`, async () => {
      const spec = seed(mode, "PAYING", 2);
      const lower = spec.total_amount - 1;
      const body = {
        ...ids(spec),
        post_payments: [{ name: "酒店房费", amount: lower, description: "标准间（调价）" }],
        total_amount: lower,
        reason: "计费错误：少收一分",
      };
      // The body carries exactly the mode's identity fields (ids), so it is that mode's input.
      const result = await modifyServiceOrder(clientFor(mode), { mode, outOrderNo: spec.out_order_no, body } as ModifyServiceOrderInput);
      expect(result.httpStatus).toBe(mode === "merchant" ? 200 : 204);
      expect(result.order).toMatchObject({
        state: "DOING",
        state_description: "MCH_COMPLETE",
        total_amount: lower,
        post_payments: [{ name: "酒店房费", amount: lower, description: "标准间（调价）" }],
        collection: { state: "USER_PAYING", total_amount: lower, paying_amount: lower, paid_amount: 0 },
      });
    });

    it(`${mode}: complete moves a confirmed order to merchant-completed, awaiting payment`, async () => {
      const spec = seed(mode, "READY", 2);
      const { order: before } = await queryServiceOrder(clientFor(mode), queryInput(spec));
      const amount = Math.min(12_345, spec.risk_fund_amount);
      const body = {
        ...ids(spec),
        post_payments: [{ name: "酒店房费", amount, description: "标准间一晚" }],
        total_amount: amount,
        time_range: { start_time: before.time_range?.start_time ?? formatBeijingTime(new Date(Date.now() - 7_200_000)), end_time: formatBeijingTime(new Date(Date.now() - 60_000)) },
      };
      const result = await completeServiceOrder(clientFor(mode), { mode, outOrderNo: spec.out_order_no, body } as CompleteServiceOrderInput);
      expect(result.httpStatus).toBe(mode === "merchant" ? 200 : 204);
      expect(result.order).toMatchObject({
        state: "DOING",
        state_description: "MCH_COMPLETE",
        total_amount: amount,
        need_collection: true,
        collection: { state: "USER_PAYING", total_amount: amount, paying_amount: amount, paid_amount: 0 },
      });
    });
  }
});
