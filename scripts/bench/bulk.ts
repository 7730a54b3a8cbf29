// Bench section "bulk" (issue #14 §5): bulk adjustments against the zero-latency sandbox (its own
// process, scripts/bench/sandbox-child.ts, with BULK_ORDER_COUNT copies of a merchant hotel order):
//   - dry run throughput (rows/s) on PGlite in a folder: every row's order queried and judged;
//   - execution with the rate limit at 100/s on PostgreSQL (when TEST_DATABASE_URL answers) on
//     pg-boss: the measured rate (rows settled per second, first to last) against the limit (target
//     within 5 %);
//   - execution on PGlite with the limit out of the way: the highest sustained rate, with the app's
//     CPU per row beside it (process.cpuUsage of the bench process, which is the app here; the
//     sandbox's CPU is its own process's), and the app's RSS growth during the batch (target ≤ 100 MB).
// Hooks: bulk-file's parse bench (10 000-row file, parse + validation) and bulk-ui's preview bench
// (10 000 rows in Chromium) are run from this section when registered in BULK_BENCH_HOOKS.
import { mkdtempSync } from "node:fs";
import path from "node:path";
import type { BulkRowInput } from "@/lib/bulk/types";
import type { DbHandle } from "@/server/db";
import { BENCH_TEMPLATE_ORDER, BULK_ORDER_COUNT, bulkOrderNo } from "./bench-orders";
import { benchSandbox, prepareBenchEnvironment } from "./harness";
import { bulkParseRows, measureBulkParse } from "./bulk-parse";
import { rowsResult, type BenchRow } from "./rows";
import { round, type BenchOptions, type BenchResult, type BenchSection } from "./support";

const SECTION = "bulk";
const MAKER = { id: "bench-bulk-maker", name: "压测批量", role: "supervisor" };
const LIMIT_PER_SECOND = 100;
const RATE_TOLERANCE = 0.05;
const RSS_TARGET_MB = 100;

/** Other parts of the bulk bench (the file parse, the preview in Chromium), wired in at merge. */
export interface BulkBenchHook {
  name: string;
  run(options: BenchOptions): Promise<BenchRow[]>;
}
export const BULK_BENCH_HOOKS: BulkBenchHook[] = [
  // bulk-file's parse of a 10 000-row GBK file (scripts/bench/bulk-parse.ts), reported in this section too.
  { name: "parse", run: async ({ quick }) => bulkParseRows(measureBulkParse({ runs: quick ? 3 : 9 }), SECTION) },
];

interface Modules {
  createDb: typeof import("@/server/db").createDb;
  storeBatch: typeof import("@/server/bulk/upload").storeBatch;
  runDryRun: typeof import("@/server/bulk/dry-run").runDryRun;
  submitBatch: typeof import("@/server/bulk/submit").submitBatch;
  createBoss: typeof import("@/server/jobs/boss").createBoss;
  startBoss: typeof import("@/server/jobs/boss").startBoss;
  startBulkWorkers: typeof import("@/server/bulk/worker").startBulkWorkers;
  queueExecution: typeof import("@/server/bulk/jobs").queueExecution;
  findSeedOrder: typeof import("@/server/sandbox/seed").findSeedOrder;
  sql: typeof import("drizzle-orm").sql;
}

async function loadModules(): Promise<Modules> {
  await prepareBenchEnvironment();
  await benchSandbox();
  return {
    createDb: (await import("@/server/db")).createDb,
    storeBatch: (await import("@/server/bulk/upload")).storeBatch,
    runDryRun: (await import("@/server/bulk/dry-run")).runDryRun,
    submitBatch: (await import("@/server/bulk/submit")).submitBatch,
    createBoss: (await import("@/server/jobs/boss")).createBoss,
    startBoss: (await import("@/server/jobs/boss")).startBoss,
    startBulkWorkers: (await import("@/server/bulk/worker")).startBulkWorkers,
    queueExecution: (await import("@/server/bulk/jobs")).queueExecution,
    findSeedOrder: (await import("@/server/sandbox/seed")).findSeedOrder,
    sql: (await import("drizzle-orm")).sql,
  };
}

/** Rows lowering orders [first, first + count) by 1–50 fen each. */
function rowsFor(m: Modules, first: number, count: number): BulkRowInput[] {
  const total = m.findSeedOrder(BENCH_TEMPLATE_ORDER).total_amount;
  return Array.from({ length: count }, (_, i) => ({
    line: i + 2,
    profileId: "demo-merchant",
    subMchid: null,
    outOrderNo: bulkOrderNo(first + i),
    newTotal: total - (1 + (i % 50)),
    lineAmounts: null,
    reasonCategory: "device_fault",
    reasonText: "压测批量调整",
    internalNote: null,
  }));
}

async function newBatch(m: Modules, handle: DbHandle, rows: BulkRowInput[]): Promise<string> {
  const stored = await m.storeBatch(handle.db, MAKER, "bench.csv", { ok: true, encoding: "utf-8", rows, problems: [], raw: [] });
  if (!stored.ok) throw new Error(`bench: batch not stored: ${JSON.stringify(stored.error)}`);
  return stored.data.batchId;
}

interface RunFigures {
  rows: number;
  succeeded: number;
  seconds: number;
  ratePerSecond: number;
  cpuMsPerRow: number;
  rssGrowthMb: number;
}

/** Dry run, submit, then execution on pg-boss at `ratePerSecond`; figures from the rows' settle times. */
async function execute(m: Modules, handle: DbHandle, rows: BulkRowInput[], ratePerSecond: number, concurrency: number): Promise<RunFigures> {
  const batchId = await newBatch(m, handle, rows);
  await m.runDryRun(handle.db, batchId, { ratePerSecond: 10_000, concurrency: 16 });
  const submitted = await m.submitBatch(handle.db, MAKER, batchId);
  if (!submitted.ok || submitted.data.status !== "queued") throw new Error(`bench: batch not queued: ${JSON.stringify(submitted)}`);
  const boss = m.createBoss(handle);
  await m.startBoss(handle, boss);
  try {
    await m.startBulkWorkers(boss, handle.db, { concurrency, pollingIntervalSeconds: 0.5, execute: { ratePerSecond, laneSeconds: 600 } });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const cpuBefore = process.cpuUsage();
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 250);
    await m.queueExecution(boss, batchId, concurrency);
    for (;;) {
      const result = await handle.db.execute<{ status: string }>(m.sql`select status from bulk_batch where id = ${batchId}`);
      if (result.rows[0]?.status === "completed") break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const figures = await handle.db.execute<{ n: number; ok: number; first: string; last: string }>(m.sql`
      select count(*)::int as n, (count(*) filter (where status = 'succeeded'))::int as ok,
        extract(epoch from min(settled_at))::text as first, extract(epoch from max(settled_at))::text as last
      from bulk_row where batch_id = ${batchId}`);
    const row = figures.rows[0];
    const n = Number(row?.n ?? 0);
    const seconds = Number(row?.last ?? 0) - Number(row?.first ?? 0);
    return {
      rows: n,
      succeeded: Number(row?.ok ?? 0),
      seconds: round(seconds, 1),
      // n settles span n − 1 intervals.
      ratePerSecond: round(seconds > 0 ? (n - 1) / seconds : Number.NaN, 1),
      cpuMsPerRow: round((cpu.user + cpu.system) / 1000 / Math.max(1, n), 2),
      rssGrowthMb: round((rssPeak - rssBefore) / 2 ** 20, 1),
    };
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const m = await loadModules();
  const notes: string[] = [];
  const rows: BenchRow[] = [];
  const { tempRoot } = await prepareBenchEnvironment();
  const dryRunRows = options.quick ? 200 : 2_000;
  const execRows = options.quick ? 300 : 1_500;
  if (dryRunRows > BULK_ORDER_COUNT || execRows * 2 > BULK_ORDER_COUNT) throw new Error("bench: not enough bulk orders in the sandbox");

  const pglite = await m.createDb(mkdtempSync(path.join(tempRoot, "pglite-bulk-")));
  try {
    // Dry run: the query rate out of the way, 16 orders read at once.
    const batchId = await newBatch(m, pglite, rowsFor(m, 0, dryRunRows));
    const started = performance.now();
    await m.runDryRun(pglite.db, batchId, { ratePerSecond: 10_000, concurrency: 16 });
    const seconds = (performance.now() - started) / 1000;
    rows.push({ section: SECTION, metric: `dry run throughput, PGlite (${dryRunRows} rows)`, value: round(dryRunRows / seconds, 1), unit: "rows/s" });

    // PGlite: the highest sustained rate (limit out of the way), CPU per row and RSS growth beside it.
    const figures = await execute(m, pglite, rowsFor(m, execRows, execRows), 10_000, 4);
    if (figures.succeeded !== figures.rows) notes.push(`PGlite: ${figures.rows - figures.succeeded} row(s) did not succeed`);
    rows.push({ section: SECTION, metric: `execution, PGlite, highest sustained rate (${figures.rows} rows)`, value: figures.ratePerSecond, unit: "rows/s" });
    rows.push({ section: SECTION, metric: "execution, PGlite, app CPU per row", value: figures.cpuMsPerRow, unit: "ms" });
    rows.push({ section: SECTION, metric: "execution, PGlite, app RSS growth during the batch", value: figures.rssGrowthMb, unit: "MB", target: `≤ ${RSS_TARGET_MB} MB`, pass: figures.rssGrowthMb <= RSS_TARGET_MB });
  } finally {
    await pglite.close();
  }

  const { probeTestPostgres, createTestPostgres } = await import("@/server/db/testing");
  if ((await probeTestPostgres()).available) {
    const postgres = await createTestPostgres();
    try {
      const figures = await execute(m, postgres, rowsFor(m, 0, execRows), LIMIT_PER_SECOND, 8);
      if (figures.succeeded !== figures.rows) notes.push(`PostgreSQL: ${figures.rows - figures.succeeded} row(s) did not succeed`);
      const ratio = figures.ratePerSecond / LIMIT_PER_SECOND;
      rows.push({
        section: SECTION,
        metric: `execution, PostgreSQL, limit ${LIMIT_PER_SECOND}/s (${figures.rows} rows)`,
        value: figures.ratePerSecond,
        unit: "rows/s",
        ratio: round(ratio, 3),
        target: `${LIMIT_PER_SECOND} ± 5 %`,
        pass: Math.abs(ratio - 1) <= RATE_TOLERANCE,
      });
      rows.push({ section: SECTION, metric: "execution, PostgreSQL, app CPU per row", value: figures.cpuMsPerRow, unit: "ms" });
      rows.push({ section: SECTION, metric: "execution, PostgreSQL, app RSS growth during the batch", value: figures.rssGrowthMb, unit: "MB", target: `≤ ${RSS_TARGET_MB} MB`, pass: figures.rssGrowthMb <= RSS_TARGET_MB });
    } finally {
      await postgres.dispose();
    }
  } else {
    notes.push("PostgreSQL not reachable (TEST_DATABASE_URL): the rate-vs-limit row is missing");
  }

  for (const hook of BULK_BENCH_HOOKS) rows.push(...(await hook.run(options)));
  if (!BULK_BENCH_HOOKS.some((hook) => hook.name === "preview")) notes.push("the preview part of this section (bulk-ui's, in Chromium) is not wired yet (BULK_BENCH_HOOKS)");
  return rowsResult("Bulk adjustments (issue #14)", rows, { notes });
}

export const bulkSection: BenchSection = {
  name: SECTION,
  description: "bulk adjustments: dry run throughput, execution rate vs limit (PostgreSQL), highest rate + CPU per row (PGlite), RSS growth",
  run,
};
