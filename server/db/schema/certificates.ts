// Platform certificates (平台证书) downloaded from GET /v3/certificates for profiles in
// platform-certificate mode, kept once per profile and serial (server/certificates/). Only
// certificates that passed every check of server/wechatpay/certificates.ts are written; the ones
// configured in the profiles file are not stored here (the file stays their source).
import { pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const platformCertificate = pgTable(
  "platform_certificate",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: text("profile_id").notNull(),
    /** Upper-case hex, the certificate's own serial number (= serial_no = Wechatpay-Serial). */
    serialNo: text("serial_no").notNull(),
    pem: text("pem").notNull(),
    /** The certificate's validity period (not the times the answer declared). */
    effectiveTime: timestamp("effective_time", { withTimezone: true, mode: "date" }).notNull(),
    expireTime: timestamp("expire_time", { withTimezone: true, mode: "date" }).notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The already trusted key that verified the download: the answer's Wechatpay-Serial, or the root that certified its signer. */
    vouchedBy: text("vouched_by").notNull(),
    /** The root or trusted certificate that issued it (verified signature); null: the same issuer name only. */
    chainedTo: text("chained_to"),
    /** Request-ID of the answer it came in. */
    requestId: text("request_id"),
  },
  // Also the index for "every certificate of a profile".
  (table) => [unique("platform_certificate_once").on(table.profileId, table.serialNo)],
);

export type PlatformCertificateRow = typeof platformCertificate.$inferSelect;
