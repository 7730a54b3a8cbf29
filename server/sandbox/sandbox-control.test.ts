// Control API, request log, persistence across restarts, reset, and the CLI (run like `npm run sandbox`).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isLoopback } from "@/server/sandbox/server";
import { SEED_ORDERS } from "@/server/sandbox/seed";
import { control, makeTempDir, obj, postOp, queryOrder, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";

const modifyBody = (amount: number) => ({
  post_payments: [{ name: "酒店房费", amount, description: "豪华大床房1晚" }],
  total_amount: amount,
  reason: "协商减免",
});

describe("control API and request log", () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("health", async () => {
    const result = await control(t, "GET", "/__sandbox/health");
    expect(result.status).toBe(200);
    expect(obj(result.json)).toMatchObject({ ok: true, url: t.sandbox.url, orders: SEED_ORDERS.length });
  });

  it("logs every request with its parsed body and status; filters; clears", async () => {
    await control(t, "POST", "/__sandbox/reset");
    await queryOrder(t, "DEMO-M-HOTEL-PAYING-1");
    await postOp(t, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000));
    await postOp(t, "DEMO-P-HOTEL-PAYING-1", "modify", { ...modifyBody(40000), reason: undefined });
    const all = obj((await control(t, "GET", "/__sandbox/requests")).json).requests as Record<string, unknown>[];
    expect(all).toHaveLength(3);
    expect(all[0]).toMatchObject({ method: "GET", op: "query", mode: "merchant", out_order_no: "DEMO-M-HOTEL-PAYING-1", status: 200, mchid: "1900000101" });
    expect(all[1]).toMatchObject({ method: "POST", op: "modify", mode: "merchant", status: 200, body: { total_amount: 40000 } });
    expect(all[2]).toMatchObject({ op: "modify", mode: "partner", status: 400, code: "PARAM_ERROR" });
    expect(typeof all[1]?.requestId).toBe("string");
    const partnerOnly = obj((await control(t, "GET", "/__sandbox/requests?mode=partner")).json).requests as unknown[];
    expect(partnerOnly).toHaveLength(1);
    const since = obj((await control(t, "GET", `/__sandbox/requests?since=${String(all[1]?.seq)}`)).json).requests as unknown[];
    expect(since).toHaveLength(1);
    expect((await control(t, "DELETE", "/__sandbox/requests")).status).toBe(200);
    expect(obj((await control(t, "GET", "/__sandbox/requests")).json).requests).toEqual([]);
  });

  it("lists and reads orders, runs actions by short and long form, refuses unknown ones", async () => {
    await control(t, "POST", "/__sandbox/reset");
    const doing = obj((await control(t, "GET", "/__sandbox/orders?mode=partner&industry=hotel&state=DOING")).json).orders as unknown[];
    expect(doing.length).toBeGreaterThan(3);
    const one = obj((await control(t, "GET", "/__sandbox/orders/DEMO-I-HOTEL-CREATED-1")).json).order;
    expect(obj(one)).toMatchObject({ mode: "institution", industry: "hotel" });

    const long = await control(t, "POST", "/__sandbox/orders/institution/demo-institution/DEMO-I-HOTEL-CREATED-1/confirm");
    expect(long.status).toBe(200);
    expect(obj(obj(obj(long.json).order).order).state).toBe("DOING");
    const bySub = await control(t, "POST", "/__sandbox/orders/institution/1900001308/DEMO-I-HOTEL-PAYING-1/pay");
    expect(bySub.status).toBe(200);
    expect((await control(t, "POST", "/__sandbox/orders/DEMO-I-HOTEL-CREATED-1/confirm")).status).toBe(409);
    expect((await control(t, "POST", "/__sandbox/orders/NOPE/confirm")).status).toBe(404);
    expect((await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-PAYING-1/pay", { mode: "partner" })).status).toBe(404);
    expect((await control(t, "GET", "/__sandbox/nothing")).status).toBe(404);

    const deducting = await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-PAYING-5/deducting", { deducting: true });
    expect(deducting.status).toBe(200);
    const refused = await postOp(t, "DEMO-M-HOTEL-PAYING-5", "modify", modifyBody(40000));
    expect(obj(refused.json).message).toBe("单据正在扣款中，请稍后再试");
    expect((await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-CREATED-1/expire")).status).toBe(200);
    expect((await control(t, "POST", "/__sandbox/orders/DEMO-M-HOTEL-READY-2/revoke")).status).toBe(200);
    expect(obj((await queryOrder(t, "DEMO-M-HOTEL-READY-2")).json).state).toBe("REVOKED");
  });

  it("settings and the seed list", async () => {
    expect(obj((await control(t, "POST", "/__sandbox/settings", { autoPayAfterMs: 5000 })).json).settings).toMatchObject({ autoPayAfterMs: 5000 });
    expect((await control(t, "POST", "/__sandbox/settings", { autoPayAfterMs: "soon" })).status).toBe(400);
    await control(t, "POST", "/__sandbox/reset");
    expect(obj((await control(t, "GET", "/__sandbox/settings")).json).settings).toMatchObject({ autoPayAfterMs: null });
    const seed = obj((await control(t, "GET", "/__sandbox/seed")).json).orders as unknown[];
    expect(seed).toHaveLength(SEED_ORDERS.length);
  });

  it("answers the control API only on loopback", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("192.168.1.20")).toBe(false);
    expect(isLoopback("::ffff:10.0.0.1")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});

describe("persistence", () => {
  const dir = makeTempDir();
  const dataFile = path.join(dir, "data", "orders.json");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps orders across a restart, and reset restores the demo set", async () => {
    const first = await startTestSandbox({ dir, dataFile });
    expect(existsSync(dataFile)).toBe(true);
    expect((await postOp(first, "DEMO-M-HOTEL-PAYING-1", "modify", modifyBody(40000))).status).toBe(200);
    await first.stop();
    expect(readdirSync(path.dirname(dataFile)).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const second = await startTestSandbox({ dir, dataFile });
    expect(obj((await queryOrder(second, "DEMO-M-HOTEL-PAYING-1")).json).total_amount).toBe(40000);
    expect((await control(second, "POST", "/__sandbox/reset")).status).toBe(200);
    expect(obj((await queryOrder(second, "DEMO-M-HOTEL-PAYING-1")).json).total_amount).toBe(45800);
    await second.stop();
    const saved = JSON.parse(readFileSync(dataFile, "utf8")) as { orders: unknown[] };
    expect(saved.orders).toHaveLength(SEED_ORDERS.length);
  });

  it("moves an unreadable data file aside and starts from the demo set", async () => {
    writeFileSync(dataFile, "{ not json");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const t = await startTestSandbox({ dir, dataFile });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("unreadable"));
    warn.mockRestore();
    expect((await queryOrder(t, "DEMO-M-HOTEL-PAYING-1")).status).toBe(200);
    await t.stop();
    expect(readdirSync(path.dirname(dataFile)).some((name) => name.includes("unreadable"))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

function runCli(args: string[], env: Record<string, string>, untilLine?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "server/sandbox/cli.ts", ...args], {
      cwd: path.resolve("."),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (untilLine && untilLine.test(stdout)) {
        const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
        void fetch(`${url}/__sandbox/health`)
          .then((response) => {
            stdout += `\nHEALTH ${response.status}`;
          })
          .finally(() => child.kill("SIGTERM"));
        untilLine = undefined;
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("cli (tsx --conditions=react-server, outside Next)", () => {
  const dir = makeTempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--reset writes the demo set and exits; the server prints its URL and stops on SIGTERM", async () => {
    // The demo history is off here (its own test: tests/demo-history.test.ts): the seed alone.
    const reset = await runCli(["--reset"], { DATA_DIR: dir, SANDBOX_DEMO_HISTORY: "off" });
    expect(reset.stderr).toBe("");
    expect(reset.code).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(dir, "sandbox", "orders.json"), "utf8")) as { orders: unknown[] };
    expect(saved.orders).toHaveLength(SEED_ORDERS.length);

    const served = await runCli([], { DATA_DIR: dir, SANDBOX_PORT: String(40_000 + Math.floor(Math.random() * 20_000)) }, /listening on http/);
    expect(served.stdout).toMatch(/Payscore sandbox listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(served.stdout).toContain("HEALTH 200");
    expect(served.code).toBe(0);
    expect(existsSync(path.join(dir, "sandbox", "keys", "platform_public.pem"))).toBe(true);
  });
});
