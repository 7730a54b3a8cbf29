// Bulk adjustments (issue #14) on one database kind, against the sandbox over HTTP and pg-boss on the
// app's own database: a batch's dry run (every verdict), submission and four-eyes approval (races
// included), execution (one modify per row with the exact body, stale rows skipped, faults: 500, 429,
// timeout, dropped connection), pause / resume / cancel. The sandbox's request log is the arbiter.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { BulkRowInput } from "@/lib/bulk/types";
import { seedOrderNumbers, findSeedOrder } from "@/server/sandbox/seed";
import { bulkBatch, bulkRow, trail } from "@/server/db/schema";
import { startActionHarness, type ActionHarness } from "./action-harness";

export const MAKER = { id: "bulk-maker", name: "批量客服", role: "agent" };
export const CHECKER = { id: "bulk-checker", name: "批量主管", role: "supervisor" };
export const CHECKER2 = { id: "bulk-checker-2", name: "第二主管", role: "supervisor" };

export function rowInput(line: number, outOrderNo: string, newTotal: number, profileId = "demo-merchant", subMchid: string | null = null): BulkRowInput {
  return { line, profileId, subMchid, outOrderNo, newTotal, lineAmounts: null, reasonCategory: "device_fault", reasonText: "充电桩故障多收", internalNote: null };
}

export interface BulkModules {
  upload: typeof import("@/server/bulk/upload");
  submit: typeof import("@/server/bulk/submit");
  jobs: typeof import("@/server/bulk/jobs");
  worker: typeof import("@/server/bulk/worker");
  batches: typeof import("@/server/bulk/batches");
  policies: typeof import("@/server/approvals/policies");
  boss: typeof import("@/server/jobs/boss");
}

export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function defineBulkSuite(database: "pglite" | "postgres"): void {
  let h: ActionHarness;
  let m: BulkModules;
  let boss: PgBoss;

  beforeAll(async () => {
    process.env.BULK_RATE_PER_SECOND = "200";
    h = await startActionHarness({ database, timeoutMs: 1_000 });
    m = {
      upload: await import("@/server/bulk/upload"),
      submit: await import("@/server/bulk/submit"),
      jobs: await import("@/server/bulk/jobs"),
      worker: await import("@/server/bulk/worker"),
      batches: await import("@/server/bulk/batches"),
      policies: await import("@/server/approvals/policies"),
      boss: await import("@/server/jobs/boss"),
    };
    boss = await m.boss.getBoss();
    await m.worker.startBulkWorkers(boss, h.db, { pollingIntervalSeconds: 0.5, execute: { retryDelayMs: 50, laneSeconds: 30 }, dryRun: { retryDelayMs: 20 } });
  });

  afterAll(async () => {
    await m?.boss.stopBoss({ graceful: false, timeoutMs: 2_000 });
    await h?.stop();
  });

  beforeEach(async () => {
    h.t.sandbox.state.reset();
    await h.db.execute(sql`delete from trail_event`);
    await h.db.delete(trail);
    await h.db.delete(bulkRow);
    await h.db.delete(bulkBatch);
    await h.db.execute(sql`delete from bulk_rate`);
    await h.db.execute(sql`delete from approval_policy`);
  });

  const paying = seedOrderNumbers({ mode: "merchant", kind: "PAYING" });
  const totalOf = (no: string) => findSeedOrder(no).total_amount;

  async function upload(rows: BulkRowInput[], problems: { line: number; column: string; code: "required" | "duplicate_order" }[] = []): Promise<string> {
    const stored = await m.upload.storeBatch(h.db, MAKER, "批量调整.csv", {
      ok: true,
      encoding: "gb18030",
      rows,
      problems: problems.map((p) => ({ line: p.line, column: p.column, issue: { path: [p.column], code: p.code } })),
      raw: [],
    });
    if (!stored.ok) throw new Error(JSON.stringify(stored.error));
    await m.jobs.queueDryRun(boss, stored.data.batchId);
    return stored.data.batchId;
  }

  async function until(batchId: string, statuses: string[]) {
    const view = await waitFor(() => m.batches.getBatchView(h.db, batchId), (v) => v !== null && statuses.includes(v.status), 60_000);
    if (!view || !statuses.includes(view.status)) throw new Error(`batch ${batchId} is ${view?.status}, not ${statuses.join("/")}`);
    return view;
  }

  function modifies(no: string) {
    return h.t.sandbox.state.log.list({ out_order_no: no }).filter((entry) => entry.op === "modify");
  }

  describe(`[BULK] ${database}`, () => {
    it("through the actions with real sessions: the template saved by Excel as GBK → dry run → the maker submits → a supervisor approves → every row sent once, linked to the batch", async () => {
      const actions = await import("@/server/actions/bulk");
      const { bulkTemplateCsv } = await import("@/lib/bulk/template");
      const iconv = (await import("iconv-lite")).default;
      await m.policies.savePolicy(h.db, { id: "test", name: "test" }, { profileId: "demo-merchant", subMchid: "", }, { maxReductionFen: 1, maxReductionPercent: null, maxCompleteRiskPercent: null, reasonCategories: [], cancelCompleted: false, expiresHours: 24 });
      const gbk = iconv.encode(bulkTemplateCsv("zh").replace(/^\uFEFF/, ""), "gbk");
      const form = () => {
        const data = new FormData();
        data.set("file", new File([new Uint8Array(gbk)], "调整.csv", { type: "text/csv" }));
        return data;
      };
      expect(await h.as("admin", () => actions.uploadBulkFileAction(form()))).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await h.as(null, () => actions.uploadBulkFileAction(form()))).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
      expect(await h.as("agent", () => actions.uploadBulkFileAction(new FormData()))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
      const uploaded = await h.as("agent", () => actions.uploadBulkFileAction(form()));
      if (!uploaded.ok) throw new Error(JSON.stringify(uploaded.error));
      const batchId = uploaded.data.batchId;
      const previewed = await until(batchId, ["previewed"]);
      expect(previewed).toMatchObject({ encoding: "gb18030", fileName: "调整.csv", createdBy: { name: "演示客服" }, approval: { required: true } });
      const rows = (await m.batches.getBatchRows(h.db, batchId)) ?? [];
      // The merchant row needs a supervisor (reduction above 1 分); the others have no policy.
      expect(rows.map((r) => [r.line, r.outOrderNo, r.verdict, r.totalAfter])).toEqual([
        [2, "DEMO-M-HOTEL-PAYING-1", "needs_approval", 40_000],
        [3, "DEMO-P-POWERBANK-PAYING-1", "ok", 300],
        [4, "DEMO-I-EBIKE-PAYING-1", "ok", 250],
      ]);
      expect(await h.as("supervisor", () => actions.submitBulkBatchAction({ batchId }))).toEqual({ ok: false, error: { code: "FORBIDDEN", reason: "not_maker" } });
      expect(await h.as("agent", () => actions.submitBulkBatchAction({ batchId }))).toEqual({ ok: true, data: { batchId, status: "awaiting_approval" } });
      expect(await h.as("agent", () => actions.approveBulkBatchAction({ batchId }))).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await h.as("supervisor", () => actions.rejectBulkBatchAction({ batchId, comment: " " }))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
      expect(await h.as("supervisor", () => actions.approveBulkBatchAction({ batchId, comment: "核对无误" }))).toEqual({ ok: true, data: { batchId, status: "queued" } });
      const done = await until(batchId, ["completed"]);
      expect(done.approval).toMatchObject({ required: true, decidedBy: "演示主管", comment: "核对无误" });
      expect(done.progress).toMatchObject({ total: 3, succeeded: 3, failed: 0, skipped: 0, unknown: 0, remaining: 0 });
      expect(modifies("DEMO-M-HOTEL-PAYING-1")[0]?.body).toMatchObject({ total_amount: 40_000, post_payments: [{ name: "酒店房费", amount: 40_000 }] });
      expect(modifies("DEMO-P-POWERBANK-PAYING-1")[0]?.body).toMatchObject({ total_amount: 300 });
      expect(modifies("DEMO-I-EBIKE-PAYING-1")[0]?.body).toMatchObject({ total_amount: 250 });
      for (const no of ["DEMO-M-HOTEL-PAYING-1", "DEMO-P-POWERBANK-PAYING-1", "DEMO-I-EBIKE-PAYING-1"]) expect(modifies(no)).toHaveLength(1);
      const trails = await h.db.select({ user: trail.userName, approver: trail.decidedByName, batch: trail.bulkBatchId, status: trail.status }).from(trail);
      expect(trails).toEqual(Array.from({ length: 3 }, () => ({ user: "演示客服", approver: "演示主管", batch: batchId, status: "succeeded" })));

      // The downloads, through the route handlers with the session's cookie.
      const results = await import("@/app/api/bulk/batches/[id]/results.csv/route");
      const params = { params: Promise.resolve({ id: batchId }) };
      const answer = await h.as("agent", () => results.GET(new Request(`http://localhost:3000/api/bulk/batches/${batchId}/results.csv?lang=en`), params));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const text = await answer.text();
      for (const row of (await m.batches.getBatchRows(h.db, batchId)) ?? []) expect(text).toContain(row.requestId as string);
      expect((await h.as(null, () => results.GET(new Request(`http://localhost:3000/api/bulk/batches/${batchId}/results.csv`), params))).status).toBe(401);

      // The review list, filtered to the batch (?batch=<id>): its rows, each linked to it.
      const { findReviewPage } = await import("@/server/review/queries");
      const { parseReviewSearch } = await import("@/lib/review/filters");
      const page = await findReviewPage(h.db, { filters: parseReviewSearch({ batch: batchId }).filters, scope: { kind: "all" }, position: {} });
      expect(page.rows.map((row) => [row.outOrderNo, row.bulkBatchId]).sort()).toEqual([
        ["DEMO-I-EBIKE-PAYING-1", batchId],
        ["DEMO-M-HOTEL-PAYING-1", batchId],
        ["DEMO-P-POWERBANK-PAYING-1", batchId],
      ]);
      const other = await findReviewPage(h.db, { filters: parseReviewSearch({ batch: "00000000-0000-4000-8000-000000000000" }).filters, scope: { kind: "all" }, position: {} });
      expect(other.rows).toEqual([]);
    });

    it("dry run: every row gets its verdict, totals before → after, and the batch its totals", async () => {
      const [a, b, c] = paying as [string, string, string];
      const paid = seedOrderNumbers({ mode: "merchant", kind: "PAID" })[0] as string;
      const batchId = await upload(
        [
          rowInput(2, a, totalOf(a) - 100),
          rowInput(3, b, totalOf(b) - 250),
          rowInput(4, paid, 1),
          rowInput(5, "NO-SUCH-ORDER-1", 1),
          rowInput(6, c, totalOf(c)),
          rowInput(7, a, 1),
        ],
        [{ line: 8, column: "reason_text", code: "required" }],
      );
      const view = await until(batchId, ["previewed"]);
      expect(view).toMatchObject({ status: "previewed", checked: 7, encoding: "gb18030", fileName: "批量调整.csv", createdBy: { id: MAKER.id, name: MAKER.name } });
      expect(view.totals).toEqual({ rows: 7, sendable: 2, refused: 5, needsApproval: 0, reductionFen: 350 });
      expect(view.approval).toEqual({ required: false, reasons: [], decidedBy: null, decidedAt: null, comment: null });
      const rows = (await m.batches.getBatchRows(h.db, batchId)) ?? [];
      expect(rows.map((r) => [r.line, r.verdict, r.totalBefore, r.totalAfter])).toEqual([
        [2, "ok", totalOf(a), totalOf(a) - 100],
        [3, "ok", totalOf(b), totalOf(b) - 250],
        [4, "wrong_state", totalOf(paid), 1],
        [5, "not_found", null, null],
        [6, "not_lower", totalOf(c), null],
        [7, "duplicate", null, null],
        [8, "invalid", null, null],
      ]);
      expect(rows[6]?.problems).toEqual([{ line: 8, column: "reason_text", issue: { path: ["reason_text"], code: "required" } }]);
      // The dry run only read: nothing was sent.
      expect(h.t.sandbox.state.log.list().filter((entry) => entry.op === "modify")).toHaveLength(0);
    });

    it("a dry run whose time is up hands over: nothing is lost, the next job carries on where it stopped", async () => {
      const { runDryRun } = await import("@/server/bulk/dry-run");
      const [a, b] = paying as [string, string];
      const stored = await m.upload.storeBatch(h.db, MAKER, "handover.csv", { ok: true, encoding: "utf-8", rows: [rowInput(2, a, totalOf(a) - 1), rowInput(3, b, totalOf(b) - 1)], problems: [], raw: [] });
      if (!stored.ok) throw new Error(JSON.stringify(stored.error));
      const batchId = stored.data.batchId;
      expect(await runDryRun(h.db, batchId, { maxSeconds: 0 })).toBe("more");
      expect((await m.batches.getBatchView(h.db, batchId))?.status).toBe("checking");
      expect(await runDryRun(h.db, batchId)).toBe("done");
      expect(await runDryRun(h.db, batchId)).toBe("not_checking");
      const view = await m.batches.getBatchView(h.db, batchId);
      expect(view).toMatchObject({ status: "previewed", checked: 2, totals: { rows: 2, sendable: 2, reductionFen: 2 } });
    });

    it("submit: only the maker; without a policy the batch is queued and runs: one modify per row with the exact body", async () => {
      const [a, b] = paying as [string, string];
      const batchId = await upload([rowInput(2, a, totalOf(a) - 100), rowInput(3, b, totalOf(b) - 200), rowInput(4, "NO-SUCH-ORDER-2", 5)]);
      await until(batchId, ["previewed"]);
      expect(await m.submit.submitBatch(h.db, CHECKER, batchId)).toEqual({ ok: false, error: { code: "FORBIDDEN", reason: "not_maker" } });
      expect(await m.submit.submitBatch(h.db, MAKER, batchId)).toEqual({ ok: true, data: { batchId, status: "queued" } });
      expect(await m.submit.submitBatch(h.db, MAKER, batchId)).toMatchObject({ ok: false, error: { code: "ALREADY_DECIDED" } });
      await m.jobs.queueExecution(boss, batchId);
      const view = await until(batchId, ["completed"]);
      expect(view.progress).toMatchObject({ total: 3, succeeded: 2, failed: 0, skipped: 1, unknown: 0, remaining: 0 });
      const rows = (await m.batches.getBatchRows(h.db, batchId)) ?? [];
      expect(rows.map((r) => [r.line, r.status, r.outcomeCode])).toEqual([
        [2, "succeeded", null],
        [3, "succeeded", null],
        [4, "skipped", "not_found"],
      ]);
      for (const [no, total] of [
        [a, totalOf(a) - 100],
        [b, totalOf(b) - 200],
      ] as const) {
        const sent = modifies(no);
        expect(sent).toHaveLength(1);
        expect(sent[0]?.body).toMatchObject({ appid: "wxd678efh567hg6787", service_id: "00002000000000558128851361561536", total_amount: total, reason: "设备故障：充电桩故障多收" });
      }
      for (const row of rows.slice(0, 2)) {
        expect(row.requestId).toMatch(/.+/);
        const [t] = await h.db.select().from(trail).where(eq(trail.id, row.trailId as string));
        expect(t).toMatchObject({ bulkBatchId: batchId, userId: MAKER.id, userName: MAKER.name, status: "succeeded", requestId: row.requestId, decidedById: null });
      }
    });

    it("four-eyes: the batch's total above the policy's amount limit waits; the maker cannot approve; two supervisors at once → one wins", async () => {
      await m.policies.savePolicy(h.db, { id: "test", name: "test" }, { profileId: "demo-merchant", subMchid: "" }, { maxReductionFen: 250, maxReductionPercent: null, maxCompleteRiskPercent: null, reasonCategories: [], cancelCompleted: false, expiresHours: 24 });
      const [a, b] = paying as [string, string];
      const batchId = await upload([rowInput(2, a, totalOf(a) - 200), rowInput(3, b, totalOf(b) - 100)]);
      const previewed = await until(batchId, ["previewed"]);
      // No row is above 250 on its own; together they are 300.
      expect(previewed.totals.needsApproval).toBe(0);
      expect(previewed.approval).toMatchObject({ required: true, reasons: [{ rule: "reduction_amount", limit: 250, actual: 300 }] });
      expect(await m.submit.submitBatch(h.db, MAKER, batchId)).toEqual({ ok: true, data: { batchId, status: "awaiting_approval" } });
      expect(await m.submit.approveBatch(h.db, MAKER, batchId, null)).toEqual({ ok: false, error: { code: "FORBIDDEN", reason: "own_request" } });
      const [first, second] = await Promise.all([m.submit.approveBatch(h.db, CHECKER, batchId, "同意"), m.submit.rejectBatch(h.db, CHECKER2, batchId, "不同意")]);
      const winners = [first, second].filter((result) => result.ok);
      expect(winners).toHaveLength(1);
      const loser = [first, second].find((result) => !result.ok);
      expect(loser).toMatchObject({ ok: false, error: { code: "ALREADY_DECIDED" } });
      const view = await m.batches.getBatchView(h.db, batchId);
      expect(view?.approval.decidedBy).toBe(first.ok ? CHECKER.name : CHECKER2.name);
      expect(view?.status).toBe(first.ok ? "queued" : "rejected");
    });

    it("a batch waiting past its approval time expires: rejected, its rows skipped, and no longer approvable", async () => {
      await m.policies.savePolicy(h.db, { id: "test", name: "test" }, { profileId: "demo-merchant", subMchid: "" }, { maxReductionFen: 1, maxReductionPercent: null, maxCompleteRiskPercent: null, reasonCategories: [], cancelCompleted: false, expiresHours: 1 });
      const [a] = paying as [string];
      const batchId = await upload([rowInput(2, a, totalOf(a) - 5)]);
      await until(batchId, ["previewed"]);
      expect(await m.submit.submitBatch(h.db, MAKER, batchId)).toEqual({ ok: true, data: { batchId, status: "awaiting_approval" } });
      expect(await m.submit.expireBatches(h.db)).toBe(0);
      await h.db.update(bulkBatch).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(bulkBatch.id, batchId));
      expect(await m.submit.approveBatch(h.db, CHECKER, batchId, null)).toEqual({ ok: false, error: { code: "ALREADY_DECIDED", reason: "expired" } });
      expect(await m.submit.expireBatches(h.db)).toBe(1);
      const view = await m.batches.getBatchView(h.db, batchId);
      expect(view).toMatchObject({ status: "rejected", approval: { comment: "expired", decidedBy: null }, progress: { skipped: 1, remaining: 0 } });
      expect(await m.submit.approveBatch(h.db, CHECKER, batchId, null)).toEqual({ ok: false, error: { code: "ALREADY_DECIDED", reason: "rejected" } });
      expect(modifies(a)).toHaveLength(0);
    });

    it("progress: rows settled over the last minute give the rate, and the rows left at that rate the ETA", async () => {
      const rows = paying.slice(0, 8).map((no, i) => rowInput(i + 2, no, totalOf(no) - 1));
      const stored = await m.upload.storeBatch(h.db, MAKER, "progress.csv", { ok: true, encoding: "utf-8", rows, problems: [], raw: [] });
      if (!stored.ok) throw new Error(JSON.stringify(stored.error));
      const batchId = stored.data.batchId;
      // 6 rows settled between 30 s and 5 s ago (one two minutes ago, outside the window); 1 left.
      await h.db.execute(sql`
        update bulk_row set status = case when line = 3 then 'failed' when line = 4 then 'skipped' else 'succeeded' end, attempts = 1,
          settled_at = now() - make_interval(secs => 30 - (line - 2) * 5)
        where batch_id = ${batchId} and line between 2 and 7`);
      await h.db.execute(sql`update bulk_row set status = 'succeeded', attempts = 1, settled_at = now() - interval '2 minutes' where batch_id = ${batchId} and line = 8`);
      const view = await m.batches.getBatchView(h.db, batchId);
      expect(view?.progress).toEqual({ total: 8, succeeded: 5, failed: 1, skipped: 1, unknown: 0, remaining: 1, ratePerSecond: 0.2, etaSeconds: 5 });
    });

    async function previewedAndQueued(rows: BulkRowInput[]): Promise<string> {
      const batchId = await upload(rows);
      await until(batchId, ["previewed"]);
      const submitted = await m.submit.submitBatch(h.db, MAKER, batchId);
      if (!submitted.ok || submitted.data.status !== "queued") throw new Error(JSON.stringify(submitted));
      return batchId;
    }

    it("a row whose order changed since the dry run (the user paid) is skipped with the reason, never sent", async () => {
      const [a, b] = paying as [string, string];
      const batchId = await previewedAndQueued([rowInput(2, a, totalOf(a) - 100), rowInput(3, b, totalOf(b) - 100)]);
      const record = h.t.sandbox.state.store.findByOutOrderNo(b)[0]!;
      const { payOrder } = await import("@/server/sandbox/operations");
      const paid = payOrder(record, new Date());
      if (!paid.ok) throw new Error(paid.message);
      h.t.sandbox.state.store.put(paid.record);
      await m.jobs.queueExecution(boss, batchId);
      const view = await until(batchId, ["completed"]);
      expect(view.progress).toMatchObject({ total: 2, succeeded: 1, skipped: 1, failed: 0, unknown: 0, remaining: 0 });
      const rows = (await m.batches.getBatchRows(h.db, batchId)) ?? [];
      expect(rows.map((r) => [r.line, r.status, r.outcomeCode])).toEqual([
        [2, "succeeded", null],
        [3, "skipped", "ORDER_CHANGED"],
      ]);
      expect(modifies(a)).toHaveLength(1);
      expect(modifies(b)).toHaveLength(0);
      const [t] = await h.db.select().from(trail).where(eq(trail.id, rows[1]?.trailId as string));
      expect(t).toMatchObject({ status: "failed", errorKind: "order_changed", bulkBatchId: batchId, sentAt: null });
    });

    it("faults: 500 once → retried and succeeded; 500 always → failed with its cause after 3 attempts; 429 → slowed down and succeeded; timeout → settled by a query; dropped connection → failed, not resent", async () => {
      const [a, b, c, d, e] = paying as [string, string, string, string, string];
      const faults = h.t.sandbox.state.faults;
      faults.add({ kind: "system_error", out_order_no: a, ops: ["modify"], times: 1 });
      faults.add({ kind: "system_error", out_order_no: b, ops: ["modify"] });
      faults.add({ kind: "rate_limited", out_order_no: c, ops: ["modify"], times: 2 });
      // Held upstream longer than the client waits, then applied: the outcome is unknown until a query shows it.
      faults.add({ kind: "latency", latencyMs: 1_500, latencyPhase: "before", out_order_no: d, ops: ["modify"] });
      faults.add({ kind: "drop_connection", out_order_no: e, ops: ["modify"] });
      const batchId = await previewedAndQueued([a, b, c, d, e].map((no, i) => rowInput(i + 2, no, totalOf(no) - 100)));
      await m.jobs.queueExecution(boss, batchId);
      const view = await until(batchId, ["completed"]);
      const rows = (await m.batches.getBatchRows(h.db, batchId)) ?? [];
      expect(view.progress).toMatchObject({ total: 5, succeeded: 3, failed: 2, skipped: 0, unknown: 0, remaining: 0 });
      expect(rows.map((r) => [r.line, r.status, r.outcomeCode])).toEqual([
        [2, "succeeded", null],
        [3, "failed", "SYSTEM_ERROR"],
        [4, "succeeded", null],
        [5, "succeeded", null],
        [6, "failed", "NETWORK_ERROR"],
      ]);
      // Answered faults are tried again (a new attempt, a new trail row); an unknown outcome never is.
      expect(modifies(a).map((entry) => entry.status)).toEqual([500, 200]);
      expect(modifies(b).map((entry) => entry.status)).toEqual([500, 500, 500]);
      expect(modifies(c).map((entry) => entry.status)).toEqual([429, 429, 200]);
      expect(modifies(d)).toHaveLength(1);
      expect(modifies(e)).toHaveLength(1);
      const rate = await h.db.execute<{ throttled: boolean }>(sql`select throttled_at is not null as throttled from bulk_rate where key = '1900000101:modify'`);
      expect(rate.rows[0]?.throttled).toBe(true);
    }, 90_000);

    it("pause stops between rows, resume carries on, cancel skips what was not sent", async () => {
      const orders = paying.slice(0, 6);
      // Each modify takes 300 ms upstream: the batch is still running when it is paused.
      for (const no of orders) h.t.sandbox.state.faults.add({ kind: "latency", latencyMs: 300, out_order_no: no, ops: ["modify"] });
      const batchId = await previewedAndQueued(orders.map((no, i) => rowInput(i + 2, no, totalOf(no) - 10)));
      await m.jobs.queueExecution(boss, batchId, 1);
      await waitFor(() => m.batches.getBatchView(h.db, batchId), (v) => (v?.progress.succeeded ?? 0) >= 1);
      expect(await m.submit.controlBatch(h.db, CHECKER, batchId, "pause")).toEqual({ ok: true, data: { batchId, status: "paused" } });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const paused = await m.batches.getBatchView(h.db, batchId);
      const sentWhilePaused = h.t.sandbox.state.log.list().filter((entry) => entry.op === "modify").length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(h.t.sandbox.state.log.list().filter((entry) => entry.op === "modify").length).toBe(sentWhilePaused);
      expect(paused?.progress.remaining).toBeGreaterThan(0);
      expect(paused?.control).toMatchObject({ by: CHECKER.name, action: "paused" });
      expect(await m.submit.controlBatch(h.db, CHECKER, batchId, "pause")).toEqual({ ok: false, error: { code: "ALREADY_DECIDED", reason: "paused" } });
      expect(await m.submit.controlBatch(h.db, CHECKER, batchId, "resume")).toEqual({ ok: true, data: { batchId, status: "running" } });
      await m.jobs.queueExecution(boss, batchId, 1);
      await waitFor(() => m.batches.getBatchView(h.db, batchId), (v) => (v?.progress.succeeded ?? 0) > (paused?.progress.succeeded ?? 0));
      expect(await m.submit.controlBatch(h.db, CHECKER, batchId, "cancel")).toEqual({ ok: true, data: { batchId, status: "cancelled" } });
      const cancelled = await waitFor(() => m.batches.getBatchView(h.db, batchId), (v) => v?.progress.remaining === 0);
      expect(cancelled?.status).toBe("cancelled");
      const rows = (await m.batches.getBatchRows(h.db, batchId)) ?? [];
      const skipped = rows.filter((r) => r.status === "skipped");
      expect(skipped.length).toBeGreaterThan(0);
      expect(new Set(skipped.map((r) => r.outcomeCode))).toEqual(new Set(["cancelled"]));
      // Every row that succeeded was sent once; no skipped row was sent.
      for (const row of rows) expect(modifies(row.outOrderNo)).toHaveLength(row.status === "succeeded" ? 1 : 0);
    }, 60_000);

    it("cancel with a row of unknown outcome: the row is still settled by its query (applied: succeeded), never resent", async () => {
      const [a, b, c] = paying as [string, string, string];
      // a: held upstream past the client's timeout, then applied; b, c: slow enough to cancel before them.
      h.t.sandbox.state.faults.add({ kind: "latency", latencyMs: 1_500, latencyPhase: "before", out_order_no: a, ops: ["modify"] });
      for (const no of [b, c]) h.t.sandbox.state.faults.add({ kind: "latency", latencyMs: 2_000, out_order_no: no, ops: ["modify"] });
      const batchId = await previewedAndQueued([a, b, c].map((no, i) => rowInput(i + 2, no, totalOf(no) - 10)));
      await m.jobs.queueExecution(boss, batchId, 1);
      await waitFor(() => m.batches.getBatchView(h.db, batchId), (v) => (v?.progress.unknown ?? 0) === 1);
      expect(await m.submit.controlBatch(h.db, CHECKER, batchId, "cancel")).toEqual({ ok: true, data: { batchId, status: "cancelled" } });
      await m.jobs.queueExecution(boss, batchId, 1);
      const view = await waitFor(() => m.batches.getBatchView(h.db, batchId), (v) => v?.progress.remaining === 0 && v.progress.unknown === 0, 60_000);
      expect(view?.status).toBe("cancelled");
      const rows = (await m.batches.getBatchRows(h.db, batchId)) ?? [];
      expect(rows[0]).toMatchObject({ line: 2, status: "succeeded" });
      expect(modifies(a)).toHaveLength(1);
      for (const row of rows.slice(1)) {
        expect(["succeeded", "skipped"]).toContain(row.status);
        expect(modifies(row.outOrderNo)).toHaveLength(row.status === "succeeded" ? 1 : 0);
        if (row.status === "skipped") expect(row.outcomeCode).toBe("cancelled");
      }
    }, 90_000);
  });
}
