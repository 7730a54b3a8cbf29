// The vocabulary of supervisor review, shared by the browser and the server (the database schema
// imports these lists too): what state a trail row's review is in, what a review event does, and
// which roles see every agent's changes rather than only their own.
import { can, type Role } from "../auth/roles";

export const REVIEW_STATES = ["unreviewed", "reviewed", "flagged"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_ACTIONS = ["reviewed", "flagged", "unflagged"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Mirrors server/db/schema/trail.ts (a test keeps the two equal; lib/ cannot import server/). */
export const TRAIL_OPERATION_VALUES = ["modify", "complete", "cancel", "sync", "external"] as const;
export type TrailOperationValue = (typeof TRAIL_OPERATION_VALUES)[number];
export const TRAIL_STATUS_VALUES = ["pending", "succeeded", "failed", "unknown", "awaiting_approval", "rejected", "withdrawn", "expired"] as const;
export type TrailStatusValue = (typeof TRAIL_STATUS_VALUES)[number];

/** Longest review comment (code points). */
export const REVIEW_COMMENT_MAX = 500;
/** Most rows one "mark reviewed" call may carry (a page holds 50). */
export const BULK_REVIEW_MAX = 200;

export type ReviewScope = { kind: "all" } | { kind: "own"; userId: string };

/**
 * Supervisors (who review) and admins (who export) see every agent's changes; everyone else sees
 * only the changes they made themselves, read-only.
 */
export function seesAllChanges(role: Role | null | undefined): boolean {
  return can(role, "canReview") || can(role, "canExport");
}

export function reviewScopeOf(user: { id: string; role: Role | null }): ReviewScope {
  return seesAllChanges(user.role) ? { kind: "all" } : { kind: "own", userId: user.id };
}
