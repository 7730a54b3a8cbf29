// Bench section "signed-call": the client's CPU per signed modify call (merchant mode, 200 + order)
// against the zero-latency sandbox in another process, so process.cpuUsage() of this process is the
// client's cost alone: building and signing the request, node:http, verifying the answer over its raw
// body, parsing it with the lib/ schemas. Compared, in the same rounds, with
//   - the bare cryptography of one call: one RSA-2048 sign (SHA256withRSA, the request message) and
//     one verify (an answer message of the same size) with node:crypto — target: ours ≤ 2× that;
//   - wechatpay-axios-plugin making the same calls with the same keys — target: ours ≥ 2× faster.
// Context rows (no targets) say where the rest goes: the same client over the global fetch (the
// transport it had before), a bare fetch / node:http round trip to the sandbox, the schemas alone;
// and two floors: the same client over a minimal node:http exchange, and over a request written by
// hand on a raw socket (floor-transports.ts) — how low a call can go here whatever the HTTP code does.
// Each round runs every contender in rotating order; the figures are the medians of the rounds.
import { readFileSync } from "node:fs";
import http from "node:http";
import { sign, verify, type KeyObject } from "node:crypto";
import { benchOrderNo, ORDER_POOLS } from "./bench-orders";
import { benchSandbox, prepareBenchEnvironment } from "./harness";
import { minimalHttpTransport, rawSocketTransport } from "./floor-transports";
import { median, rowsResult, type BenchRow } from "./rows";
import type { BenchOptions, BenchResult, BenchSection } from "./support";
import type { Transport } from "@/server/wechatpay/transport";

const SECTION = "signed-call";
const REASON = "房间空调故障，减免部分房费";
const PLUGIN_VERSION = "0.9.6";

interface PostPayment {
  name: string;
  amount?: number;
  description?: string;
  count?: number;
}

interface HotelOrderState {
  outOrderNo: string;
  payments: PostPayment[];
  total: number;
}

interface PluginResponse {
  status: number;
  data: unknown;
}

/** The next modify body of an order: the room line and the total one fen lower. */
function nextBody(state: HotelOrderState, appid: string, serviceId: string) {
  const room = state.payments.find((line) => line.name === "酒店房费" && (line.amount ?? 0) > 0);
  if (!room || room.amount === undefined) throw new Error(`bench: ${state.outOrderNo} has no room line left to lower`);
  room.amount -= 1;
  state.total -= 1;
  return { appid, service_id: serviceId, post_payments: state.payments.map((line) => ({ ...line })), total_amount: state.total, reason: REASON };
}

/**
 * The client's transport over Node's global fetch (undici), which the client used before node:http:
 * a context row that keeps the reason for the switch measured.
 */
function fetchTransport(): Transport {
  return async (request) => {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };
}

interface Measure {
  cpuUs: number;
  wallMs: number;
}

async function measure(n: number, call: () => Promise<void> | void): Promise<Measure> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) await call();
  const used = process.cpuUsage(cpu);
  return { cpuUs: (used.user + used.system) / n, wallMs: (performance.now() - wall) / n };
}

export const signedCallSection: BenchSection = {
  name: SECTION,
  description: "client CPU per signed modify call vs the bare RSA sign + verify, and vs wechatpay-axios-plugin (targets ≤ 2×, ≥ 2× faster)",
  async run(options: BenchOptions): Promise<BenchResult> {
    await prepareBenchEnvironment();
    const sandbox = await benchSandbox();
    const { getProfile } = await import("@/server/config/profiles");
    const { clientFor, createProfileClient } = await import("@/server/orders/target");
    const { modifyServiceOrder, queryServiceOrder } = await import("@/server/wechatpay/payscore");
    const { ensureSandboxKeys } = await import("@/server/config/sandbox-keys");
    const { dataPath } = await import("@/server/env");
    const { SANDBOX_PLATFORM_PUBLIC_KEY_ID } = await import("@/server/sandbox/world");
    const { buildRequestMessage, buildResponseMessage, createNonce, unixSeconds } = await import("@/server/wechatpay/crypto");
    const { payscorePath } = await import("@/lib/payscore/paths");
    const { Wechatpay } = await import("wechatpay-axios-plugin");

    const profile = getProfile("demo-merchant");
    if (!profile || profile.mode !== "merchant" || !profile.appid) throw new Error("bench: no demo merchant profile");
    const appid = profile.appid;
    const serviceId = profile.service_id;
    const client = clientFor(profile);
    const keys = ensureSandboxKeys(dataPath("sandbox", "keys"));
    const merchantKey = keys.merchants.get(profile.mchid);
    const platformPublicKey = profile.verifiers.get(SANDBOX_PLATFORM_PUBLIC_KEY_ID);
    if (!merchantKey || !platformPublicKey) throw new Error("bench: sandbox keys missing");

    async function orderState(outOrderNo: string): Promise<HotelOrderState> {
      const { order } = await queryServiceOrder(client, { mode: "merchant", params: { service_id: serviceId, appid, out_order_no: outOrderNo } });
      if (order.total_amount === undefined) throw new Error(`bench: ${outOrderNo} has no total`);
      return { outOrderNo, payments: (order.post_payments ?? []).map((line) => ({ ...line })), total: order.total_amount };
    }
    const ours = await orderState(benchOrderNo(ORDER_POOLS.signedCallOurs.first));
    const oursFetch = await orderState(benchOrderNo(ORDER_POOLS.signedCallNodeHttp.first));
    const theirs = await orderState(benchOrderNo(ORDER_POOLS.signedCallPlugin.first));
    const oursMinimal = await orderState(benchOrderNo(ORDER_POOLS.signedCallMinimalHttp.first));
    const oursRaw = await orderState(benchOrderNo(ORDER_POOLS.signedCallRawSocket.first));

    // --- the three contenders ------------------------------------------------------------------
    let lastAnswer = "";
    async function ourCall(): Promise<void> {
      const result = await modifyServiceOrder(client, { mode: "merchant", outOrderNo: ours.outOrderNo, body: nextBody(ours, appid, serviceId) });
      if (result.httpStatus !== 200 || result.order?.total_amount !== ours.total) throw new Error(`bench: our modify answered ${result.httpStatus}`);
      lastAnswer = JSON.stringify(result.order);
    }

    // The same client over other transports (context only): the global fetch, its former
    // transport, and the two floors, transports that do less.
    const clientOver = (transport: Transport) => createProfileClient(profile, { transport });
    async function callOver(other: typeof client, state: HotelOrderState, label: string): Promise<void> {
      const result = await modifyServiceOrder(other, { mode: "merchant", outOrderNo: state.outOrderNo, body: nextBody(state, appid, serviceId) });
      if (result.httpStatus !== 200 || result.order?.total_amount !== state.total) throw new Error(`bench: our modify over ${label} answered ${result.httpStatus}`);
    }
    const fetchClient = clientOver(fetchTransport());
    const ourFetchCall = () => callOver(fetchClient, oursFetch, "fetch");
    const minimal = minimalHttpTransport();
    const raw = rawSocketTransport();
    const minimalClient = clientOver(minimal.transport);
    const rawClient = clientOver(raw.transport);
    const ourMinimalCall = () => callOver(minimalClient, oursMinimal, "the minimal node:http exchange");
    const ourRawCall = () => callOver(rawClient, oursRaw, "a raw socket");

    const wxpay = new Wechatpay({
      mchid: profile.mchid,
      serial: profile.merchantSerial,
      privateKey: readFileSync(merchantKey.privateKeyPath, "utf8"),
      certs: { [SANDBOX_PLATFORM_PUBLIC_KEY_ID]: readFileSync(keys.platformPublicKeyPath, "utf8") },
      baseURL: `${sandbox.url}/`,
    });
    const pluginModify = wxpay.chain("v3/payscore/serviceorder/{out_order_no}/modify");
    async function pluginCall(): Promise<void> {
      const body = nextBody(theirs, appid, serviceId);
      const response = await pluginModify.post<typeof body, PluginResponse>(body, { out_order_no: theirs.outOrderNo });
      const total = typeof response.data === "object" && response.data !== null ? Reflect.get(response.data, "total_amount") : undefined;
      if (response.status !== 200 || total !== theirs.total) throw new Error(`bench: the plugin's modify answered ${response.status}`);
    }

    // Warm-up (JIT, keep-alive connections); also gives a real answer body for the bare verify.
    const warmup = options.quick ? 10 : 30;
    for (let i = 0; i < warmup; i++) {
      await ourCall();
      await pluginCall();
      await ourFetchCall();
      await ourMinimalCall();
      await ourRawCall();
    }
    const requestBody = JSON.stringify(nextBody({ ...ours, payments: ours.payments.map((line) => ({ ...line })) }, appid, serviceId));
    const requestMessage = Buffer.from(
      buildRequestMessage("POST", payscorePath("merchant", "modify", ours.outOrderNo), unixSeconds(), createNonce(), requestBody),
      "utf8",
    );
    const answerTimestamp = unixSeconds();
    const answerNonce = createNonce();
    const answerMessage = Buffer.from(buildResponseMessage(answerTimestamp, answerNonce, lastAnswer), "utf8");
    const answerSignature = sign("sha256", answerMessage, keys.platformPrivateKey);
    // The same client over an in-memory transport that hands back one signed answer: the client's
    // own code (sign, verify, zod, JSON) without the network, and without the wait for an answer.
    const memoryHeaders = new Map([
      ["wechatpay-timestamp", answerTimestamp],
      ["wechatpay-nonce", answerNonce],
      ["wechatpay-serial", SANDBOX_PLATFORM_PUBLIC_KEY_ID],
      ["wechatpay-signature", answerSignature.toString("base64")],
    ]);
    const memoryAnswer = { status: 200, headers: { get: (name: string) => memoryHeaders.get(name.toLowerCase()) ?? null }, body: Buffer.from(lastAnswer, "utf8") };
    const memoryClient = clientOver(() => Promise.resolve(memoryAnswer));
    const memoryBody = nextBody({ ...ours, payments: ours.payments.map((line) => ({ ...line })) }, appid, serviceId);
    async function ourMemoryCall(): Promise<void> {
      const result = await modifyServiceOrder(memoryClient, { mode: "merchant", outOrderNo: ours.outOrderNo, body: memoryBody });
      if (result.httpStatus !== 200) throw new Error("bench: in-memory modify failed");
    }
    for (let i = 0; i < warmup; i++) await ourMemoryCall();
    const privateKey: KeyObject = profile.privateKey;
    function bareCall(): void {
      sign("sha256", requestMessage, privateKey);
      if (!verify("sha256", answerMessage, platformPublicKey as KeyObject, answerSignature)) throw new Error("bench: bare verify failed");
    }
    for (let i = 0; i < warmup; i++) bareCall();

    // Where the rest goes (context, not targets): the transport alone, and the schemas alone.
    const { ZModifyMerchantBody } = await import("@/lib/payscore/modify");
    const { ZServiceOrder } = await import("@/lib/payscore/order");
    const healthUrl = `${sandbox.url}/__sandbox/health`;
    async function fetchOnly(): Promise<void> {
      const response = await fetch(healthUrl);
      await response.arrayBuffer();
    }
    const agent = new http.Agent({ keepAlive: true });
    function httpOnly(): Promise<void> {
      return new Promise((resolve, reject) => {
        http
          .get(healthUrl, { agent }, (response) => {
            response.on("data", () => undefined);
            response.on("end", () => resolve());
          })
          .on("error", reject);
      });
    }
    const sampleBody = JSON.parse(requestBody) as unknown;
    function schemasOnly(): void {
      ZModifyMerchantBody.parse(sampleBody);
      ZServiceOrder.parse(JSON.parse(lastAnswer));
    }
    for (let i = 0; i < warmup; i++) {
      await fetchOnly();
      await httpOnly();
      schemasOnly();
    }

    // --- rounds ---------------------------------------------------------------------------------
    const rounds = options.quick ? 3 : 9;
    const calls = options.quick ? 30 : 100;
    type Name = "bare" | "ours" | "plugin" | "oursFetch" | "oursMemory" | "oursMinimal" | "oursRaw" | "fetch" | "http" | "schemas";
    const contenders: { name: Name; n: number; run: () => Promise<void> | void }[] = [
      { name: "bare", n: calls * 2, run: bareCall },
      { name: "ours", n: calls, run: ourCall },
      { name: "plugin", n: calls, run: pluginCall },
      { name: "oursFetch", n: calls, run: ourFetchCall },
      { name: "oursMemory", n: calls * 2, run: ourMemoryCall },
      { name: "oursMinimal", n: calls, run: ourMinimalCall },
      { name: "oursRaw", n: calls, run: ourRawCall },
      { name: "fetch", n: calls, run: fetchOnly },
      { name: "http", n: calls, run: httpOnly },
      { name: "schemas", n: calls * 2, run: schemasOnly },
    ];
    const perRound: Record<Name, Measure[]> = { bare: [], ours: [], plugin: [], oursFetch: [], oursMemory: [], oursMinimal: [], oursRaw: [], fetch: [], http: [], schemas: [] };
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const contender = contenders[(round + k) % contenders.length] as (typeof contenders)[number];
        perRound[contender.name].push(await measure(contender.n, contender.run));
      }
    }
    agent.destroy();
    minimal.close();
    raw.close();
    const cpu = (name: Name) => median(perRound[name].map((m) => m.cpuUs));
    const wall = (name: Name) => median(perRound[name].map((m) => m.wallMs));
    const bare = cpu("bare");
    const ourCpu = cpu("ours");
    const pluginCpu = cpu("plugin");
    const perCall = (name: Name, metric: string): BenchRow => ({ section: SECTION, metric, value: cpu(name), unit: "µs/call", ratio: cpu(name) / bare });
    const roundRatios = perRound.ours.map((m, i) => m.cpuUs / (perRound.bare[i]?.cpuUs ?? Number.NaN));
    const roundSpeedups = perRound.plugin.map((m, i) => m.cpuUs / (perRound.ours[i]?.cpuUs ?? Number.NaN));

    const rows: BenchRow[] = [
      { section: SECTION, metric: "bare crypto: 1 RSA-2048 sign + 1 verify (node:crypto), CPU", value: bare, unit: "µs/call", ratio: 1 },
      {
        section: SECTION,
        metric: "ours: modifyServiceOrder (sign, node:http, verify, zod), client CPU",
        value: ourCpu,
        unit: "µs/call",
        ratio: ourCpu / bare,
        target: "≤ 2× bare",
        pass: ourCpu / bare <= 2,
      },
      {
        section: SECTION,
        metric: `wechatpay-axios-plugin ${PLUGIN_VERSION}, same calls and keys, client CPU`,
        value: pluginCpu,
        unit: "µs/call",
        ratio: pluginCpu / bare,
        target: "(issue: ≈ 4.4× bare)",
      },
      {
        section: SECTION,
        metric: "plugin CPU ÷ ours (how much faster ours is)",
        value: pluginCpu / ourCpu,
        unit: "×",
        ratio: pluginCpu / ourCpu,
        target: "≥ 2×",
        pass: pluginCpu / ourCpu >= 2,
      },
      perCall("oursFetch", "context: ours over the global fetch (undici) instead of node:http, client CPU"),
      perCall("oursMemory", "context: ours over an in-memory transport (client code alone: no socket, no wait), CPU"),
      perCall("oursMinimal", "floor: ours over a minimal node:http exchange (no deadline, no size limit), client CPU"),
      perCall("oursRaw", "floor: ours over a hand-written request on a raw socket (no HTTP library), client CPU"),
      perCall("fetch", "context: fetch GET round trip alone (unsigned, /__sandbox/health), CPU"),
      perCall("http", "context: node:http GET round trip (keep-alive), same endpoint, CPU"),
      perCall("schemas", "context: zod body + JSON.parse and zod of the answer, CPU"),
      { section: SECTION, metric: "ours: wall time per call (sandbox signs its answer too)", value: wall("ours"), unit: "ms/call" },
      { section: SECTION, metric: "plugin: wall time per call", value: wall("plugin"), unit: "ms/call", ratio: wall("plugin") / wall("ours") },
    ];
    return rowsResult(
      `Signed-call overhead: client CPU (process.cpuUsage, sandbox in process ${sandbox.pid}) per merchant modify, median of ${rounds} rounds × ${calls} calls; ratio column = ÷ bare crypto`,
      rows,
      {
        rounds,
        callsPerRound: calls,
        perRoundCpuUs: perRound,
        perRoundOursOverBare: roundRatios,
        perRoundPluginOverOurs: roundSpeedups,
        orders: { ours: ours.outOrderNo, plugin: theirs.outOrderNo, oursOverFetch: oursFetch.outOrderNo, oursMinimal: oursMinimal.outOrderNo, oursRaw: oursRaw.outOrderNo },
      },
    );
  },
};
