// Deciding four-eyes requests (trail rows awaiting_approval, lib/approvals/policy.ts):
//   approve   one statement takes the request for the checker — only if it is still waiting, not
//             expired, and not the checker's own — so two approvals at once make one call and the
//             second is told it is already decided; then the change runs through the one runner
//             (server/orders/operation.ts execute): the order is re-read, and if it changed since the
//             request was made the request is stale and nothing is sent; otherwise the signed call,
//             verified and settled. The row keeps the maker (user_*) and names the checker (decided_by_*).
//   reject    with a comment; the order is free again.
//   withdraw  by the maker, while it waits.
//   expire    requests past their time, by the reconciler's rounds.
import "server-only";
import { and, eq, lte, ne, sql } from "drizzle-orm";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { Db } from "@/server/db";
import { trail, type TrailRow, type WriteOperation } from "@/server/db/schema";
import { findTrailById } from "@/server/audit/trail";
import { buildRequest, execute, type Actor, type OperationResult, type WriteSubmission } from "@/server/orders/operation";
import { WRITE_KINDS } from "@/server/orders/write-kinds";

export type DecisionRefusal = "own_request" | "decided" | "expired" | "not_a_request";

function refusalOf(row: TrailRow | undefined, checkerId: string, now: Date): ActionResult<never> {
  if (!row) return fail({ code: "NOT_FOUND" });
  if (row.status !== "awaiting_approval") {
    return row.approvalReasons ? fail({ code: "ALREADY_DECIDED", reason: row.status, trailId: row.id }) : fail({ code: "NOT_FOUND" });
  }
  if (row.userId === checkerId) return fail({ code: "FORBIDDEN", reason: "own_request", trailId: row.id });
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return fail({ code: "ALREADY_DECIDED", reason: "expired", trailId: row.id });
  return fail({ code: "ALREADY_DECIDED", trailId: row.id });
}

/** Approves and carries out a request. */
export async function approveRequest(db: Db, checker: Actor, trailId: string): Promise<OperationResult> {
  const now = new Date();
  const [taken] = await db
    .update(trail)
    .set({ status: "pending", decidedById: checker.id, decidedByName: checker.name, decidedAt: now })
    .where(and(eq(trail.id, trailId), eq(trail.status, "awaiting_approval"), ne(trail.userId, checker.id), sql`${trail.expiresAt} > now()`))
    .returning();
  if (!taken) return refusalOf(await findTrailById(db, trailId), checker.id, now);

  const kind = WRITE_KINDS[taken.operation as WriteOperation];
  const basedOn = taken.orderBefore as TServiceOrder;
  const submission = { ...(taken.requestInput as Omit<WriteSubmission, "basedOn" | "idempotencyKey">), basedOn, idempotencyKey: taken.idempotencyKey } as WriteSubmission;
  const built = kind ? await buildRequest(db, kind, submission) : fail<never>({ code: "NOT_FOUND" });
  if (!built.ok) {
    // The profile or its rules no longer allow it: the request ends without a call.
    await db
      .update(trail)
      .set({ status: "failed", resolvedAt: now, errorKind: "rules", reconcileNote: "approved, but the change could no longer be built; nothing was sent", inflightKey: null })
      .where(and(eq(trail.id, trailId), eq(trail.status, "pending")));
    return built;
  }
  // Carried out as approved: the policy is not asked again.
  return execute(db, taken, { ...built.data, approval: null }, { basedOn, approved: true });
}

export async function rejectRequest(db: Db, checker: Actor, trailId: string, comment: string): Promise<ActionResult<{ trailId: string }>> {
  const now = new Date();
  const [rejected] = await db
    .update(trail)
    .set({ status: "rejected", decidedById: checker.id, decidedByName: checker.name, decidedAt: now, decisionComment: comment, resolvedAt: now, inflightKey: null })
    .where(and(eq(trail.id, trailId), eq(trail.status, "awaiting_approval"), ne(trail.userId, checker.id)))
    .returning({ id: trail.id });
  return rejected ? ok({ trailId: rejected.id }) : refusalOf(await findTrailById(db, trailId), checker.id, now);
}

export async function withdrawRequest(db: Db, maker: Actor, trailId: string): Promise<ActionResult<{ trailId: string }>> {
  const now = new Date();
  const [withdrawn] = await db
    .update(trail)
    .set({ status: "withdrawn", decidedAt: now, resolvedAt: now, inflightKey: null })
    .where(and(eq(trail.id, trailId), eq(trail.status, "awaiting_approval"), eq(trail.userId, maker.id)))
    .returning({ id: trail.id });
  if (withdrawn) return ok({ trailId: withdrawn.id });
  const row = await findTrailById(db, trailId);
  if (row && row.status === "awaiting_approval" && row.userId !== maker.id) return fail({ code: "FORBIDDEN", reason: "not_maker", trailId });
  return refusalOf(row, "", now);
}

/** Requests past their time end as expired (the order is free again). Returns how many. */
export async function expireRequests(db: Db, now: Date = new Date()): Promise<number> {
  const expired = await db
    .update(trail)
    .set({ status: "expired", resolvedAt: now, inflightKey: null })
    .where(and(eq(trail.status, "awaiting_approval"), lte(trail.expiresAt, now)))
    .returning({ id: trail.id });
  return expired.length;
}
