// Four-eyes approval policies (lib/approvals/policy.ts), one per profile and optionally one per
// sub-merchant (sub_mchid '' = the whole profile), and the history of every change to them: who,
// when, the policy before and after. The requests themselves are trail rows (status
// awaiting_approval …): they hold the order like a call in flight.
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, boolean, index } from "drizzle-orm/pg-core";

export const approvalPolicy = pgTable(
  "approval_policy",
  {
    profileId: text("profile_id").notNull(),
    /** '' = every sub-merchant of the profile (and merchant-mode profiles). */
    subMchid: text("sub_mchid").notNull().default(""),
    maxReductionFen: integer("max_reduction_fen"),
    maxReductionPercent: integer("max_reduction_percent"),
    maxCompleteRiskPercent: integer("max_complete_risk_percent"),
    reasonCategories: jsonb("reason_categories").$type<string[]>().notNull().default([]),
    cancelCompleted: boolean("cancel_completed").notNull().default(false),
    expiresHours: integer("expires_hours").notNull().default(24),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedById: text("updated_by_id").notNull(),
    updatedByName: text("updated_by_name").notNull(),
  },
  (table) => [primaryKey({ columns: [table.profileId, table.subMchid] })],
);

export const approvalPolicyEvent = pgTable(
  "approval_policy_event",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: text("profile_id").notNull(),
    subMchid: text("sub_mchid").notNull(),
    /** null: there was none (created); the `after` null: removed. */
    before: jsonb("before"),
    after: jsonb("after"),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("approval_policy_event_idx").on(table.profileId, table.subMchid, table.createdAt.desc())],
);

export type ApprovalPolicyRow = typeof approvalPolicy.$inferSelect;
export type ApprovalPolicyEventRow = typeof approvalPolicyEvent.$inferSelect;
