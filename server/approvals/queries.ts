// Reads of the four-eyes decision (requests are trail rows: server/approvals/requests.ts): the
// navigation's approval counts, and the maker's history of changes on the request's merchant that the
// checker reads before deciding. The queue itself is the review list's query with its status fixed
// (lib/approvals/queue.ts), and a request's detail is the review detail.
import "server-only";
import { and, eq, gt, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { can, type Role } from "@/lib/auth/roles";
import { RECENT_DECISION_HOURS, type ApprovalCounts } from "@/lib/approvals/view";
import type { ReviewListRow } from "@/lib/review/view";
import type { Db } from "@/server/db";
import { trail } from "@/server/db/schema";
import { findNewestRows } from "@/server/review/queries";

/** The longest a request may wait (lib/approvals/policy-form.ts: 1–168 hours). */
const LONGEST_WAIT_HOURS = 168;

/**
 * The badges: others' waiting requests (for who may approve), the viewer's own waiting ones, and the
 * viewer's own declined in the last RECENT_DECISION_HOURS. Two reads on indexes: the waiting rows
 * (trail_awaiting_idx) and the viewer's recent rows (trail_user_idx).
 */
export async function countApprovals(db: Db, viewer: { id: string; role: Role | null }, now: Date = new Date()): Promise<ApprovalCounts> {
  const since = new Date(now.getTime() - RECENT_DECISION_HOURS * 3_600_000);
  // A request resolved since then was made at most the longest wait before.
  const madeSince = new Date(since.getTime() - LONGEST_WAIT_HOURS * 3_600_000);
  const [waiting, declined] = await Promise.all([
    db
      .select({
        others: sql<number>`count(*) filter (where ${ne(trail.userId, viewer.id)} and ${trail.expiresAt} > ${now.toISOString()}::timestamptz)::int`,
        own: sql<number>`count(*) filter (where ${eq(trail.userId, viewer.id)})::int`,
      })
      .from(trail)
      .where(eq(trail.status, "awaiting_approval")),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(trail)
      .where(
        and(
          eq(trail.userId, viewer.id),
          gt(trail.createdAt, madeSince),
          gt(trail.resolvedAt, since),
          or(sql`${trail.status} in ('rejected', 'expired')`, and(eq(trail.status, "failed"), eq(trail.errorKind, "stale"))),
        ),
      ),
  ]);
  return {
    toDecide: can(viewer.role, "canApprove") ? Number(waiting[0]?.others ?? 0) : null,
    ownWaiting: Number(waiting[0]?.own ?? 0),
    ownDeclined: Number(declined[0]?.count ?? 0),
  };
}

export interface MakerHistoryQuery {
  userId: string;
  profileId: string;
  /** The sub-merchant (partner and institution modes); null: the merchant-mode profile itself. */
  subMchid: string | null;
  /** The request being decided, left out of its own history. */
  excludeId: string;
}

export interface MakerHistory {
  rows: ReviewListRow[];
  /** The last 30 days on this merchant: changes, how many were reduced in total (分), how many flagged. */
  recent: { changes: number; reducedFen: number; flagged: number; declined: number };
}

export const MAKER_HISTORY_ROWS = 10;
const RECENT_DAYS = 30;

/** The maker's latest changes on the request's merchant (its sub-merchant in partner/institution mode). */
export async function findMakerHistory(db: Db, query: MakerHistoryQuery, now: Date = new Date()): Promise<MakerHistory> {
  const scope: SQL[] = [
    eq(trail.userId, query.userId),
    eq(trail.profileId, query.profileId),
    query.subMchid === null ? isNull(trail.subMchid) : eq(trail.subMchid, query.subMchid),
    ne(trail.id, query.excludeId),
  ];
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const [rows, recent] = await Promise.all([
    findNewestRows(db, scope, MAKER_HISTORY_ROWS),
    db
      .select({
        changes: sql<number>`count(*)::int`,
        reducedFen: sql<number>`coalesce(sum(${trail.delta}) filter (where ${trail.status} = 'succeeded' and ${trail.delta} < 0), 0)::int`,
        flagged: sql<number>`count(*) filter (where exists (select 1 from trail_review marked where marked.trail_id = ${trail.id} and marked.state = 'flagged'))::int`,
        declined: sql<number>`count(*) filter (where ${trail.status} in ('rejected', 'expired') or (${trail.status} = 'failed' and ${trail.errorKind} = 'stale'))::int`,
      })
      .from(trail)
      .where(and(...scope, gt(trail.createdAt, since))),
  ]);
  const totals = recent[0];
  return {
    rows,
    recent: {
      changes: Number(totals?.changes ?? 0),
      reducedFen: Number(totals?.reducedFen ?? 0),
      flagged: Number(totals?.flagged ?? 0),
      declined: Number(totals?.declined ?? 0),
    },
  };
}

