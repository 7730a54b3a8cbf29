// Reads of the supervisor review: the filtered, sorted list with keyset pagination (never OFFSET:
// page 2000 costs what page 1 costs, and rows arriving meanwhile neither repeat nor vanish), one
// row's detail with its review history, the navigation counts, and the agents to filter by.
// Every read takes a scope: an agent's scope is their own rows, enforced here, not by the page.
import "server-only";
import { and, asc, eq, gte, like, lte, sql, type SQL } from "drizzle-orm";
import { can, parseRole } from "@/lib/auth/roles";
import {
  type ReviewCursor,
  type ReviewFilters,
  type ReviewPosition,
  type ReviewSort,
  REVIEW_PAGE_SIZE,
  dayRangeBounds,
  decodeReviewCursor,
  deltaBoundsFen,
  encodeReviewCursor,
  orderNoPrefixPattern,
} from "@/lib/review/filters";
import type { ApprovalReason } from "@/lib/approvals/policy";
import { approvalOutcome, approvalWaitMs } from "@/lib/approvals/view";
import { changeDiff } from "@/lib/review/line-diff";
import type { ReviewScope, ReviewState } from "@/lib/review/states";
import type { AgentOption, ReviewCounts, ReviewDetail, ReviewEventView, ReviewListRow, ReviewPage } from "@/lib/review/view";
import type { Db } from "@/server/db";
import { reviewCount, reviewEvent, trail, trailReview, user } from "@/server/db/schema";

/** created_at with its microseconds, as the cursor carries it (a JS Date would drop them). */
const createdAtText = sql<string>`to_char(${trail.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const listColumns = {
  id: trail.id,
  createdAt: trail.createdAt,
  createdAtText,
  userId: trail.userId,
  userName: trail.userName,
  profileId: trail.profileId,
  mode: trail.mode,
  subMchid: trail.subMchid,
  outOrderNo: trail.outOrderNo,
  operation: trail.operation,
  totalBefore: trail.totalBefore,
  totalAfter: trail.totalAfter,
  delta: trail.delta,
  reasonCategory: trail.reasonCategory,
  reasonText: trail.reasonText,
  status: trail.status,
  wechatCode: trail.wechatCode,
  requestId: trail.requestId,
  internalNote: trail.internalNote,
  reviewState: sql<ReviewState>`coalesce(${trailReview.state}, 'unreviewed')`,
  reviewComment: trailReview.lastComment,
  reviewedBy: trailReview.updatedByName,
  appliedLate: sql<boolean>`exists (select 1 from trail_event late where late.trail_id = ${trail.id} and late.kind = 'applied_late')`,
  // Four-eyes (null on other rows).
  resolvedAt: trail.resolvedAt,
  errorKind: trail.errorKind,
  approvalReasons: trail.approvalReasons,
  expiresAt: trail.expiresAt,
  decidedByName: trail.decidedByName,
  decidedAt: trail.decidedAt,
  decisionComment: trail.decisionComment,
  bulkBatchId: trail.bulkBatchId,
};

/** A row as listColumns selects it. */
interface ListRecord {
  id: string;
  createdAt: Date;
  createdAtText: string;
  userId: string;
  userName: string;
  profileId: string;
  mode: ReviewListRow["mode"];
  subMchid: string | null;
  outOrderNo: string;
  operation: ReviewListRow["operation"];
  totalBefore: number | null;
  totalAfter: number | null;
  delta: number | null;
  reasonCategory: string;
  reasonText: string;
  status: ReviewListRow["status"];
  wechatCode: string | null;
  requestId: string | null;
  internalNote: string | null;
  reviewState: ReviewState;
  reviewComment: string | null;
  reviewedBy: string | null;
  appliedLate: boolean;
  resolvedAt: Date | null;
  errorKind: string | null;
  approvalReasons: unknown;
  expiresAt: Date | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  bulkBatchId: string | null;
}

/**
 * How a query walks the list. With a reviewed/flagged filter the walk starts from trail_review's
 * (state, trail_created_at, trail_id) index, whose copy of created_at orders exactly like trail's.
 */
interface KeyPlan {
  at: typeof trail.createdAt | typeof trailReview.trailCreatedAt;
  id: typeof trail.id | typeof trailReview.trailId;
  byDelta: boolean;
  descending: boolean;
  innerJoin: boolean;
}

function keyPlanOf(filters: ReviewFilters): KeyPlan {
  const sort: ReviewSort = filters.sort ?? "newest";
  const innerJoin = filters.review === "reviewed" || filters.review === "flagged";
  return {
    at: innerJoin ? trailReview.trailCreatedAt : trail.createdAt,
    id: innerJoin ? trailReview.trailId : trail.id,
    byDelta: sort === "delta_asc" || sort === "delta_desc",
    descending: sort === "newest" || sort === "delta_desc",
    innerJoin,
  };
}

const deltaKey = sql<number>`coalesce(${trail.delta}, 0)`;

/** The WHERE of a filtered view (scope included); shared by the list, the export and the trends. */
export function reviewConditions(filters: ReviewFilters, scope: ReviewScope, plan: Pick<KeyPlan, "at"> = { at: trail.createdAt }): SQL[] {
  const conditions: SQL[] = [];
  if (scope.kind === "own") conditions.push(eq(trail.userId, scope.userId));
  if (filters.agent) conditions.push(eq(trail.userId, filters.agent));
  if (filters.profile) conditions.push(eq(trail.profileId, filters.profile));
  if (filters.mode) conditions.push(eq(trail.mode, filters.mode));
  if (filters.operation) conditions.push(eq(trail.operation, filters.operation));
  if (filters.reason) conditions.push(eq(trail.reasonCategory, filters.reason));
  if (filters.batch) conditions.push(eq(trail.bulkBatchId, filters.batch));
  if (filters.status) conditions.push(eq(trail.status, filters.status));
  if (filters.review === "unreviewed") {
    // An anti-join, not "state is null or …" on the outer join: PostgreSQL plans the anti-join as a
    // walk down the created_at index (≈1 ms at 100 000 rows) where the OR made it sort everything.
    conditions.push(sql`not exists (select 1 from trail_review marked where marked.trail_id = ${trail.id} and marked.state <> 'unreviewed')`);
  } else if (filters.review) {
    conditions.push(eq(trailReview.state, filters.review));
  }
  const { fromInstant, toInstantExclusive } = dayRangeBounds(filters);
  if (fromInstant) conditions.push(sql`${plan.at} >= ${fromInstant.toISOString()}::timestamptz`);
  if (toInstantExclusive) conditions.push(sql`${plan.at} < ${toInstantExclusive.toISOString()}::timestamptz`);
  const { minFen, maxFen } = deltaBoundsFen(filters);
  if (minFen !== undefined) conditions.push(gte(trail.delta, minFen));
  if (maxFen !== undefined) conditions.push(lte(trail.delta, maxFen));
  if (filters.q) conditions.push(like(trail.outOrderNo, orderNoPrefixPattern(filters.q)));
  return conditions;
}

function keysetCondition(plan: KeyPlan, cursor: ReviewCursor, forward: boolean): SQL {
  // forward = the sort's own direction; backward (a "previous page") compares the other way.
  const below = plan.descending === forward;
  const op = sql.raw(below ? "<" : ">");
  return plan.byDelta
    ? sql`(${deltaKey}, ${plan.at}, ${plan.id}) ${op} (${cursor.delta ?? 0}::integer, ${cursor.at}::timestamptz, ${cursor.id}::uuid)`
    : sql`(${plan.at}, ${plan.id}) ${op} (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

// The indexes are declared "DESC NULLS LAST" (drizzle-kit's spelling): the ORDER BY says the same,
// or PostgreSQL would not walk them (plain DESC means NULLS FIRST; the columns are NOT NULL anyway).
function orderOf(plan: KeyPlan, forward: boolean): SQL[] {
  const direction = sql.raw(plan.descending === forward ? "desc nulls last" : "asc nulls first");
  const keys: SQL[] = plan.byDelta ? [deltaKey, sql`${plan.at}`, sql`${plan.id}`] : [sql`${plan.at}`, sql`${plan.id}`];
  return keys.map((key) => sql`${key} ${direction}`);
}

function selectRows(db: Db, plan: KeyPlan, where: SQL[], forward: boolean, limit: number) {
  const base = db.select(listColumns).from(trail);
  const joined = plan.innerJoin
    ? base.innerJoin(trailReview, eq(trailReview.trailId, trail.id))
    : base.leftJoin(trailReview, eq(trailReview.trailId, trail.id));
  return joined
    .where(and(...where))
    .orderBy(...orderOf(plan, forward))
    .limit(limit);
}

async function fetchRows(db: Db, plan: KeyPlan, where: SQL[], forward: boolean, limit: number): Promise<ListRecord[]> {
  return (await selectRows(db, plan, where, forward, limit)) as ListRecord[];
}

/** The SQL of a first page (for EXPLAIN in the benchmark). */
export function reviewPageSql(db: Db, filters: ReviewFilters, scope: ReviewScope, pageSize = REVIEW_PAGE_SIZE): SQL {
  const plan = keyPlanOf(filters);
  return selectRows(db, plan, reviewConditions(filters, scope, plan), true, pageSize + 1).getSQL();
}

function toListRow(record: ListRecord): ReviewListRow {
  return {
    id: record.id,
    createdAt: record.createdAt.toISOString(),
    userId: record.userId,
    userName: record.userName,
    profileId: record.profileId,
    mode: record.mode,
    subMchid: record.subMchid,
    outOrderNo: record.outOrderNo,
    operation: record.operation,
    totalBefore: record.totalBefore,
    totalAfter: record.totalAfter,
    delta: record.delta,
    reasonCategory: record.reasonCategory,
    reasonText: record.reasonText,
    status: record.status,
    wechatCode: record.wechatCode,
    requestId: record.requestId,
    internalNote: record.internalNote,
    reviewState: record.reviewState,
    reviewComment: record.reviewComment,
    reviewedBy: record.reviewedBy,
    appliedLate: record.appliedLate === true,
    approval: approvalOf(record),
    bulkBatchId: record.bulkBatchId,
  };
}

function approvalOf(record: ListRecord): ReviewListRow["approval"] {
  const outcome = approvalOutcome(record);
  if (outcome === null) return null;
  return {
    // Written by the console itself (server/orders/operation.ts) from lib/approvals/policy.ts.
    reasons: record.approvalReasons as ApprovalReason[],
    outcome,
    expiresAt: record.expiresAt?.toISOString() ?? null,
    decidedByName: record.decidedByName,
    decidedAt: record.decidedAt?.toISOString() ?? null,
    comment: record.decisionComment,
    waitedMs: approvalWaitMs(record),
  };
}

function cursorOf(plan: KeyPlan, record: ListRecord): string {
  return encodeReviewCursor(
    plan.byDelta ? { at: record.createdAtText, id: record.id, delta: record.delta ?? 0 } : { at: record.createdAtText, id: record.id },
  );
}

export interface ReviewPageQuery {
  filters: ReviewFilters;
  position?: Pick<ReviewPosition, "after" | "before">;
  scope: ReviewScope;
  pageSize?: number;
}

/**
 * The newest rows that match `conditions` (beside the review list's own filters: e.g. one person's
 * changes on one sub-merchant), as list rows.
 */
export async function findNewestRows(db: Db, conditions: SQL[], limit: number): Promise<ReviewListRow[]> {
  const plan = keyPlanOf({});
  return (await fetchRows(db, plan, conditions, true, limit)).map(toListRow);
}

/** One page of the list. `after` continues in the sort's direction, `before` goes back. */
export async function findReviewPage(db: Db, query: ReviewPageQuery): Promise<ReviewPage> {
  const pageSize = query.pageSize ?? REVIEW_PAGE_SIZE;
  const plan = keyPlanOf(query.filters);
  const where = reviewConditions(query.filters, query.scope, plan);
  const after = query.position?.after ? decodeReviewCursor(query.position.after) : null;
  const before = !after && query.position?.before ? decodeReviewCursor(query.position.before) : null;

  if (before) {
    const records = await fetchRows(db, plan, [...where, keysetCondition(plan, before, false)], false, pageSize + 1);
    const hasMoreBefore = records.length > pageSize;
    const rows = records.slice(0, pageSize).reverse();
    const first = rows[0];
    const last = rows.at(-1);
    return {
      rows: rows.map(toListRow),
      prevCursor: hasMoreBefore && first ? cursorOf(plan, first) : null,
      nextCursor: last ? cursorOf(plan, last) : null,
    };
  }

  const records = await fetchRows(db, plan, after ? [...where, keysetCondition(plan, after, true)] : where, true, pageSize + 1);
  const hasMore = records.length > pageSize;
  const rows = records.slice(0, pageSize);
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows: rows.map(toListRow),
    nextCursor: hasMore && last ? cursorOf(plan, last) : null,
    prevCursor: after && first ? cursorOf(plan, first) : null,
  };
}

/**
 * Every row of a filtered view in the view's order, fetched in keyset batches: the export streams
 * from this and never holds more than one batch.
 */
export async function* iterateReviewRows(
  db: Db,
  filters: ReviewFilters,
  scope: ReviewScope,
  batchSize = 1000,
): AsyncGenerator<ReviewListRow[], void, undefined> {
  const plan = keyPlanOf(filters);
  const where = reviewConditions(filters, scope, plan);
  let cursor: ReviewCursor | null = null;
  for (;;) {
    const records = await fetchRows(db, plan, cursor ? [...where, keysetCondition(plan, cursor, true)] : where, true, batchSize);
    if (records.length === 0) return;
    yield records.map(toListRow);
    if (records.length < batchSize) return;
    const last = records.at(-1) as ListRecord;
    cursor = { at: last.createdAtText, id: last.id, delta: plan.byDelta ? (last.delta ?? 0) : undefined };
  }
}

function toEventView(row: typeof reviewEvent.$inferSelect): ReviewEventView {
  return {
    id: row.id,
    action: row.action,
    comment: row.comment,
    userName: row.userName,
    userRole: row.userRole,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function findReviewEvents(db: Db, trailId: string): Promise<ReviewEventView[]> {
  const rows = await db.select().from(reviewEvent).where(eq(reviewEvent.trailId, trailId)).orderBy(asc(reviewEvent.createdAt), asc(reviewEvent.id));
  return rows.map(toEventView);
}

/** One row with everything the detail panel shows; undefined when absent or outside the scope. */
export async function findReviewDetail(db: Db, trailId: string, scope: ReviewScope): Promise<ReviewDetail | undefined> {
  const conditions: SQL[] = [eq(trail.id, trailId)];
  if (scope.kind === "own") conditions.push(eq(trail.userId, scope.userId));
  const found = await db
    .select({
      list: listColumns,
      userRole: trail.userRole,
      resolvedAt: trail.resolvedAt,
      requestBody: trail.requestBody,
      orderBefore: trail.orderBefore,
      orderAfter: trail.orderAfter,
      errorKind: trail.errorKind,
      wechatMessage: trail.wechatMessage,
      httpStatus: trail.httpStatus,
      latencyMs: trail.latencyMs,
      reconciledAt: trail.reconciledAt,
      reconcileNote: trail.reconcileNote,
    })
    .from(trail)
    .leftJoin(trailReview, eq(trailReview.trailId, trail.id))
    .where(and(...conditions))
    .limit(1);
  const record = found[0];
  if (!record) return undefined;
  const events = await findReviewEvents(db, trailId);
  return {
    row: toListRow(record.list as ListRecord),
    userRole: record.userRole,
    resolvedAt: record.resolvedAt?.toISOString() ?? null,
    requestBody: record.requestBody,
    orderBefore: record.orderBefore,
    orderAfter: record.orderAfter,
    errorKind: record.errorKind,
    wechatMessage: record.wechatMessage,
    httpStatus: record.httpStatus,
    latencyMs: record.latencyMs,
    reconciledAt: record.reconciledAt?.toISOString() ?? null,
    reconcileNote: record.reconcileNote,
    diff: changeDiff(record),
    events,
  };
}

/**
 * Unreviewed and flagged changes in a scope, for the navigation: a read of review_count (kept by
 * triggers, see server/db/schema/review.ts), one row per agent — not a count over the trail.
 */
export async function countReviewStates(db: Db, scope: ReviewScope): Promise<ReviewCounts> {
  const rows = await db
    .select({
      changes: sql<number>`coalesce(sum(${reviewCount.changes}), 0)::int`,
      reviewed: sql<number>`coalesce(sum(${reviewCount.reviewed}), 0)::int`,
      flagged: sql<number>`coalesce(sum(${reviewCount.flagged}), 0)::int`,
    })
    .from(reviewCount)
    .where(scope.kind === "own" ? eq(reviewCount.userId, scope.userId) : undefined);
  const counts = rows[0];
  const changes = Number(counts?.changes ?? 0);
  const reviewed = Number(counts?.reviewed ?? 0);
  const flagged = Number(counts?.flagged ?? 0);
  return { unreviewed: Math.max(0, changes - reviewed - flagged), flagged };
}

/** The people whose changes can be filtered by: users whose role may change orders. */
export async function listReviewAgents(db: Db): Promise<AgentOption[]> {
  const rows = await db.select({ id: user.id, name: user.name, role: user.role }).from(user).orderBy(asc(user.name), asc(user.id));
  return rows.filter((row) => can(parseRole(row.role), "canModify")).map((row) => ({ id: row.id, name: row.name }));
}
