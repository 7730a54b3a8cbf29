// The audit trail: one row per modify / complete the console sends, and one per change of an order
// that WeChat shows but no row of ours explains ("external"). Written `pending` before the upstream
// call and resolved after it; what was sent and received is never rewritten afterwards. What is
// learnt about a row later (a change found applied after it was settled "not applied") is a
// `trail_event` of its own.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/**
 * pending / unknown: a call in flight or of unknown outcome; succeeded / failed: settled by WeChat's
 * answer or a query. A change that needs a second person's approval (four-eyes) waits as
 * awaiting_approval — nothing sent, the order held — and ends rejected, withdrawn (by its maker),
 * expired, or pending once approved (then as any other call).
 */
export const TRAIL_STATUSES = ["pending", "succeeded", "failed", "unknown", "awaiting_approval", "rejected", "withdrawn", "expired"] as const;
export type TrailStatus = (typeof TRAIL_STATUSES)[number];
export const TRAIL_OPERATIONS = ["modify", "complete", "cancel", "sync", "external"] as const;
export type TrailOperation = (typeof TRAIL_OPERATIONS)[number];
/** The operations the console itself sends (an "external" row records a change it did not make). */
export type WriteOperation = Exclude<TrailOperation, "external">;

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
    /**
     * The order's single in-flight slot: its key while this row's call is pending or of unknown
     * outcome, null once settled. Unique, so a second write on the same order cannot be claimed
     * while one is in flight — on any app instance (the database says no, not a lock in memory).
     */
    inflightKey: text("inflight_key").unique("trail_inflight_key_unique"),
    /** When the signed call was about to leave (null: it never left). Grace periods count from here. */
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    /**
     * Settled "not applied" by a query: not final proof (a request can still be running upstream), so
     * every later read of the order checks until then whether the change appeared ("applied late").
     */
    watchUntil: timestamp("watch_until", { withTimezone: true, mode: "date" }),
    // Four-eyes approval (lib/approvals/policy.ts): why the change needed a second person, what the
    // maker submitted (to run the change's rules again when it is approved), until when it may be
    // approved, and who decided — the maker stays in user_*, the checker is decided_by_*.
    approvalReasons: jsonb("approval_reasons"),
    requestInput: jsonb("request_input"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    decidedById: text("decided_by_id"),
    decidedByName: text("decided_by_name"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    decisionComment: text("decision_comment"),
    /** Bulk adjustments: the batch this row was sent for (null for a single change). */
    bulkBatchId: uuid("bulk_batch_id"),
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
    check(
      "trail_status_check",
      sql`${table.status} in ('pending', 'succeeded', 'failed', 'unknown', 'awaiting_approval', 'rejected', 'withdrawn', 'expired')`,
    ),
    index("trail_awaiting_idx").on(table.createdAt).where(sql`${table.status} = 'awaiting_approval'`),
    index("trail_watch_idx").on(table.watchUntil).where(sql`${table.watchUntil} is not null`),
    index("trail_bulk_batch_idx").on(table.bulkBatchId).where(sql`${table.bulkBatchId} is not null`),
  ],
);

export const TRAIL_EVENT_KINDS = ["applied_late"] as const;
export type TrailEventKind = (typeof TRAIL_EVENT_KINDS)[number];

/**
 * What was learnt about a trail row after it was settled, appended, never instead of the row:
 * "applied_late" — a row settled "not applied" whose change the order later showed (the evidence is
 * the order as then queried; delta is what it moved the total by, from what the trail expected).
 */
export const trailEvent = pgTable(
  "trail_event",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trailId: uuid("trail_id")
      .notNull()
      .references(() => trail.id),
    kind: text("kind", { enum: TRAIL_EVENT_KINDS }).notNull(),
    detectedAt: timestamp("detected_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    orderSeen: jsonb("order_seen").notNull(),
    totalSeen: integer("total_seen"),
    delta: integer("delta"),
    note: text("note"),
  },
  (table) => [unique("trail_event_once").on(table.trailId, table.kind), index("trail_event_trail_idx").on(table.trailId)],
);

export type TrailRow = typeof trail.$inferSelect;
export type NewTrailRow = typeof trail.$inferInsert;
export type TrailEventRow = typeof trailEvent.$inferSelect;
