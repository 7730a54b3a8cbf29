// The review data on both databases (PGlite and PostgreSQL): keyset pagination returns every row
// exactly once while new rows arrive, in every sort and in both directions; each filter narrows to
// exactly the rows it names; review writes follow the allowed transitions, record who/when/why, and
// never alter the trail row; the CSV export streams exactly the filtered set in batches.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CSV_BOM, parseCsv } from "@/lib/review/csv";
import { EXPORT_COLUMNS, type ExportLabels } from "@/lib/review/export-rows";
import type { ReviewFilters } from "@/lib/review/filters";
import { REVIEW_ACTIONS, REVIEW_STATES, TRAIL_OPERATION_VALUES, TRAIL_STATUS_VALUES, type ReviewScope } from "@/lib/review/states";
import type { Db } from "@/server/db";
import { type NewTrailRow, TRAIL_OPERATIONS, TRAIL_STATUSES, reviewEvent, trail, trailReview } from "@/server/db/schema";
import * as dbSchema from "@/server/db/schema";
import { type TestDatabase, createTestPglite, createTestPostgres, shouldTestPostgres } from "@/server/db/testing";
import { reviewCsvStream } from "./export";
import { countReviewStates, findReviewDetail, findReviewPage, iterateReviewRows } from "./queries";
import { clearFlag, flagChange, markReviewed } from "./review-changes";
import { loadReviewTrends } from "./trends";

const ALL: ReviewScope = { kind: "all" };
const SUPERVISOR = { id: "sup-1", name: "主管甲", role: "supervisor" };

const runPostgres = await shouldTestPostgres();
const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((database) => database.dispose()));
});

let seq = 0;
function row(overrides: Partial<NewTrailRow> = {}): NewTrailRow {
  seq += 1;
  return {
    idempotencyKey: `test-${seq}-${randomUUID()}`,
    userId: "agent-1",
    userName: "客服一",
    userRole: "agent",
    profileId: "demo-merchant",
    mode: "merchant",
    subMchid: null,
    outOrderNo: `T-${String(seq).padStart(5, "0")}`,
    operation: "modify",
    requestBody: { total_amount: 9000, post_payments: [{ name: "酒店房费", amount: 9000 }] },
    orderBefore: { total_amount: 10000, post_payments: [{ name: "酒店房费", amount: 10000 }] },
    orderAfter: { total_amount: 9000, post_payments: [{ name: "酒店房费", amount: 9000 }] },
    totalBefore: 10000,
    totalAfter: 9000,
    delta: -1000,
    reasonCategory: "billing_error",
    reasonText: "房费计费错误",
    status: "succeeded",
    ...overrides,
  };
}

async function insert(db: Db, rows: NewTrailRow[]): Promise<string[]> {
  const inserted = await db.insert(trail).values(rows).returning({ id: trail.id });
  return inserted.map((r) => r.id);
}

async function walk(db: Db, filters: ReviewFilters, pageSize: number, between?: () => Promise<void>): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await findReviewPage(db, { filters, scope: ALL, position: { after }, pageSize });
    pages.push(page.rows.map((r) => r.id));
    if (!page.nextCursor) return pages;
    after = page.nextCursor;
    await between?.();
  }
  throw new Error("pagination did not end");
}

describe("[REVIEW] lists mirror the database schema", () => {
  it("operations, statuses, review states and actions", () => {
    expect(TRAIL_OPERATION_VALUES).toEqual(TRAIL_OPERATIONS);
    expect(TRAIL_STATUS_VALUES).toEqual(TRAIL_STATUSES);
    expect(dbSchema.REVIEW_STATES).toEqual(REVIEW_STATES);
    expect(dbSchema.REVIEW_ACTIONS).toEqual(REVIEW_ACTIONS);
  });
});

describe.each([
  ["PGlite", createTestPglite, true],
  ["PostgreSQL", createTestPostgres, runPostgres],
] as const)("[REVIEW][DB] %s", (_name, create, enabled) => {
  let db: Db;
  beforeAll(async () => {
    if (!enabled) return;
    const database = await create();
    opened.push(database);
    db = database.db;
  });
  beforeEach(async () => {
    if (!enabled) return;
    await db.execute(sql`truncate review_event, trail_review, review_count, trail_event, trail`);
  });

  it.runIf(enabled)("pagination returns every row exactly once while new rows arrive (ties broken by id, microseconds kept)", async () => {
    const base = Date.parse("2026-11-20T08:00:00Z");
    const rows: NewTrailRow[] = [];
    for (let i = 0; i < 157; i++) {
      // Groups of identical timestamps, and deltas with many ties.
      rows.push(row({ createdAt: new Date(base - Math.floor(i / 4) * 60_000), delta: -100 * (i % 7), totalAfter: 10000 - 100 * (i % 7) }));
    }
    const original = await insert(db, rows);
    // Rows within one millisecond: only the microseconds order them.
    await db.execute(sql`update trail set created_at = created_at + (random() * interval '900 microseconds') where id in (select id from trail order by id limit 20)`);

    for (const sort of ["newest", "oldest", "delta_asc", "delta_desc"] as const) {
      let arrived = 0;
      const pages = await walk(db, { sort }, 10, async () => {
        // New changes keep arriving while the supervisor pages (created now: newest of all).
        await insert(db, [row({ delta: -5000, totalAfter: 5000 }), row({ delta: 0, totalAfter: 10000 })]);
        arrived += 2;
      });
      const seen = pages.flat();
      expect(new Set(seen).size, `${sort}: no duplicates`).toBe(seen.length);
      const originalSet = new Set(original);
      expect(seen.filter((id) => originalSet.has(id)).sort(), `${sort}: every original row`).toEqual([...original].sort());
      expect(arrived).toBeGreaterThan(0);
      expect(pages.slice(0, -1).every((page) => page.length === 10)).toBe(true);
    }
    // Newest first never shows the rows that arrived after the first page (they are above it).
    const total = Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from trail`)).rows[0]?.n);
    expect(total).toBeGreaterThan(157);
  });

  it.runIf(enabled)("the previous-page cursor walks back over exactly the same pages", async () => {
    await insert(db, Array.from({ length: 45 }, (_, i) => row({ createdAt: new Date(Date.parse("2026-11-01T00:00:00Z") + Math.floor(i / 3) * 1000) })));
    const forward: string[][] = [];
    const cursors: { next: string | null; prev: string | null }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await findReviewPage(db, { filters: {}, scope: ALL, position: { after }, pageSize: 10 });
      forward.push(page.rows.map((r) => r.id));
      cursors.push({ next: page.nextCursor, prev: page.prevCursor });
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(forward.map((p) => p.length)).toEqual([10, 10, 10, 10, 5]);
    expect(cursors[0]?.prev).toBeNull();
    // From the last page, go back with "before" cursors.
    let before = cursors.at(-1)?.prev ?? null;
    for (let i = forward.length - 2; i >= 0; i--) {
      expect(before).not.toBeNull();
      const page = await findReviewPage(db, { filters: {}, scope: ALL, position: { before: before ?? undefined }, pageSize: 10 });
      expect(page.rows.map((r) => r.id)).toEqual(forward[i]);
      before = page.prevCursor;
    }
    expect(before).toBeNull();
  });

  it.runIf(enabled)("each filter returns exactly the rows it names; agents see only their own", async () => {
    const day = (d: string, h = 12) => new Date(`${d}T${String(h).padStart(2, "0")}:00:00+08:00`);
    const ids = await insert(db, [
      row({ userId: "agent-1", reasonCategory: "billing_error", createdAt: day("2026-11-01"), outOrderNo: "DEMO-M-HOTEL-PAYING-5", delta: -1000 }),
      row({ userId: "agent-2", userName: "客服二", reasonCategory: "device_fault", createdAt: day("2026-11-02", 0), profileId: "demo-partner", mode: "partner", subMchid: "1900001208", outOrderNo: "DEMO-P-HOTEL-PAYING-3", delta: -6000 }),
      row({ userId: "agent-2", userName: "客服二", reasonCategory: "device_fault", createdAt: day("2026-11-02", 23), operation: "complete", outOrderNo: "DEMO_X%1", delta: 0 }),
      row({ userId: "agent-1", reasonCategory: "other", createdAt: day("2026-11-03"), status: "failed", totalAfter: null, delta: null, orderAfter: null, outOrderNo: "DEMOX1" }),
    ]);
    await flagChange(db, SUPERVISOR, ids[1] as string, "差额过大");
    await markReviewed(db, SUPERVISOR, [ids[2] as string]);
    const find = async (filters: ReviewFilters, scope: ReviewScope = ALL) =>
      (await findReviewPage(db, { filters, scope })).rows.map((r) => ids.indexOf(r.id)).sort();

    expect(await find({})).toEqual([0, 1, 2, 3]);
    expect(await find({ agent: "agent-2" })).toEqual([1, 2]);
    expect(await find({ reason: "device_fault" })).toEqual([1, 2]);
    expect(await find({ reason: "device_fault", agent: "agent-1" })).toEqual([]);
    expect(await find({ profile: "demo-partner" })).toEqual([1]);
    expect(await find({ mode: "merchant" })).toEqual([0, 2, 3]);
    expect(await find({ operation: "complete" })).toEqual([2]);
    expect(await find({ status: "failed" })).toEqual([3]);
    expect(await find({ review: "flagged" })).toEqual([1]);
    expect(await find({ review: "reviewed" })).toEqual([2]);
    expect(await find({ review: "unreviewed" })).toEqual([0, 3]);
    // Beijing days, both ends inclusive (00:00 and 23:00 on the 2nd).
    expect(await find({ from: "2026-11-02", to: "2026-11-02" })).toEqual([1, 2]);
    expect(await find({ from: "2026-11-02" })).toEqual([1, 2, 3]);
    expect(await find({ to: "2026-11-01" })).toEqual([0]);
    // Differences in 元, signed; a failed row (no difference) matches no range.
    expect(await find({ max: "-10" })).toEqual([0, 1]);
    expect(await find({ min: "-50", max: "-10" })).toEqual([0]);
    expect(await find({ min: "0" })).toEqual([2]);
    // Order-number prefix; LIKE wildcards are literal.
    expect(await find({ q: "DEMO-" })).toEqual([0, 1]);
    expect(await find({ q: "DEMO_X" })).toEqual([2]);
    expect(await find({ q: "DEMO-P-HOTEL-PAYING-3" })).toEqual([1]);
    // An agent's scope is their own rows, whatever the URL asks for.
    const own: ReviewScope = { kind: "own", userId: "agent-1" };
    expect(await find({}, own)).toEqual([0, 3]);
    expect(await find({ agent: "agent-2" }, own)).toEqual([]);
    expect(await findReviewDetail(db, ids[1] as string, own)).toBeUndefined();
    expect((await findReviewDetail(db, ids[0] as string, own))?.row.id).toBe(ids[0]);
    // Iteration (the export's source) sees the same set.
    const iterated: string[] = [];
    for await (const batch of iterateReviewRows(db, { reason: "device_fault" }, ALL, 1)) iterated.push(...batch.map((r) => r.id));
    expect(iterated.sort()).toEqual([ids[1], ids[2]].sort());
  });

  it.runIf(enabled)("review actions follow the transitions, record every event, and never alter the trail row", async () => {
    const ids = await insert(db, [row({ reasonText: "<script>alert(1)</script>" }), row(), row()]);
    const [a, b, c] = ids as [string, string, string];
    const snapshot = async () => db.select().from(trail).orderBy(trail.id);
    const before = await snapshot();

    expect(await markReviewed(db, SUPERVISOR, [a, b, a, randomUUID()])).toMatchObject({ ok: true, data: { changed: expect.arrayContaining([a, b]) } });
    expect(await markReviewed(db, SUPERVISOR, [a])).toEqual({ ok: true, data: { changed: [], unchanged: [a] } });
    expect(await flagChange(db, SUPERVISOR, a, "=cmd|' /C calc'!A0")).toEqual({ ok: true, data: { changed: [a], unchanged: [] } });
    // A flag is only cleared with a comment: marking it reviewed leaves it flagged.
    expect(await markReviewed(db, SUPERVISOR, [a])).toEqual({ ok: true, data: { changed: [], unchanged: [a] } });
    expect(await clearFlag(db, SUPERVISOR, b, "没有标记")).toEqual({ ok: false, error: { code: "STATE_NOT_ALLOWED", reason: "not_flagged" } });
    expect(await clearFlag(db, SUPERVISOR, c, "未复核")).toEqual({ ok: false, error: { code: "STATE_NOT_ALLOWED", reason: "not_flagged" } });
    expect(await clearFlag(db, SUPERVISOR, randomUUID(), "x")).toEqual({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await flagChange(db, SUPERVISOR, randomUUID(), "x")).toEqual({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await flagChange(db, SUPERVISOR, c, "请说明")).toMatchObject({ ok: true });
    expect(await clearFlag(db, { id: "sup-2", name: "主管乙", role: "supervisor" }, c, "已核实，金额正确")).toMatchObject({ ok: true });

    const states = Object.fromEntries((await db.select().from(trailReview)).map((r) => [r.trailId, r.state]));
    expect(states).toEqual({ [a]: "flagged", [b]: "reviewed", [c]: "reviewed" });
    const history = await findReviewDetail(db, c, ALL);
    expect(history?.events.map((e) => [e.action, e.comment, e.userName])).toEqual([
      ["flagged", "请说明", "主管甲"],
      ["unflagged", "已核实，金额正确", "主管乙"],
    ]);
    expect(history?.row).toMatchObject({ reviewState: "reviewed", reviewComment: "已核实，金额正确", reviewedBy: "主管乙" });
    const detailA = await findReviewDetail(db, a, ALL);
    expect(detailA?.row.reasonText).toBe("<script>alert(1)</script>");
    expect(detailA?.events.map((e) => e.action)).toEqual(["reviewed", "flagged"]);
    expect(detailA?.diff?.payments).toMatchObject([{ change: "changed" }]);

    const events = await db.select().from(reviewEvent);
    // reviewed a, reviewed b, flagged a, flagged c, unflagged c: refusals and no-ops write nothing.
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.userRole === "supervisor")).toBe(true);
    // The trail rows are exactly as they were.
    expect(await snapshot()).toEqual(before);

    expect(await countReviewStates(db, ALL)).toEqual({ unreviewed: 0, flagged: 1 });
    // The counters kept by triggers equal a count over the tables.
    const direct = await db.execute<{ unreviewed: number; flagged: number }>(sql`
      select (count(*) filter (where r.state is null or r.state = 'unreviewed'))::int as unreviewed,
             (count(*) filter (where r.state = 'flagged'))::int as flagged
      from trail t left join trail_review r on r.trail_id = t.id`);
    expect(direct.rows[0]).toEqual({ unreviewed: 0, flagged: 1 });
    await insert(db, [row({ userId: "agent-9" })]);
    expect(await countReviewStates(db, ALL)).toEqual({ unreviewed: 1, flagged: 1 });
    expect(await countReviewStates(db, { kind: "own", userId: "agent-9" })).toEqual({ unreviewed: 1, flagged: 0 });
    expect(await countReviewStates(db, { kind: "own", userId: "agent-1" })).toEqual({ unreviewed: 0, flagged: 1 });
  });

  it.runIf(enabled)("separation of duties: a supervisor cannot mark their own change reviewed or clear a flag on it", async () => {
    const own = row({ userId: SUPERVISOR.id, userName: SUPERVISOR.name, userRole: "supervisor" });
    const [mine, theirs] = (await insert(db, [own, row()])) as [string, string];
    const refused = { ok: false, error: { code: "FORBIDDEN", reason: "own_change" } };

    expect(await markReviewed(db, SUPERVISOR, [mine])).toEqual(refused);
    // A selection that includes one's own change is refused whole: nothing moves.
    expect(await markReviewed(db, SUPERVISOR, [theirs, mine])).toEqual(refused);
    expect(await db.select().from(trailReview)).toEqual([]);
    expect(await db.select().from(reviewEvent)).toEqual([]);

    // Raising a question about one's own change is allowed; answering it is someone else's job.
    expect(await flagChange(db, SUPERVISOR, mine, "我改错了，请复核")).toMatchObject({ ok: true });
    expect(await clearFlag(db, SUPERVISOR, mine, "自己核实了")).toEqual(refused);
    const [state] = await db.select().from(trailReview).where(eq(trailReview.trailId, mine));
    expect(state?.state).toBe("flagged");

    // Another supervisor may do both.
    const other = { id: "sup-2", name: "主管乙", role: "supervisor" };
    expect(await clearFlag(db, other, mine, "已核实")).toMatchObject({ ok: true, data: { changed: [mine] } });
    expect(await markReviewed(db, SUPERVISOR, [theirs])).toEqual({ ok: true, data: { changed: [theirs], unchanged: [] } });
    const events = await db.select().from(reviewEvent).orderBy(reviewEvent.createdAt);
    expect(events.map((e) => [e.trailId, e.action, e.userId])).toEqual([
      [mine, "flagged", SUPERVISOR.id],
      [mine, "unflagged", "sup-2"],
      [theirs, "reviewed", SUPERVISOR.id],
    ]);
  });

  it.runIf(enabled)("two supervisors marking the same rows at once: each row gets one 'reviewed' event", async () => {
    const ids = await insert(db, Array.from({ length: 30 }, () => row()));
    const results = await Promise.all([
      markReviewed(db, SUPERVISOR, ids),
      markReviewed(db, { id: "sup-2", name: "主管乙", role: "supervisor" }, [...ids].reverse()),
    ]);
    const changed = results.map((result) => (result.ok ? result.data.changed.length : 0));
    expect((changed[0] ?? 0) + (changed[1] ?? 0)).toBe(30);
    const events = await db.select().from(reviewEvent);
    expect(events).toHaveLength(30);
    expect(new Set(events.map((e) => e.trailId)).size).toBe(30);
  });

  it.runIf(enabled)("the CSV export streams exactly the filtered set, with a BOM, in batches, neutralised", async () => {
    const ids = await insert(db, [
      ...Array.from({ length: 25 }, (_, i) => row({ reasonCategory: "device_fault", reasonText: i === 0 ? "=cmd|' /C calc'!A0" : `设备故障 ${i}` })),
      ...Array.from({ length: 5 }, () => row({ reasonCategory: "other" })),
    ]);
    await flagChange(db, SUPERVISOR, ids[0] as string, "@SUM(1+1)");
    const labels: ExportLabels = {
      locale: "zh-CN",
      header: Object.fromEntries(EXPORT_COLUMNS.map((k) => [k, k])) as ExportLabels["header"],
      modes: {},
      operations: {},
      statuses: {},
      reviewStates: {}, appliedLate: "迟到生效",
      approvalOutcomes: {},
    };
    const batches: number[] = [];
    const stream = reviewCsvStream(db, { reason: "device_fault" }, ALL, labels, { batchSize: 10, onBatch: (n) => batches.push(n) });
    // Response.text() would swallow the BOM: decode keeping it.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const bytes = new Uint8Array(await new Response(reviewCsvStream(db, { reason: "other" }, ALL, labels)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(text);
    expect(header?.[0]).toBe("id");
    expect(rows.map((r) => r[0]).sort()).toEqual(ids.slice(0, 25).sort());
    expect(batches).toEqual([10, 10, 5]);
    const first = rows.find((r) => r[0] === ids[0]);
    expect(first?.[13]).toBe("'=cmd|' /C calc'!A0");
    expect(first?.[20]).toBe("'@SUM(1+1)");
    expect(first?.[11]).toBe("-10.00");
    expect(first?.[9]).toBe("100.00");
    // A consumer that stops early cancels the stream without reading the rest.
    const reader = reviewCsvStream(db, {}, ALL, labels, { batchSize: 5 }).getReader();
    await reader.read();
    await reader.cancel();
  });

  it.runIf(enabled)("trends count per Beijing day and reason, sum succeeded differences, rank agents", async () => {
    const now = new Date("2026-11-25T04:00:00Z");
    const ids = await insert(db, [
      row({ createdAt: new Date("2026-11-24T16:30:00Z"), reasonCategory: "billing_error", delta: -1000 }), // 25th in Beijing
      row({ createdAt: new Date("2026-11-24T15:30:00Z"), reasonCategory: "device_fault", delta: -500, userId: "agent-2", userName: "客服二" }), // 24th
      row({ createdAt: new Date("2026-11-24T15:00:00Z"), reasonCategory: "device_fault", status: "failed", delta: null, totalAfter: null, userId: "agent-2", userName: "客服二" }),
      row({ createdAt: new Date("2026-11-24T14:00:00Z"), reasonCategory: "device_fault", delta: 300, userId: "agent-2", userName: "客服二" }),
    ]);
    await flagChange(db, SUPERVISOR, ids[1] as string, "?");
    const trends = await loadReviewTrends(db, { from: "2026-11-24", to: "2026-11-25" }, ALL, now);
    expect(trends.days).toEqual([
      { day: "2026-11-24", total: 3, byReason: { device_fault: 3 }, netDeltaFen: -200, reducedFen: -500, flagged: 1 },
      { day: "2026-11-25", total: 1, byReason: { billing_error: 1 }, netDeltaFen: -1000, reducedFen: -1000, flagged: 0 },
    ]);
    expect(trends.agents).toEqual([
      { userId: "agent-2", userName: "客服二", changes: 3, flagged: 1, netDeltaFen: -200 },
      { userId: "agent-1", userName: "客服一", changes: 1, flagged: 0, netDeltaFen: -1000 },
    ]);
    expect(trends).toMatchObject({ total: 4, flagged: 1 });
    const defaultPeriod = await loadReviewTrends(db, {}, ALL, now);
    expect(defaultPeriod.days).toHaveLength(30);
    expect(defaultPeriod.total).toBe(4);
  });

  it.runIf(enabled)("the trail row of a reviewed change is kept by the foreign key", async () => {
    const [id] = await insert(db, [row()]);
    await flagChange(db, SUPERVISOR, id as string, "x");
    await expect(db.delete(trail).where(eq(trail.id, id as string))).rejects.toThrow();
  });
});
