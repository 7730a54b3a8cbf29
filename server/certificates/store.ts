// The platform_certificate table: the certificates a profile downloaded and trusted, stored once per
// profile and serial (several instances may download the same one: the first insert stands).
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { platformCertificate, type PlatformCertificateRow } from "@/server/db/schema";
import type { AcceptedCertificate } from "@/server/wechatpay/certificates";

export function findStoredCertificates(db: Db, profileId: string): Promise<PlatformCertificateRow[]> {
  return db.select().from(platformCertificate).where(eq(platformCertificate.profileId, profileId)).orderBy(platformCertificate.fetchedAt);
}

/** Inserts those not stored yet; returns the serials this call stored. */
export async function storeCertificates(db: Db, profileId: string, certificates: readonly AcceptedCertificate[], requestId: string | undefined): Promise<string[]> {
  if (certificates.length === 0) return [];
  const rows = await db
    .insert(platformCertificate)
    .values(
      certificates.map((certificate) => ({
        profileId,
        serialNo: certificate.serial,
        pem: certificate.pem,
        effectiveTime: certificate.effectiveTime,
        expireTime: certificate.expireTime,
        vouchedBy: certificate.vouchedBy,
        chainedTo: certificate.chainedTo,
        requestId: requestId ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ serialNo: platformCertificate.serialNo });
  return rows.map((row) => row.serialNo);
}
