// The audit trail: one row per modify / complete the console sends. Written `pending` before the
// upstream call and resolved after it; what was sent and received is never rewritten afterwards.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const TRAIL_STATUSES = ["pending", "succeeded", "failed", "unknown"] as const;
export type TrailStatus = (typeof TRAIL_STATUSES)[number];
export const TRAIL_OPERATIONS = ["modify", "complete"] as const;
export type TrailOperation = (typeof TRAIL_OPERATIONS)[number];

export const trail = pgTable(
  "trail",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    // who
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    userRole: text("user_role").notNull(),
    // when
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    // what
    profileId: text("profile_id").notNull(),
    mode: text("mode", { enum: ["merchant", "partner", "institution"] }).notNull(),
    subMchid: text("sub_mchid"),
    outOrderNo: text("out_order_no").notNull(),
    operation: text("operation", { enum: TRAIL_OPERATIONS }).notNull(),
    requestBody: jsonb("request_body").notNull(),
    orderBefore: jsonb("order_before"),
    orderAfter: jsonb("order_after"),
    totalBefore: integer("total_before"),
    totalAfter: integer("total_after"),
    delta: integer("delta"),
    // why
    reasonCategory: text("reason_category").notNull(),
    reasonText: text("reason_text").notNull(),
    internalNote: text("internal_note"),
    // outcome
    status: text("status", { enum: TRAIL_STATUSES }).notNull().default("pending"),
    errorKind: text("error_kind"),
    wechatCode: text("wechat_code"),
    wechatMessage: text("wechat_message"),
    httpStatus: integer("http_status"),
    requestId: text("request_id"),
    latencyMs: integer("latency_ms"),
    /** Set when a pending/unknown row was settled by querying the order afterwards. */
    reconciledAt: timestamp("reconciled_at", { withTimezone: true, mode: "date" }),
    reconcileNote: text("reconcile_note"),
  },
  (table) => [
    index("trail_created_at_idx").on(table.createdAt.desc(), table.id.desc()),
    index("trail_order_idx").on(table.profileId, table.outOrderNo, table.createdAt.desc()),
    index("trail_user_idx").on(table.userId, table.createdAt.desc()),
    // Review: order-number prefix search (LIKE 'x%' needs text_pattern_ops under a non-C collation).
    index("trail_out_order_no_prefix_idx").using("btree", table.outOrderNo.op("text_pattern_ops")),
    // Review: "sorted by difference" walks this instead of sorting every row (a failed row counts as 0).
    index("trail_delta_idx").on(sql`coalesce(${table.delta}, 0) desc nulls last`, table.createdAt.desc(), table.id.desc()),
    index("trail_status_idx").on(table.status).where(sql`${table.status} in ('pending', 'unknown')`),
    check("trail_status_check", sql`${table.status} in ('pending', 'succeeded', 'failed', 'unknown')`),
  ],
);

export type TrailRow = typeof trail.$inferSelect;
export type NewTrailRow = typeof trail.$inferInsert;
