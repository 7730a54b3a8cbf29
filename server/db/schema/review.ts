// Supervisor review of trail rows. Review marks are their own data: `review_event` is the append-only
// history (who marked, flagged or cleared a flag, when, and why), `trail_review` the current state of
// a row, written in the same transaction as each event so that filtering by state is one indexed
// lookup. A trail row without a `trail_review` row is unreviewed. The trail row itself is never
// updated by a review.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
// Relative, not "@/…": drizzle-kit loads this file without the app's path aliases.
import { REVIEW_ACTIONS, REVIEW_STATES } from "../../../lib/review/states";
import { trail } from "./trail";

export { REVIEW_ACTIONS, REVIEW_STATES };
export type { ReviewAction, ReviewState } from "../../../lib/review/states";

export const reviewEvent = pgTable(
  "review_event",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trailId: uuid("trail_id")
      .notNull()
      .references(() => trail.id),
    action: text("action", { enum: REVIEW_ACTIONS }).notNull(),
    comment: text("comment"),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    userRole: text("user_role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    index("review_event_trail_idx").on(table.trailId, table.createdAt),
    check("review_event_action_check", sql`${table.action} in ('reviewed', 'flagged', 'unflagged')`),
  ],
);

export const trailReview = pgTable(
  "trail_review",
  {
    trailId: uuid("trail_id")
      .primaryKey()
      .references(() => trail.id),
    state: text("state", { enum: REVIEW_STATES }).notNull(),
    /** Copy of trail.created_at (immutable), so "flagged, newest first" is one index range. */
    trailCreatedAt: timestamp("trail_created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedByName: text("updated_by_name").notNull(),
    /** The comment of the latest flag or flag clearing (null for a plain "reviewed"). */
    lastComment: text("last_comment"),
  },
  (table) => [
    index("trail_review_state_idx").on(table.state, table.trailCreatedAt.desc(), table.trailId.desc()),
    check("trail_review_state_check", sql`${table.state} in ('unreviewed', 'reviewed', 'flagged')`),
  ],
);

/**
 * Per agent: how many trail rows they made, and how many of those are reviewed or flagged. Kept by
 * database triggers (drizzle/0002_review_counts.sql) on every trail insert and review state change,
 * in the same transaction, so the navigation's counts are a read of a handful of rows instead of a
 * count over the whole trail. Unreviewed = changes − reviewed − flagged.
 */
export const reviewCount = pgTable("review_count", {
  userId: text("user_id").primaryKey(),
  changes: integer("changes").notNull().default(0),
  reviewed: integer("reviewed").notNull().default(0),
  flagged: integer("flagged").notNull().default(0),
});

export type ReviewEventRow = typeof reviewEvent.$inferSelect;
export type TrailReviewRow = typeof trailReview.$inferSelect;
