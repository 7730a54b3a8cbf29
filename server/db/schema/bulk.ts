// Bulk adjustments (issue #14): a batch is one uploaded file; its rows are the file's lines, each
// checked by the dry run (verdict, totals before → after, the order as WeChat showed it then) and,
// once the batch runs, carried out through the one operation runner (server/orders/operation.ts)
// with a trail row of its own (trail.bulk_batch_id). Rows are claimed from here by any app instance
// (claimed_by / claimed_at, FOR UPDATE SKIP LOCKED), so several instances share one batch. The rate
// limit per merchant identity lives in bulk_rate, shared by every instance on the database.
import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { BULK_BATCH_STATUSES, BULK_ROW_STATUSES, type BulkEncoding, type BulkPreviewTotals, type BulkRowCells, type BulkRowInput, type BulkRowProblem, type BulkVerdict } from "../../../lib/bulk/types";
import type { ApprovalReason } from "../../../lib/approvals/policy";

const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));

export const bulkBatch = pgTable(
  "bulk_batch",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: text("status", { enum: BULK_BATCH_STATUSES }).notNull().default("checking"),
    fileName: text("file_name").notNull(),
    encoding: text("encoding").$type<BulkEncoding>().notNull(),
    createdById: text("created_by_id").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdByRole: text("created_by_role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    rowCount: integer("row_count").notNull(),
    /** Rows the dry run has checked so far (progress while `checking`). */
    checked: integer("checked").notNull().default(0),
    /** The dry run's totals, once it is done. */
    totals: jsonb("totals").$type<BulkPreviewTotals>(),
    // Four-eyes for the batch as a whole: why, until when, who decided.
    approvalRequired: boolean("approval_required").notNull().default(false),
    approvalReasons: jsonb("approval_reasons").$type<ApprovalReason[]>().notNull().default([]),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    decidedById: text("decided_by_id"),
    decidedByName: text("decided_by_name"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    decisionComment: text("decision_comment"),
    // The last pause / resume / cancel, and by whom.
    controlAction: text("control_action", { enum: ["paused", "resumed", "cancelled"] }),
    controlByName: text("control_by_name"),
    controlAt: timestamp("control_at", { withTimezone: true, mode: "date" }),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    index("bulk_batch_created_idx").on(table.createdAt.desc()),
    index("bulk_batch_active_idx").on(table.status).where(sql`${table.status} in ('checking', 'queued', 'running')`),
    check("bulk_batch_status_check", sql`${table.status} in (${inList(BULK_BATCH_STATUSES)})`),
  ],
);

export const bulkRow = pgTable(
  "bulk_row",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => bulkBatch.id),
    line: integer("line").notNull(),
    profileId: text("profile_id").notNull().default(""),
    subMchid: text("sub_mchid"),
    outOrderNo: text("out_order_no").notNull().default(""),
    /** The line's cells as uploaded (what the errors CSV gives back to fix and upload again). */
    cells: jsonb("cells").$type<BulkRowCells>(),
    /** The parsed line; null when the line could not be parsed (its problems say why). */
    input: jsonb("input").$type<BulkRowInput>(),
    /** Null until the dry run checked the row. */
    verdict: text("verdict").$type<BulkVerdict>(),
    problems: jsonb("problems").$type<BulkRowProblem[]>().notNull().default([]),
    totalBefore: integer("total_before"),
    totalAfter: integer("total_after"),
    approvalReasons: jsonb("approval_reasons").$type<ApprovalReason[]>().notNull().default([]),
    /** The order as the dry run read it: execution sends nothing if the order differs now. */
    orderSnapshot: jsonb("order_snapshot"),
    /** The modify submission the dry run built (lines, total, reason): what execution sends. */
    submission: jsonb("submission"),
    status: text("status", { enum: BULK_ROW_STATUSES }).notNull().default("pending"),
    outcomeCode: text("outcome_code"),
    outcomeMessage: text("outcome_message"),
    requestId: text("request_id"),
    trailId: uuid("trail_id"),
    /** Trail rows made for this row so far; the current attempt's idempotency key is bulk:<id>:<attempts>. */
    attempts: integer("attempts").notNull().default(0),
    /** Rate-limited (429) retries, counted apart from the bounded retries of other faults. */
    throttled: integer("throttled").notNull().default(0),
    claimedBy: text("claimed_by"),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
    notBefore: timestamp("not_before", { withTimezone: true, mode: "date" }),
    checkedAt: timestamp("checked_at", { withTimezone: true, mode: "date" }),
    settledAt: timestamp("settled_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    unique("bulk_row_line_unique").on(table.batchId, table.line),
    index("bulk_row_batch_status_idx").on(table.batchId, table.status, table.line),
    index("bulk_row_settled_idx").on(table.batchId, table.settledAt),
    check("bulk_row_status_check", sql`${table.status} in (${inList(BULK_ROW_STATUSES)})`),
  ],
);

/** One token bucket per merchant identity and API (e.g. "1900000109:modify"), shared by every instance. */
export const bulkRate = pgTable("bulk_rate", {
  key: text("key").primaryKey(),
  /** The next free slot: a call waits until then, and moves it on by 1/rate. */
  nextAt: timestamp("next_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  /** Calls per second now: the configured rate, halved by each 429, recovering slowly. */
  rate: doublePrecision("rate").notNull(),
  throttledAt: timestamp("throttled_at", { withTimezone: true, mode: "date" }),
});

export type BulkBatchRow = typeof bulkBatch.$inferSelect;
export type BulkRowRow = typeof bulkRow.$inferSelect;
