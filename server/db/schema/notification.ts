// WeChat Pay notifications as received: every one that verified and decrypted, stored once (a
// notification id is unique per profile; WeChat sends duplicates, which are answered 204 and not
// stored again). `resource` is the decrypted plaintext (for Payscore order events, the order).
import { index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const notification = pgTable(
  "notification",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: text("profile_id").notNull(),
    /** WeChat's notification id. */
    notificationId: text("notification_id").notNull(),
    eventType: text("event_type").notNull(),
    summary: text("summary"),
    /** create_time as WeChat wrote it (RFC 3339). */
    createTime: text("create_time").notNull(),
    resource: jsonb("resource").notNull(),
    /** For order events: which order (null for other event types). */
    subMchid: text("sub_mchid"),
    outOrderNo: text("out_order_no"),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    unique("notification_once").on(table.profileId, table.notificationId),
    index("notification_order_idx").on(table.profileId, table.outOrderNo, table.receivedAt.desc()),
    index("notification_received_idx").on(table.receivedAt.desc()),
  ],
);

export type NotificationRow = typeof notification.$inferSelect;
