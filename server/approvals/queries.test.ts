// The four-eyes reads on both databases: the navigation's approval counts (others' waiting requests
// for who may approve, the viewer's own waiting and recently declined), the maker's history on one
// merchant, and the approval part of the review list's rows (what the queue, the list and the CSV show).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/server/db";
import { type NewTrailRow, trail } from "@/server/db/schema";
import { type TestDatabase, createTestPglite, createTestPostgres, shouldTestPostgres } from "@/server/db/testing";
import { flagChange } from "@/server/review/review-changes";
import { findReviewPage } from "@/server/review/queries";
import { countApprovals, findMakerHistory } from "./queries";

const runPostgres = await shouldTestPostgres();
const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((database) => database.dispose()));
});

const NOW = new Date("2026-11-25T08:00:00.000Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const REASONS = [{ rule: "reduction_amount", limit: 20_000, actual: 30_000 }];

let seq = 0;
function request(overrides: Partial<NewTrailRow> = {}): NewTrailRow {
  seq += 1;
  return {
    idempotencyKey: `approval-${seq}-${randomUUID()}`,
    userId: "agent-1",
    userName: "客服一",
    userRole: "agent",
    profileId: "demo-partner",
    mode: "partner",
    subMchid: "1900001208",
    outOrderNo: `A-${String(seq).padStart(5, "0")}`,
    operation: "modify",
    requestBody: { total_amount: 15_800 },
    orderBefore: { total_amount: 45_800 },
    totalBefore: 45_800,
    totalAfter: 15_800,
    delta: -30_000,
    reasonCategory: "device_fault",
    reasonText: "空调故障",
    status: "awaiting_approval",
    approvalReasons: REASONS,
    requestInput: {},
    createdAt: hoursAgo(1),
    expiresAt: hoursAgo(-23),
    ...overrides,
  };
}

async function insert(db: Db, rows: NewTrailRow[]): Promise<string[]> {
  return (await db.insert(trail).values(rows).returning({ id: trail.id })).map((row) => row.id);
}

describe.each([
  ["PGlite", createTestPglite, true],
  ["PostgreSQL", createTestPostgres, runPostgres],
] as const)("[APPROVAL][QUERIES] %s", (_name, create, enabled) => {
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

  it.runIf(enabled)("counts others' waiting requests for a supervisor, and each maker's own waiting and recently declined", async () => {
    await insert(db, [
      request(), // agent-1, waiting
      request({ userId: "agent-2", userName: "客服二" }), // agent-2, waiting
      request({ userId: "agent-2", userName: "客服二", expiresAt: hoursAgo(0.1) }), // past its time: nobody can approve it any more
      request({ userId: "sup-1", userName: "主管一", userRole: "supervisor" }), // the supervisor's own
      request({ status: "rejected", createdAt: hoursAgo(5), decidedAt: hoursAgo(2), resolvedAt: hoursAgo(2), decidedById: "sup-1", decidedByName: "主管一", decisionComment: "依据不足" }),
      request({ status: "expired", createdAt: hoursAgo(40), resolvedAt: hoursAgo(16) }),
      request({ status: "failed", errorKind: "stale", createdAt: hoursAgo(3), decidedAt: hoursAgo(1), resolvedAt: hoursAgo(1) }),
      // Not declined: approved and sent; approved and failed upstream; withdrawn by the maker.
      request({ status: "succeeded", createdAt: hoursAgo(3), decidedAt: hoursAgo(1), resolvedAt: hoursAgo(1) }),
      request({ status: "failed", errorKind: "upstream", createdAt: hoursAgo(3), decidedAt: hoursAgo(1), resolvedAt: hoursAgo(1) }),
      request({ status: "withdrawn", createdAt: hoursAgo(3), decidedAt: hoursAgo(1), resolvedAt: hoursAgo(1) }),
      // Declined longer ago than the badge's 72 hours.
      request({ status: "rejected", createdAt: hoursAgo(80), decidedAt: hoursAgo(73), resolvedAt: hoursAgo(73) }),
      // Another agent's rejection.
      request({ userId: "agent-2", status: "rejected", createdAt: hoursAgo(5), decidedAt: hoursAgo(2), resolvedAt: hoursAgo(2) }),
    ]);
    expect(await countApprovals(db, { id: "sup-1", role: "supervisor" }, NOW)).toEqual({ toDecide: 2, ownWaiting: 1, ownDeclined: 0 });
    expect(await countApprovals(db, { id: "agent-1", role: "agent" }, NOW)).toEqual({ toDecide: null, ownWaiting: 1, ownDeclined: 3 });
    expect(await countApprovals(db, { id: "agent-2", role: "agent" }, NOW)).toEqual({ toDecide: null, ownWaiting: 2, ownDeclined: 1 });
    expect(await countApprovals(db, { id: "admin-1", role: "admin" }, NOW)).toEqual({ toDecide: null, ownWaiting: 0, ownDeclined: 0 });
  });

  it.runIf(enabled)("the maker's history on the request's merchant: that sub-merchant only, newest first, the request itself left out", async () => {
    const [current, older, newer, rejected] = await insert(db, [
      request({ createdAt: hoursAgo(1) }),
      request({ status: "succeeded", createdAt: hoursAgo(50), delta: -1_000, totalAfter: 44_800, approvalReasons: null, expiresAt: null }),
      request({ status: "succeeded", createdAt: hoursAgo(2), delta: -2_500, totalAfter: 43_300, approvalReasons: null, expiresAt: null }),
      request({ status: "rejected", createdAt: hoursAgo(30), decidedAt: hoursAgo(29), resolvedAt: hoursAgo(29), decidedByName: "主管一" }),
      // Not on this merchant, not by this maker, or older than 30 days (listed, not in the summary).
      request({ subMchid: "1900001209", status: "succeeded", approvalReasons: null }),
      request({ profileId: "demo-institution", mode: "institution", status: "succeeded", approvalReasons: null }),
      request({ userId: "agent-2", status: "succeeded", approvalReasons: null }),
    ]);
    const [old] = await insert(db, [request({ status: "succeeded", createdAt: hoursAgo(24 * 40), delta: -9_000, approvalReasons: null, expiresAt: null })]);
    await flagChange(db, { id: "sup-1", name: "主管一", role: "supervisor" }, older as string, "减免过多");

    const history = await findMakerHistory(db, { userId: "agent-1", profileId: "demo-partner", subMchid: "1900001208", excludeId: current as string }, NOW);
    expect(history.rows.map((row) => row.id)).toEqual([newer, rejected, older, old]);
    expect(history.recent).toEqual({ changes: 3, reducedFen: -3_500, flagged: 1, declined: 1 });
    expect(history.rows[1]?.approval).toMatchObject({ outcome: "rejected", decidedByName: "主管一" });
    expect(history.rows[0]?.approval).toBeNull();
  });

  it.runIf(enabled)("list rows carry the approval: reasons, how it ended, who decided, when, and how long it waited", async () => {
    const [rejected, waiting] = await insert(db, [
      request({
        status: "rejected",
        createdAt: new Date("2026-11-25T05:00:00.000Z"),
        decidedAt: new Date("2026-11-25T07:05:30.000Z"),
        resolvedAt: new Date("2026-11-25T07:05:30.000Z"),
        decidedById: "sup-1",
        decidedByName: "主管一",
        decisionComment: "依据不足",
        expiresAt: new Date("2026-11-26T05:00:00.000Z"),
      }),
      request({ createdAt: new Date("2026-11-25T06:00:00.000Z"), expiresAt: new Date("2026-11-26T06:00:00.000Z") }),
    ]);
    const page = await findReviewPage(db, { filters: { sort: "oldest" }, scope: { kind: "all" } });
    expect(page.rows.map((row) => [row.id, row.approval])).toEqual([
      [
        rejected,
        {
          reasons: REASONS,
          outcome: "rejected",
          expiresAt: "2026-11-26T05:00:00.000Z",
          decidedByName: "主管一",
          decidedAt: "2026-11-25T07:05:30.000Z",
          comment: "依据不足",
          waitedMs: 7_530_000,
        },
      ],
      [waiting, { reasons: REASONS, outcome: "waiting", expiresAt: "2026-11-26T06:00:00.000Z", decidedByName: null, decidedAt: null, comment: null, waitedMs: null }],
    ]);
    // The queue's query: waiting only.
    const queue = await findReviewPage(db, { filters: { status: "awaiting_approval", sort: "oldest" }, scope: { kind: "all" } });
    expect(queue.rows.map((row) => row.id)).toEqual([waiting]);
  });
});
