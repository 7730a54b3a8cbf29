// Fault tests (issue 6 §2). Every sandbox fault against modify and complete in the three modes,
// through the real path (lib form schema → trail intent → query → signed call over HTTP →
// verification → trail result): the agent gets the cause (exact code, HTTP status, message), the
// trail row is settled — `failed`, or `unknown` then reconciled — and never left `pending`, the
// order in the sandbox is exactly what the row says, the POST was sent once, and the app keeps
// serving. Then a skewed clock, and the database going away mid-request (PostgreSQL).
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { Client } from "pg";
import { makeTempDir, startTestSandbox } from "@/server/sandbox/test-support";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import type { FaultInput } from "@/server/sandbox/faults";
import type { TServiceOrder } from "@/lib/payscore/order";
import { orderVersion } from "@/lib/orders/order-version";
import { ZModifyForm } from "@/lib/orders/modify-form";
import { ZCompleteForm } from "@/lib/orders/complete-form";
import type { ActionResult, AppErrorCode } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { trail, type TrailRow } from "@/server/db/schema";
import type { Db } from "@/server/db";
import { completeHotel, lowerFirstLine, type Mode, type OrderRef } from "./support/order-inputs";

// The server actions' wrapper reads the session through next/headers and better-auth: a fixed
// signed-in agent stands in for both (the wrapper's parsing and error handling are what is tested).
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
const fakeAuth = {
  api: {
    getSession: async () => ({
      user: { id: "user-agent-1", name: "演示客服", email: "agent@faults.test", role: "agent", banned: false },
      session: { expiresAt: new Date(Date.now() + 3_600_000) },
    }),
  },
};
vi.mock("@/server/auth", () => ({ getAuth: async () => fakeAuth }));
vi.mock("@/server/auth/index", () => ({ getAuth: async () => fakeAuth }));

// Generous against a loaded machine: an ordinary call must never come near the timeout.
const TIMEOUT_MS = 1_500;
const HOLD_MS = 2_500;

// The sandbox's clock, shifted by the skew tests only.
let clockSkewMs = 0;
const dir = makeTempDir("payscore-faults-");
const t = await startTestSandbox({ dir, keysDir: path.join(dir, "sandbox", "keys"), now: () => new Date(Date.now() + clockSkewMs) });
// The console's sandbox profiles read these once, on first use.
process.env.DATA_DIR = dir;
process.env.SANDBOX_URL = t.sandbox.url;
process.env.WECHATPAY_TIMEOUT_MS = String(TIMEOUT_MS);
delete process.env.PAYSCORE_PROFILES_FILE;

const { createDb } = await import("@/server/db");
const { modifyOrder } = await import("@/server/orders/modify-order");
const { completeOrder } = await import("@/server/orders/complete-order");
const { createProfileClient, queryOrder, resolveTarget } = await import("@/server/orders/target");
const { reconcileGraceMs, reconcileRow, reconcileUnsettled } = await import("@/server/orders/reconcile");
const { showsWrite } = await import("@/lib/orders/order-money");
const isApplied = (row: TrailRow, order: TServiceOrder) => showsWrite(row.operation, row.requestBody, order);
const { runAction } = await import("@/server/actions/run-action");
const { queryServiceOrder } = await import("@/server/wechatpay/payscore");
const { isWechatPayError } = await import("@/server/wechatpay/errors");
const { getProfile } = await import("@/server/config/profiles");
const { createTestPostgres, probeTestPostgres, shouldTestPostgres } = await import("@/server/db/testing");

const agent = { id: "user-agent-1", name: "演示客服", role: "agent" };
const memory = await createDb("memory://");
const hasPostgres = await shouldTestPostgres();

afterAll(async () => {
  await memory.close();
  await t.stop();
});

beforeEach(async () => {
  clockSkewMs = 0;
  t.sandbox.state.reset();
  await memory.db.delete(trail);
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function refOf(outOrderNo: string): OrderRef {
  const info = findSeedOrder(outOrderNo);
  return { mode: info.mode, subMchid: info.sub_mchid, industry: info.industry };
}

async function sandboxOrder(outOrderNo: string): Promise<TServiceOrder> {
  const ref = refOf(outOrderNo);
  const target = resolveTarget(`demo-${ref.mode}`, ref.subMchid);
  if (!target) throw new Error(`no target for ${outOrderNo}`);
  return (await queryOrder(target, outOrderNo)).order;
}

type Op = "modify" | "complete";

/** The order a mode's modify (PAYING, lines with amounts) or complete (READY hotel) runs on. */
function orderFor(mode: Mode, op: Op, n = 1): string {
  const industry = op === "complete" || mode === "merchant" ? "hotel" : "express";
  const numbers = seedOrderNumbers({ mode, industry, kind: op === "modify" ? "PAYING" : "READY" });
  const no = numbers[n - 1];
  if (!no) throw new Error(`no ${mode} ${industry} order #${n}`);
  return no;
}

async function runOp(db: Db, op: Op, outOrderNo: string, text: { reasonText?: string; internalNote?: string; description?: string } = {}) {
  const order = await sandboxOrder(outOrderNo);
  const ref = refOf(outOrderNo);
  if (op === "modify") {
    return modifyOrder(db, agent, ZModifyForm.parse(lowerFirstLine(ref, outOrderNo, order, text)));
  }
  return completeOrder(db, agent, ZCompleteForm.parse(completeHotel(ref, outOrderNo, order, text)));
}

async function rowsOf(db: Db, outOrderNo: string): Promise<TrailRow[]> {
  return db.select().from(trail).where(eq(trail.outOrderNo, outOrderNo));
}

async function onlyRow(db: Db, outOrderNo: string): Promise<TrailRow> {
  const rows = await rowsOf(db, outOrderNo);
  expect(rows).toHaveLength(1);
  return rows[0] as TrailRow;
}

function writesTo(outOrderNo: string, op: Op) {
  return t.sandbox.state.log.list({ out_order_no: outOrderNo, op });
}

/** The sandbox's order is exactly what a settled row says: the change applied, or the order untouched. */
async function expectOrderMatchesRow(row: TrailRow): Promise<void> {
  const order = await sandboxOrder(row.outOrderNo);
  if (row.status === "succeeded") {
    expect(isApplied(row, order)).toBe(true);
    expect(orderVersion(order)).toBe(orderVersion(row.orderAfter as TServiceOrder));
    expect(order.total_amount).toBe(row.totalAfter);
  } else {
    expect(row.status).toBe("failed");
    expect(isApplied(row, order)).toBe(false);
    expect(orderVersion(order)).toBe(orderVersion(row.orderBefore as TServiceOrder));
  }
}

/** After a fault, an ordinary modify on another order of the same mode goes through. */
async function expectStillServing(db: Db, mode: Mode): Promise<void> {
  const no = orderFor(mode, "modify", 2);
  const result = await runOp(db, "modify", no);
  expect(result).toMatchObject({ ok: true, data: { status: "succeeded", replayed: false } });
  expect((await onlyRow(db, no)).status).toBe("succeeded");
}

/** Waits until the sandbox has a `op` request for the order in its log (it is being held). */
async function waitForRequest(outOrderNo: string, op: Op | "query"): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (t.sandbox.state.log.list({ out_order_no: outOrderNo, op }).length === 0) {
    if (Date.now() > deadline) throw new Error(`no ${op} request for ${outOrderNo}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits until every request the sandbox holds is answered (or found abandoned). */
async function waitForSandboxIdle(): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (t.sandbox.state.log.list().some((entry) => entry.durationMs === null)) {
    if (Date.now() > deadline) throw new Error("the sandbox still holds a request");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ---------------------------------------------------------------------------------------------
// Every fault × modify and complete × the three modes
// ---------------------------------------------------------------------------------------------

interface FaultCase {
  name: string;
  fault: Omit<FaultInput, "out_order_no" | "ops">;
  /**
   * The row as settled (and, through it, the order in the sandbox). "unknown": no answer came back and
   * the order does not show the change — the request may still be running upstream, so the row stays
   * unknown (the agent is told so) until the grace period ends, and only then becomes `failed`.
   */
  status: "succeeded" | "failed" | "unknown";
  errorKind: string;
  wechatCode: string;
  /** "answer": the status of the damaged answer (200 merchant, 204 partner and institution). */
  httpStatus: number | null | "answer";
  message: RegExp;
  /** Settled by querying the order (the outcome of the POST could not be known from its answer). */
  reconciled: boolean;
  retryable: boolean;
}

const CASES: FaultCase[] = [
  {
    name: "latency past the timeout (applied, answer held)",
    fault: { kind: "latency", latencyMs: HOLD_MS },
    status: "succeeded",
    errorKind: "timeout",
    wechatCode: "REQUEST_TIMEOUT",
    httpStatus: null,
    message: new RegExp(`^No complete answer within ${TIMEOUT_MS} ms$`),
    reconciled: true,
    retryable: false,
  },
  {
    name: "500 SYSTEM_ERROR",
    fault: { kind: "system_error" },
    status: "failed",
    errorKind: "api",
    wechatCode: "SYSTEM_ERROR",
    httpStatus: 500,
    message: /^系统异常，请使用相同参数稍后重新调用$/,
    // A 5xx to a POST may come from a gateway after the work was done: the order is queried.
    reconciled: true,
    retryable: true,
  },
  {
    name: "429 FREQUENCY_LIMITED",
    fault: { kind: "rate_limited" },
    status: "failed",
    errorKind: "api",
    wechatCode: "FREQUENCY_LIMITED",
    httpStatus: 429,
    message: /^请求频率超过限制，请降低频率后重试$/,
    reconciled: false,
    retryable: true,
  },
  {
    name: "bad response signature, not applied",
    fault: { kind: "bad_signature" },
    status: "failed",
    errorKind: "signature_invalid",
    wechatCode: "RESPONSE_SIGNATURE_INVALID",
    httpStatus: "answer",
    message: /^Answer signature does not verify with PUB_KEY_ID_\d+$/,
    reconciled: true,
    retryable: false,
  },
  {
    name: "bad response signature, applied",
    fault: { kind: "bad_signature", commit: true },
    status: "succeeded",
    errorKind: "signature_invalid",
    wechatCode: "RESPONSE_SIGNATURE_INVALID",
    httpStatus: "answer",
    message: /^Answer signature does not verify with PUB_KEY_ID_\d+$/,
    reconciled: true,
    retryable: false,
  },
  {
    name: "malformed body, not applied",
    fault: { kind: "malformed_body" },
    status: "failed",
    errorKind: "malformed_response",
    wechatCode: "RESPONSE_MALFORMED",
    httpStatus: 200,
    message: /^Answer body \(HTTP 200\) is not JSON$/,
    reconciled: true,
    retryable: false,
  },
  {
    name: "malformed body, applied",
    fault: { kind: "malformed_body", commit: true },
    status: "succeeded",
    errorKind: "malformed_response",
    wechatCode: "RESPONSE_MALFORMED",
    httpStatus: 200,
    message: /^Answer body \(HTTP 200\) is not JSON$/,
    reconciled: true,
    retryable: false,
  },
  {
    name: "dropped connection, not applied",
    fault: { kind: "drop_connection" },
    status: "unknown",
    errorKind: "network",
    wechatCode: "NETWORK_ERROR",
    httpStatus: null,
    message: /^Network failure/,
    reconciled: true,
    retryable: false,
  },
  {
    name: "dropped connection, applied",
    fault: { kind: "drop_connection", commit: true },
    status: "succeeded",
    errorKind: "network",
    wechatCode: "NETWORK_ERROR",
    httpStatus: null,
    message: /^Network failure/,
    reconciled: true,
    retryable: false,
  },
  {
    // A middlebox answers "refused" without WeChat's signature: believed, it would hide nothing here…
    name: "unsigned error answer, not applied",
    fault: { kind: "unsigned_error" },
    status: "failed",
    errorKind: "headers_missing",
    wechatCode: "RESPONSE_HEADERS_MISSING",
    httpStatus: 400,
    message: /^Unsigned error answer \(HTTP 400\) to a write: its code cannot be trusted$/,
    reconciled: true,
    retryable: false,
  },
  {
    // …but here it would hide a change WeChat applied: the order is queried, and it shows the change.
    name: "unsigned error answer, applied",
    fault: { kind: "unsigned_error", commit: true },
    status: "succeeded",
    errorKind: "headers_missing",
    wechatCode: "RESPONSE_HEADERS_MISSING",
    httpStatus: 400,
    message: /^Unsigned error answer \(HTTP 400\) to a write: its code cannot be trusted$/,
    reconciled: true,
    retryable: false,
  },
];

const MODES: Mode[] = ["merchant", "partner", "institution"];

describe.each(MODES)("[FAULTS] %s mode", (mode) => {
  describe.each(["modify", "complete"] as const)("%s", (op) => {
    it.each(CASES)("$name", async (c) => {
      const no = orderFor(mode, op);
      t.sandbox.state.faults.add({ ...c.fault, out_order_no: no, ops: [op] });
      const result = await runOp(memory.db, op, no);

      // The POST was sent exactly once: the client never resends a money-moving call.
      expect(writesTo(no, op)).toHaveLength(1);

      let row = await onlyRow(memory.db, no);
      if (c.status === "unknown") {
        expect(result).toMatchObject({ ok: false, error: { code: "OUTCOME_UNKNOWN", trailId: row.id, upstream: { kind: c.errorKind } } });
        expect(row).toMatchObject({ status: "unknown", reconciledAt: null });
        if (!row.sentAt) throw new Error("the call left: sent_at is set");
        // Within the grace period nothing settles it as "not applied"; after it, the query does.
        expect((await reconcileRow(memory.db, row, { now: new Date(row.sentAt.getTime() + reconcileGraceMs() - 1_000) }))?.row.status).toBe("unknown");
        const settled = await reconcileRow(memory.db, row, { now: new Date(row.sentAt.getTime() + reconcileGraceMs() + 1) });
        expect(settled?.settledNow).toBe(true);
        row = await onlyRow(memory.db, no);
      }
      const httpStatus = c.httpStatus === "answer" ? (mode === "merchant" ? 200 : 204) : c.httpStatus;
      expect(row).toMatchObject({
        status: c.status === "unknown" ? "failed" : c.status,
        operation: op,
        mode,
        errorKind: c.errorKind,
        wechatCode: c.wechatCode,
        httpStatus,
      });
      expect(row.wechatMessage).toMatch(c.message);
      expect(row.resolvedAt).toBeInstanceOf(Date);
      if (c.reconciled) {
        expect(row.reconciledAt).toBeInstanceOf(Date);
        expect(row.reconcileNote).toBe(
          row.status === "succeeded"
            ? `reconciled: the order shows the ${op} as applied`
            : `reconciled: the order does not show the ${op}; it was not applied`,
        );
      } else {
        expect(row.reconciledAt).toBeNull();
      }

      if (c.status === "succeeded") {
        expect(result).toMatchObject({ ok: true, data: { trailId: row.id, status: "succeeded", totalAfter: row.totalAfter } });
      } else if (c.status === "failed") {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe("UPSTREAM_ERROR");
        expect(result.error.trailId).toBe(row.id);
        expect(result.error.upstream).toMatchObject({ kind: c.errorKind, code: c.wechatCode, httpStatus, retryable: c.retryable });
        expect(result.error.upstream?.message).toMatch(c.message);
        if (c.errorKind === "api") expect(result.error.upstream?.requestId).toBe(writesTo(no, op)[0]?.requestId);
      }

      await expectOrderMatchesRow(row);
      await expectStillServing(memory.db, mode);
    });
  });
});

describe("[FAULTS] a request still running upstream when the client timed out", () => {
  it.each(["modify", "complete"] as const)(
    "%s applied after the client gave up: unknown (not failed) until the order shows it, then succeeded",
    async (op) => {
      const no = orderFor("merchant", op);
      // Held before it is handled: the change lands after the client's timeout and its query.
      t.sandbox.state.faults.add({ kind: "latency", latencyMs: HOLD_MS, latencyPhase: "before", out_order_no: no, ops: [op] });
      const result = await runOp(memory.db, op, no);
      expect(result).toMatchObject({
        ok: false,
        error: { code: "OUTCOME_UNKNOWN", upstream: { kind: "timeout", code: "REQUEST_TIMEOUT", retryable: false } },
      });
      expect((await onlyRow(memory.db, no)).status).toBe("unknown");
      // Asking again (the on-demand button) while the request may still run settles nothing either.
      expect(await reconcileUnsettled(memory.db, new Date(Date.now() + 1_000))).toEqual({ examined: 1, succeeded: 0, failed: 0, stillUnknown: 1 });

      await waitForSandboxIdle();
      expect(writesTo(no, op)).toMatchObject([{ clientClosed: true, status: 200 }]);
      expect(await reconcileUnsettled(memory.db, new Date(Date.now() + 1_000))).toEqual({ examined: 1, succeeded: 1, failed: 0, stillUnknown: 0 });
      const row = await onlyRow(memory.db, no);
      expect(row).toMatchObject({ status: "succeeded", errorKind: "timeout", wechatCode: "REQUEST_TIMEOUT" });
      expect(row.reconcileNote).toBe(`reconciled: the order shows the ${op} as applied`);
      await expectOrderMatchesRow(row);
    },
  );

  it("never applied: unknown through the grace period, failed after it", async () => {
    const no = orderFor("merchant", "modify");
    // Held past the timeout, then the connection is dropped without doing anything.
    t.sandbox.state.faults.add({ kind: "latency", latencyMs: HOLD_MS, out_order_no: no, ops: ["modify"] });
    t.sandbox.state.faults.add({ kind: "drop_connection", out_order_no: no, ops: ["modify"] });
    const result = await runOp(memory.db, "modify", no);
    expect(result).toMatchObject({ ok: false, error: { code: "OUTCOME_UNKNOWN", upstream: { kind: "timeout" } } });
    await waitForSandboxIdle();
    expect(writesTo(no, "modify")).toMatchObject([{ dropped: true, status: null }]);

    const unknown = await onlyRow(memory.db, no);
    expect(unknown.status).toBe("unknown");
    if (!unknown.sentAt) throw new Error("the call left: sent_at is set");
    const withinGrace = new Date(unknown.sentAt.getTime() + reconcileGraceMs() - 1_000);
    expect((await reconcileRow(memory.db, unknown, { now: withinGrace }))?.row.status).toBe("unknown");
    const afterGrace = new Date(unknown.sentAt.getTime() + reconcileGraceMs() + 1);
    const row = (await reconcileRow(memory.db, unknown, { now: afterGrace }))?.row;
    expect(row).toMatchObject({ status: "failed", errorKind: "timeout", reconcileNote: "reconciled: the order does not show the modify; it was not applied" });
    if (row) await expectOrderMatchesRow(row);
    await expectStillServing(memory.db, "merchant");
  });
});

// ---------------------------------------------------------------------------------------------
// Clock skew
// ---------------------------------------------------------------------------------------------

describe("[FAULTS] clock skew of 6 minutes", () => {
  const SIX_MINUTES = 6 * 60_000;

  function clientWithClock(offsetMs: number) {
    const profile = getProfile("demo-merchant");
    if (!profile) throw new Error("no demo-merchant profile");
    return createProfileClient(profile, { timeoutMs: TIMEOUT_MS, now: () => new Date(Date.now() + offsetMs) });
  }

  async function kindOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
      return "no error";
    } catch (error) {
      return isWechatPayError(error) ? `${error.kind}/${error.code}` : `foreign ${String(error)}`;
    }
  }

  it("a client whose clock is 6 minutes ahead or behind refuses the answer (timestamp_skew); the same call on time passes", async () => {
    const [no] = seedOrderNumbers({ mode: "merchant", industry: "hotel", kind: "PAYING" });
    const profile = getProfile("demo-merchant");
    const params = { service_id: profile?.service_id ?? "", appid: profile?.appid ?? "", out_order_no: no ?? "" };
    for (const offset of [SIX_MINUTES, -SIX_MINUTES]) {
      expect(await kindOf(queryServiceOrder(clientWithClock(offset), { mode: "merchant", params }))).toBe("timestamp_skew/RESPONSE_TIMESTAMP_SKEW");
    }
    expect(await kindOf(queryServiceOrder(clientWithClock(0), { mode: "merchant", params }))).toBe("no error");
  });

  it("the sandbox 6 minutes ahead: the query before the call is refused, nothing is sent, the row is failed", async () => {
    const no = orderFor("merchant", "modify");
    const order = await sandboxOrder(no);
    clockSkewMs = SIX_MINUTES;
    const result = await modifyOrder(memory.db, agent, ZModifyForm.parse(lowerFirstLine(refOf(no), no, order)));
    expect(result).toMatchObject({
      ok: false,
      error: { code: "UPSTREAM_ERROR", upstream: { kind: "timestamp_skew", code: "RESPONSE_TIMESTAMP_SKEW" } },
    });
    if (!result.ok) expect(result.error.upstream?.message).toMatch(/^Wechatpay-Timestamp \d+ is more than 300 s away from the local clock$/);
    expect(writesTo(no, "modify")).toHaveLength(0);
    const row = await onlyRow(memory.db, no);
    expect(row).toMatchObject({ status: "failed", errorKind: "timestamp_skew", reconcileNote: "query before the call failed; nothing was sent" });
    // No order was read: SQL NULLs (not the JSON value null), and no delta.
    const stored = await memory.db.execute<{ before_is_null: boolean; after_is_null: boolean; reconciled_is_null: boolean; delta: number | null; resolved: boolean }>(
      sql`select order_before is null as before_is_null, order_after is null as after_is_null, reconciled_at is null as reconciled_is_null, delta, resolved_at is not null as resolved from trail where id = ${row.id}`,
    );
    expect(stored.rows).toEqual([{ before_is_null: true, after_is_null: true, reconciled_is_null: true, delta: null, resolved: true }]);
    clockSkewMs = 0;
    expect(orderVersion(await sandboxOrder(no))).toBe(orderVersion(order));
  });

  it("a write's answer signed 6 minutes off: unknown while the clock is off, reconciled to the applied change after", async () => {
    const no = orderFor("merchant", "modify");
    const order = await sandboxOrder(no);
    // Hold the answer after the modify was applied, and move the sandbox's clock while it waits.
    t.sandbox.state.faults.add({ kind: "latency", latencyMs: 800, out_order_no: no, ops: ["modify"] });
    const pending = modifyOrder(memory.db, agent, ZModifyForm.parse(lowerFirstLine(refOf(no), no, order)));
    await waitForRequest(no, "modify");
    clockSkewMs = SIX_MINUTES;
    const result = await pending;
    expect(result).toMatchObject({
      ok: false,
      error: { code: "OUTCOME_UNKNOWN", upstream: { kind: "timestamp_skew", code: "RESPONSE_TIMESTAMP_SKEW", httpStatus: 200 } },
    });
    expect((await onlyRow(memory.db, no)).status).toBe("unknown");

    clockSkewMs = 0;
    expect(await reconcileUnsettled(memory.db, new Date(Date.now() + 1_000))).toEqual({ examined: 1, succeeded: 1, failed: 0, stillUnknown: 0 });
    const row = await onlyRow(memory.db, no);
    expect(row).toMatchObject({ status: "succeeded", errorKind: "timestamp_skew" });
    await expectOrderMatchesRow(row);
    expect(writesTo(no, "modify")).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The database going away mid-request (PostgreSQL)
// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasPostgres)("[FAULTS] PostgreSQL goes away mid-request", () => {
  type TestDatabase = Awaited<ReturnType<typeof createTestPostgres>>;
  let pg: TestDatabase;
  let admin: Client;
  let dbName: string;

  beforeAll(async () => {
    pg = await createTestPostgres();
    const probe = await probeTestPostgres();
    if (!probe.available) throw new Error(probe.reason);
    admin = new Client({ connectionString: probe.url });
    await admin.connect();
    const names = await pg.db.execute<{ name: string }>(sql`select current_database() as name`);
    dbName = names.rows[0]?.name ?? "";
    expect(dbName).toMatch(/^payscore_test_\d+_[0-9a-f]{8}$/);
  });

  afterAll(async () => {
    await bringBack().catch(() => undefined);
    await admin?.end();
    await pg?.dispose();
  });

  // The pool reports its terminated connections and the wrapper logs the failure: expected here.
  let quiet: { mockRestore(): void } | undefined;
  beforeEach(async () => {
    await pg.db.delete(trail);
    quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => {
    quiet?.mockRestore();
  });

  /** Only this run's own database: refuse new connections, end the open ones. The server stays up. */
  async function takeAway(): Promise<void> {
    await admin.query(`alter database "${dbName}" with allow_connections false`);
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [dbName]);
  }

  async function bringBack(): Promise<void> {
    await admin.query(`alter database "${dbName}" with allow_connections true`);
  }

  function modifyAction(db: Db, input: unknown): Promise<ActionResult<OperationSuccess>> {
    return runAction("canModify", ZModifyForm, input, (user, submission) =>
      modifyOrder(db, { id: user.id, name: user.name, role: user.role }, submission),
    );
  }

  async function expectServiceUnavailable(result: Promise<ActionResult<OperationSuccess>>): Promise<void> {
    expect(await result).toEqual({ ok: false, error: { code: "SERVICE_UNAVAILABLE" satisfies AppErrorCode } });
  }

  it("while the signed call is in flight: SERVICE_UNAVAILABLE; the intent row stays pending and reconciliation settles it to the sandbox's state", async () => {
    const no = orderFor("merchant", "modify");
    const order = await sandboxOrder(no);
    // Held long enough to take the database away first, answered well within the client's timeout.
    t.sandbox.state.faults.add({ kind: "latency", latencyMs: 1_000, out_order_no: no, ops: ["modify"] });
    const result = modifyAction(pg.db, lowerFirstLine(refOf(no), no, order, { reasonText: "断库测试" }));
    await waitForRequest(no, "modify");
    await takeAway();
    await expectServiceUnavailable(result);
    await bringBack();

    // The sandbox applied it; the row is the complete intent written before the call, still pending.
    expect(writesTo(no, "modify")).toMatchObject([{ status: 200 }]);
    const [pending, ...others] = await rowsOf(pg.db, no);
    expect(others).toHaveLength(0);
    expect(pending).toMatchObject({ status: "pending", operation: "modify", reasonText: "断库测试", totalBefore: order.total_amount });
    expect((pending?.requestBody as { reason?: string }).reason).toBe("用户投诉：断库测试");
    expect(orderVersion(pending?.orderBefore as TServiceOrder)).toBe(orderVersion(order));

    expect(await reconcileUnsettled(pg.db, new Date(Date.now() + 1_000))).toEqual({ examined: 1, succeeded: 1, failed: 0, stillUnknown: 0 });
    const row = await onlyRow(pg.db, no);
    expect(row.reconcileNote).toBe("reconciled: the order shows the modify as applied");
    await expectOrderMatchesRow(row);
    await expectStillServing(pg.db, "merchant");
  });

  // The intent is claimed before the order is queried, so a database lost during that read leaves a
  // pending row whose call never left (no sent_at): no modify went out, and the reconciler settles
  // the row "not sent" without asking WeChat.
  it("while the order is queried before the call: SERVICE_UNAVAILABLE, a pending row that never left, no modify sent", async () => {
    const no = orderFor("merchant", "modify");
    const order = await sandboxOrder(no);
    const querySeq = t.sandbox.state.log.lastSeq;
    t.sandbox.state.faults.add({ kind: "latency", latencyMs: 1_000, out_order_no: no, ops: ["query"], times: 1 });
    const result = modifyAction(pg.db, lowerFirstLine(refOf(no), no, order));
    const deadline = Date.now() + 5_000;
    while (t.sandbox.state.log.list({ out_order_no: no, op: "query", sinceSeq: querySeq }).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await takeAway();
    await expectServiceUnavailable(result);
    await bringBack();

    expect(t.sandbox.state.log.list({ out_order_no: no, sinceSeq: querySeq }).map((entry) => entry.op)).toEqual(["query"]);
    expect(writesTo(no, "modify")).toHaveLength(0);
    expect(await rowsOf(pg.db, no)).toMatchObject([{ status: "pending", sentAt: null }]);
    const seqBefore = t.sandbox.state.log.lastSeq;
    expect(await reconcileUnsettled(pg.db, new Date(Date.now() + 1_000))).toEqual({ examined: 1, succeeded: 0, failed: 1, stillUnknown: 0 });
    expect(t.sandbox.state.log.list({ sinceSeq: seqBefore })).toHaveLength(0);
    expect(await rowsOf(pg.db, no)).toMatchObject([{ status: "failed", reconcileNote: "the process stopped before the call was sent; nothing was sent" }]);
    expect(orderVersion(await sandboxOrder(no))).toBe(orderVersion(order));
    await expectStillServing(pg.db, "merchant");
  });

  it("before anything is written: SERVICE_UNAVAILABLE, no row, nothing sent (the claim comes first)", async () => {
    const no = orderFor("merchant", "modify");
    const order = await sandboxOrder(no);
    const seq = t.sandbox.state.log.lastSeq;
    await takeAway();
    await expectServiceUnavailable(modifyAction(pg.db, lowerFirstLine(refOf(no), no, order)));
    await bringBack();
    // The intent could not be written, so neither the query nor the modify went out.
    expect(t.sandbox.state.log.list({ out_order_no: no, sinceSeq: seq })).toEqual([]);
    expect(await rowsOf(pg.db, no)).toHaveLength(0);
    expect(orderVersion(await sandboxOrder(no))).toBe(orderVersion(order));
    await expectStillServing(pg.db, "merchant");
  });
});
