// The review writes: mark reviewed (one row or many), flag with a comment, clear a flag with a
// comment. Each one, in one transaction, moves the row's current state in trail_review (only along
// an allowed transition, decided atomically by the database) and appends a review_event for every
// row it moved. The trail row is read, never written.
//
// Transitions: unreviewed → reviewed (mark); any → flagged (flag; flagging a flagged row adds a
// comment); flagged → reviewed (clear: the question was answered). Marking a flagged row reviewed is
// refused — a flag is only cleared with a comment that says why.
import "server-only";
import { eq, sql } from "drizzle-orm";
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

/** Marks unreviewed rows reviewed; rows already reviewed or flagged (or unknown) are left as they are. */
export async function markReviewed(db: Db, reviewer: Reviewer, trailIds: readonly string[]): Promise<ReviewActionResult> {
  const unique = [...new Set(trailIds)];
  const ids = sql.join(
    unique.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const changed = await db.transaction(async (tx) => {
    const result = await tx.execute<{ trail_id: string }>(sql`
      insert into trail_review (trail_id, state, trail_created_at, updated_at, updated_by_name, last_comment)
      select t.id, 'reviewed', t.created_at, now(), ${reviewer.name}, null from trail t where t.id in (${ids})
      on conflict (trail_id) do update
        set state = 'reviewed', updated_at = excluded.updated_at, updated_by_name = excluded.updated_by_name, last_comment = null
        where trail_review.state = 'unreviewed'
      returning trail_id`);
    const moved = idsOf(result);
    await recordEvents(tx, reviewer, moved, "reviewed", null);
    return moved;
  });
  const changedSet = new Set(changed);
  return { changed, unchanged: unique.filter((id) => !changedSet.has(id)) };
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

/** Clears a flag with a comment; the row counts as reviewed afterwards. */
export async function clearFlag(db: Db, reviewer: Reviewer, trailId: string, comment: string): Promise<ActionResult<ReviewActionResult>> {
  const changed = await db.transaction(async (tx) => {
    const result = await tx.execute<{ trail_id: string }>(sql`
      update trail_review
        set state = 'reviewed', updated_at = now(), updated_by_name = ${reviewer.name}, last_comment = ${comment}
        where trail_id = ${trailId}::uuid and state = 'flagged'
      returning trail_id`);
    const moved = idsOf(result);
    await recordEvents(tx, reviewer, moved, "unflagged", comment);
    return moved;
  });
  if (changed.length > 0) return ok({ changed, unchanged: [] });
  const exists = await db.select({ id: trail.id }).from(trail).where(eq(trail.id, trailId)).limit(1);
  return exists.length === 0 ? fail({ code: "NOT_FOUND" }) : fail({ code: "STATE_NOT_ALLOWED", reason: "not_flagged" });
}
