// Bench section "review-query" (issue 5): 100 000 trail rows with review states, on PGlite (in
// memory) and on PostgreSQL (a fresh database on TEST_DATABASE_URL's server, dropped afterwards);
// p50/p95 of the review list's first page for the typical filters, against a p95 target of 50 ms,
// with the EXPLAIN plan of each. Also: a deep page, the navigation counts, the trends view and the
// streamed CSV export of every row (time and the heap it took).
import v8 from "node:v8";
import vm from "node:vm";
import { sql, type SQL } from "drizzle-orm";
import { type ReviewFilters, decodeReviewCursor, encodeReviewCursor } from "@/lib/review/filters";
import type { ExportLabels } from "@/lib/review/export-rows";
import type { ReviewScope } from "@/lib/review/states";
import type { Db } from "@/server/db";
import { type TestDatabase, createTestPglite, createTestPostgres, probeTestPostgres } from "@/server/db/testing";
import { reviewCsvStream } from "@/server/review/export";
import { countReviewStates, findReviewPage, reviewPageSql } from "@/server/review/queries";
import { loadReviewTrends } from "@/server/review/trends";
import { type BenchOptions, type BenchResult, type BenchSection, type Timing, round, timeIt } from "./support";

const TARGET_P95_MS = 50;
const ALL: ReviewScope = { kind: "all" };

/** Seeds `count` trail rows over the last 90 days (20 agents, 3 profiles, every reason and status), 40 % of them reviewed or flagged. */
export async function seed(db: Db, count: number): Promise<void> {
  const chunk = 20_000;
  await db.transaction(async (tx) => {
    // One connection for the whole seed, so setseed() makes every run the same data.
    await tx.execute(sql`select setseed(0.42)`);
    // The review_count triggers fire per row (an app writes one trail row at a time); for a bulk seed
    // they are switched off and the counts rebuilt once at the end, as the migration does.
    await tx.execute(sql`alter table trail disable trigger trail_review_count`);
    await tx.execute(sql`alter table trail_review disable trigger trail_review_state_count`);
    for (let start = 1; start <= count; start += chunk) {
      const end = Math.min(count, start + chunk - 1);
      await tx.execute(sql`
        insert into trail (idempotency_key, user_id, user_name, user_role, created_at, resolved_at, profile_id, mode, sub_mchid,
          out_order_no, operation, request_body, order_before, order_after, total_before, total_after, delta,
          reason_category, reason_text, internal_note, status, error_kind, wechat_code, http_status, request_id, latency_ms)
        select
          'bench-' || g,
          'bench-agent-' || lpad(agent::text, 2, '0'),
          '客服' || lpad(agent::text, 2, '0'),
          'agent',
          at,
          at + interval '300 milliseconds',
          (array['demo-merchant', 'demo-partner', 'demo-institution'])[1 + g % 3],
          (array['merchant', 'partner', 'institution'])[1 + g % 3],
          case when g % 3 = 0 then null else '19000012' || lpad((1 + g % 9)::text, 2, '0') end,
          'BENCH-' || lpad((g / 2)::text, 8, '0'),
          case when r3 < 0.85 then 'modify' else 'complete' end,
          jsonb_build_object('post_payments', jsonb_build_array(
              jsonb_build_object('name', '酒店房费', 'amount', after_total - 1500, 'description', '2晚'),
              jsonb_build_object('name', '迷你吧', 'amount', 1500, 'description', '矿泉水、零食')),
            'total_amount', after_total, 'reason', '计费错误：按实际入住调整'),
          jsonb_build_object('out_order_no', 'BENCH-' || lpad((g / 2)::text, 8, '0'), 'state', 'DOING', 'total_amount', before_total,
            'post_payments', jsonb_build_array(
              jsonb_build_object('name', '酒店房费', 'amount', before_total - 1500, 'description', '2晚'),
              jsonb_build_object('name', '迷你吧', 'amount', 1500, 'description', '矿泉水、零食'))),
          case when status = 'succeeded' then jsonb_build_object('out_order_no', 'BENCH-' || lpad((g / 2)::text, 8, '0'), 'state', 'DOING',
            'total_amount', after_total, 'post_payments', jsonb_build_array(
              jsonb_build_object('name', '酒店房费', 'amount', after_total - 1500, 'description', '2晚'),
              jsonb_build_object('name', '迷你吧', 'amount', 1500, 'description', '矿泉水、零食'))) end,
          before_total,
          case when status = 'succeeded' then after_total end,
          case when status = 'succeeded' then after_total - before_total end,
          case when r4 < 0.35 then 'billing_error' when r4 < 0.6 then 'user_complaint' when r4 < 0.75 then 'device_fault'
               when r4 < 0.9 then 'compensation' else 'other' end,
          '按实际使用调整金额 #' || g,
          case when g % 7 = 0 then '客户来电，已核实' end,
          status,
          case when status = 'failed' then 'upstream' end,
          case when status = 'failed' then 'INVALID_REQUEST' end,
          case when status = 'failed' then 400 else 200 end,
          md5(g::text),
          (20 + r5 * 200)::int
        from (
          select g, agent, at, r3, r4, r5, before_total, before_total - (r6 * before_total * 0.3)::int as after_total,
            case when r2 < 0.85 then 'succeeded' when r2 < 0.95 then 'failed' when r2 < 0.99 then 'unknown' else 'pending' end as status
          from (
            select g, floor(power(random(), 1.4) * 20)::int as agent, now() - random() * interval '90 days' as at,
              random() as r2, random() as r3, random() as r4, random() as r5, random() as r6,
              3000 + floor(random() * 50000)::int as before_total
            from generate_series(${start}::int, ${end}::int) as g
          ) raw
        ) s`);
    }
    await tx.execute(sql`
      insert into trail_review (trail_id, state, trail_created_at, updated_at, updated_by_name, last_comment)
      select id, case when r < 0.05 then 'flagged' else 'reviewed' end, created_at, created_at + interval '1 day', '主管',
        case when r < 0.05 then '金额调整幅度过大，请说明' end
      from (select id, created_at, random() as r from trail where idempotency_key like 'bench-%') s where r < 0.40`);
    await tx.execute(sql`
      insert into review_event (trail_id, action, comment, user_id, user_name, user_role, created_at)
      select trail_id, case state when 'flagged' then 'flagged' else 'reviewed' end, last_comment, 'bench-supervisor', '主管', 'supervisor', updated_at
      from trail_review`);
    await tx.execute(sql`alter table trail enable trigger trail_review_count`);
    await tx.execute(sql`alter table trail_review enable trigger trail_review_state_count`);
    await tx.execute(sql`delete from review_count`);
    await tx.execute(sql`
      insert into review_count (user_id, changes, reviewed, flagged)
      select t.user_id, count(*)::int, (count(*) filter (where r.state = 'reviewed'))::int, (count(*) filter (where r.state = 'flagged'))::int
      from trail t left join trail_review r on r.trail_id = t.id group by t.user_id`);
  });
  await db.execute(sql`analyze`);
}

function beijingDay(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function planOf(db: Db, query: SQL): Promise<string[]> {
  const result = await db.execute<Record<string, string>>(sql`explain (analyze, costs off) ${query}`);
  return result.rows.map((row) => Object.values(row)[0] ?? "");
}

/** The index names a plan uses, or "seq scan". */
function planSummary(plan: string[]): string {
  const indexes = [...new Set(plan.flatMap((line) => [...line.matchAll(/using (\w+)/gi)].map((m) => m[1] as string)))];
  const seq = plan.some((line) => /Seq Scan/.test(line));
  return [...indexes, ...(seq ? ["seq scan"] : [])].join(" + ") || "-";
}

const EXPORT_LABELS: ExportLabels = {
  locale: "zh-CN",
  header: {
    id: "记录ID", createdAt: "时间", agent: "客服", agentId: "客服ID", profile: "商户身份", mode: "模式", subMchid: "子商户号",
    outOrderNo: "商户服务订单号", operation: "操作", totalBefore: "修改前（元）", totalAfter: "修改后（元）", delta: "差额（元）",
    reasonCategory: "原因类别", reasonText: "原因", internalNote: "内部备注", status: "状态", wechatCode: "微信错误码",
    requestId: "Request-ID", reviewState: "复核状态", reviewedBy: "复核人", reviewComment: "复核意见",
    approval: "审批", approver: "审批人", decidedAt: "审批时间", waitedMinutes: "等待时长（分钟）", decisionComment: "审批意见",
  },
  modes: {},
  operations: {},
  statuses: {},
  reviewStates: {}, appliedLate: "迟到生效",
  approvalOutcomes: {},
};

/** The garbage collector, so that "heap retained" means live objects, not garbage not yet collected. */
function collector(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

/**
 * Streams the CSV of every row, as the route handler does, discarding the bytes. Reports the time
 * and the most heap retained after a collection at any point (sampled every 10 chunks): bounded by
 * one batch, not by the export's size.
 */
async function measureExport(db: Db): Promise<{ rows: number; bytes: number; ms: number; heapRetainedMiB: number }> {
  const gc = collector();
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let retained = 0;
  let rows = 0;
  let bytes = 0;
  let chunks = 0;
  let paused = 0;
  const start = performance.now();
  const reader = reviewCsvStream(db, {}, ALL, EXPORT_LABELS, { onBatch: (n) => (rows += n) }).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (++chunks % 10 === 0) {
      const before = performance.now();
      gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed - baseline);
      paused += performance.now() - before;
    }
  }
  return { rows, bytes, ms: round(performance.now() - start - paused, 0), heapRetainedMiB: round(retained / 2 ** 20, 2) };
}

interface Case {
  name: string;
  filters: ReviewFilters;
  after?: string;
  /** Part of the set (the others are extra information). */
  core: boolean;
}

async function benchDatabase(label: string, database: TestDatabase, options: BenchOptions, count: number) {
  const { db } = database;
  const seedStart = performance.now();
  await seed(db, count);
  const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
  console.log(`[bench] ${label}: seeded ${count} rows in ${seedSeconds} s`);

  const sample = await db.execute<{ out_order_no: string }>(sql`select out_order_no from trail order by idempotency_key offset ${Math.floor(count / 3)} limit 1`);
  const orderNo = sample.rows[0]?.out_order_no ?? "BENCH-";
  // A cursor 5 000 rows deep (what "next" would carry after 100 pages).
  const deep = await db.execute<{ at: string; id: string }>(
    sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id from trail order by created_at desc nulls last, id desc nulls last offset ${Math.min(5000, count - 1)} limit 1`,
  );
  const deepRow = deep.rows[0];
  const deepCursor = deepRow ? encodeReviewCursor({ at: deepRow.at, id: deepRow.id }) : undefined;
  if (deepCursor && !decodeReviewCursor(deepCursor)) throw new Error("bench: cursor does not round-trip");

  const cases: Case[] = [
    { name: "no filter", filters: {}, core: true },
    { name: "one agent", filters: { agent: "bench-agent-07" }, core: true },
    { name: "one reason category", filters: { reason: "device_fault" }, core: true },
    { name: "date range (7 days)", filters: { from: beijingDay(-37), to: beijingDay(-31) }, core: true },
    { name: "order-number search", filters: { q: orderNo }, core: true },
    { name: "flagged", filters: { review: "flagged" }, core: false },
    { name: "reviewed", filters: { review: "reviewed" }, core: false },
    { name: "unreviewed", filters: { review: "unreviewed" }, core: false },
    { name: "agent + reason + 30 days", filters: { agent: "bench-agent-03", reason: "billing_error", from: beijingDay(-30), to: beijingDay(0) }, core: false },
    { name: "difference −100…−50 元", filters: { min: "-100", max: "-50" }, core: false },
    { name: "sorted by difference", filters: { sort: "delta_asc" }, core: false },
    { name: "page 101 (cursor)", filters: {}, after: deepCursor, core: false },
  ];
  const runs = options.quick ? 10 : 40;
  const results: { name: string; core: boolean; timing: Timing; rows: number; plan: string[] }[] = [];
  for (const c of cases) {
    let rows = 0;
    const timing = await timeIt(async () => {
      const page = await findReviewPage(db, { filters: c.filters, scope: ALL, position: { after: c.after } });
      rows = page.rows.length;
    }, runs);
    const plan = await planOf(db, reviewPageSql(db, c.filters, ALL));
    if (options.explain) console.log(`\n[bench] ${label} · ${c.name}\n${plan.join("\n")}`);
    results.push({ name: c.name, core: c.core, timing, rows, plan });
  }
  const counts = await timeIt(() => countReviewStates(db, ALL), runs);
  const trends = await timeIt(() => loadReviewTrends(db, {}, ALL), options.quick ? 3 : 10, 1);
  const exported = await measureExport(db);
  return { label, seedSeconds, results, counts, trends, exported };
}

export const reviewQuerySection: BenchSection = {
  name: "review-query",
  description: "review list first page at 100 000 trail rows, PGlite and PostgreSQL (target p95 ≤ 50 ms)",
  async run(options: BenchOptions): Promise<BenchResult> {
    const count = options.quick ? 5_000 : 100_000;
    const databases: { label: string; open: () => Promise<TestDatabase> }[] = [{ label: "PGlite", open: createTestPglite }];
    const postgres = await probeTestPostgres();
    if (postgres.available) databases.push({ label: "PostgreSQL", open: () => createTestPostgres() });
    else console.warn(`[bench] PostgreSQL not reachable, only PGlite is measured: ${postgres.reason}`);

    const measured = [];
    for (const entry of databases) {
      const database = await entry.open();
      try {
        measured.push(await benchDatabase(entry.label, database, options, count));
      } finally {
        await database.dispose();
      }
    }

    const rows: (string | number)[][] = [];
    for (const m of measured) {
      for (const r of m.results) {
        rows.push([m.label, r.core ? r.name : `(${r.name})`, r.rows, r.timing.p50, r.timing.p95, `${round(r.timing.p95 / TARGET_P95_MS)}×`, planSummary(r.plan)]);
      }
      rows.push([m.label, "(nav counts)", "-", m.counts.p50, m.counts.p95, `${round(m.counts.p95 / TARGET_P95_MS)}×`, "-"]);
      rows.push([m.label, "(trends, 30 days)", "-", m.trends.p50, m.trends.p95, "-", "-"]);
      rows.push([m.label, `(CSV export, ${m.exported.rows} rows)`, m.exported.rows, m.exported.ms, "-", "-", `heap retained ≤ ${m.exported.heapRetainedMiB} MiB for ${round(m.exported.bytes / 2 ** 20, 1)} MiB of CSV`]);
    }
    const coreWorst = Math.max(...measured.flatMap((m) => m.results.filter((r) => r.core).map((r) => r.timing.p95)));
    return {
      table: {
        title: `Review query, ${count} trail rows: p50/p95 in ms of the first page (50 rows); target p95 ≤ ${TARGET_P95_MS} ms — worst core p95 ${coreWorst} ms. (…) = extra, not in the issue's set.`,
        columns: ["database", "filter", "rows", "p50 ms", "p95 ms", "p95/target", "plan (indexes)"],
        rows,
      },
      json: {
        targetP95Ms: TARGET_P95_MS,
        rowsSeeded: count,
        worstCoreP95Ms: coreWorst,
        databases: measured.map((m) => ({
          database: m.label,
          seedSeconds: m.seedSeconds,
          cases: m.results.map((r) => ({ filter: r.name, core: r.core, rows: r.rows, ...r.timing, ratioToTarget: round(r.timing.p95 / TARGET_P95_MS), plan: r.plan })),
          navCounts: m.counts,
          trends30Days: m.trends,
          csvExport: m.exported,
        })),
      },
    };
  },
};
