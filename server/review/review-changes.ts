// The review writes: mark reviewed (one row or many), flag with a comment, clear a flag with a
// comment. Each one, in one transaction, moves the row's current state in trail_review (only along
// an allowed transition, decided atomically by the database) and appends a review_event for every
// row it moved. The trail row is read, never written.
//
// Transitions: unreviewed → reviewed (mark); any → flagged (flag; flagging a flagged row adds a
// comment); flagged → reviewed (clear: the question was answered). Marking a flagged row reviewed is
// refused — a flag is only cleared with a comment that says why.
//
// Separation of duties: nobody marks their own change reviewed or clears a flag on it (FORBIDDEN,
// reason "own_change"); flagging one's own change — asking someone else to look — is allowed. The
// check is in the same statement as the move, and the trail row's author never changes.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { ReviewActionResult } from "@/lib/review/review-actions";
import type { ReviewAction } from "@/lib/review/states";
import type { Db } from "@/server/db";
import { reviewEvent, trail } from "@/server/db/schema";

export interface Reviewer {
  id: string;
  name: string;
  role: string;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function recordEvents(tx: Tx, reviewer: Reviewer, trailIds: string[], action: ReviewAction, comment: string | null): Promise<void> {
  if (trailIds.length === 0) return;
  await tx.insert(reviewEvent).values(
    trailIds.map((trailId) => ({
      trailId,
      action,
      comment,
      userId: reviewer.id,
      userName: reviewer.name,
      userRole: reviewer.role,
      createdAt: sql`now()`,
    })),
  );
}

function idsOf(result: { rows: { trail_id: string }[] }): string[] {
  return result.rows.map((row) => row.trail_id);
}

const OWN_CHANGE = { code: "FORBIDDEN", reason: "own_change" } as const;

/** Whether any of these trail rows was made by `reviewer`. */
async function includesOwnChange(db: Db | Tx, reviewer: Reviewer, trailIds: readonly string[]): Promise<boolean> {
  const own = await db
    .select({ id: trail.id })
    .from(trail)
    .where(and(inArray(trail.id, [...trailIds]), eq(trail.userId, reviewer.id)))
    .limit(1);
  return own.length > 0;
}

/**
 * Marks unreviewed rows reviewed; rows already reviewed or flagged (or unknown) are left as they are.
 * A selection that includes one of the reviewer's own changes is refused whole.
 */
export async function markReviewed(db: Db, reviewer: Reviewer, trailIds: readonly string[]): Promise<ActionResult<ReviewActionResult>> {
  const unique = [...new Set(trailIds)];
  const ids = sql.join(
    unique.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const changed = await db.transaction(async (tx) => {
    if (await includesOwnChange(tx, reviewer, unique)) return null;
    const result = await tx.execute<{ trail_id: string }>(sql`
      insert into trail_review (trail_id, state, trail_created_at, updated_at, updated_by_name, last_comment)
      select t.id, 'reviewed', t.created_at, now(), ${reviewer.name}, null from trail t where t.id in (${ids}) and t.user_id <> ${reviewer.id}
      on conflict (trail_id) do update
        set state = 'reviewed', updated_at = excluded.updated_at, updated_by_name = excluded.updated_by_name, last_comment = null
        where trail_review.state = 'unreviewed'
      returning trail_id`);
    const moved = idsOf(result);
    await recordEvents(tx, reviewer, moved, "reviewed", null);
    return moved;
  });
  if (changed === null) return fail(OWN_CHANGE);
  const changedSet = new Set(changed);
  return ok({ changed, unchanged: unique.filter((id) => !changedSet.has(id)) });
}

/** Flags a row with a comment (from any state). */
export async function flagChange(db: Db, reviewer: Reviewer, trailId: string, comment: string): Promise<ActionResult<ReviewActionResult>> {
  const changed = await db.transaction(async (tx) => {
    const result = await tx.execute<{ trail_id: string }>(sql`
      insert into trail_review (trail_id, state, trail_created_at, updated_at, updated_by_name, last_comment)
      select t.id, 'flagged', t.created_at, now(), ${reviewer.name}, ${comment} from trail t where t.id = ${trailId}::uuid
      on conflict (trail_id) do update
        set state = 'flagged', updated_at = excluded.updated_at, updated_by_name = excluded.updated_by_name, last_comment = excluded.last_comment
      returning trail_id`);
    const moved = idsOf(result);
    await recordEvents(tx, reviewer, moved, "flagged", comment);
    return moved;
  });
  if (changed.length === 0) return fail({ code: "NOT_FOUND" });
  return ok({ changed, unchanged: [] });
}

/** Clears a flag with a comment; the row counts as reviewed afterwards. Never on one's own change. */
export async function clearFlag(db: Db, reviewer: Reviewer, trailId: string, comment: string): Promise<ActionResult<ReviewActionResult>> {
  const changed = await db.transaction(async (tx) => {
    const result = await tx.execute<{ trail_id: string }>(sql`
      update trail_review r
        set state = 'reviewed', updated_at = now(), updated_by_name = ${reviewer.name}, last_comment = ${comment}
        from trail t
        where r.trail_id = ${trailId}::uuid and r.state = 'flagged' and t.id = r.trail_id and t.user_id <> ${reviewer.id}
      returning r.trail_id`);
    const moved = idsOf(result);
    await recordEvents(tx, reviewer, moved, "unflagged", comment);
    return moved;
  });
  if (changed.length > 0) return ok({ changed, unchanged: [] });
  const [row] = await db.select({ userId: trail.userId }).from(trail).where(eq(trail.id, trailId)).limit(1);
  if (!row) return fail({ code: "NOT_FOUND" });
  return row.userId === reviewer.id ? fail(OWN_CHANGE) : fail({ code: "STATE_NOT_ALLOWED", reason: "not_flagged" });
}
