// GET /v3/certificates (平台证书), PAYSCORE_API.md Decision 23: the platform certificates, each PEM
// encrypted with the merchant's APIv3 key like a notification resource (§5.3). Loose: unknown fields
// are kept. What a certificate must be to be trusted is server/wechatpay/certificates.ts.
import * as z from "zod/mini";

export const ZEncryptedCertificate = z.looseObject({
  algorithm: z.literal("AEAD_AES_256_GCM"),
  nonce: z.string().check(z.minLength(1), z.maxLength(64)),
  associated_data: z.optional(z.string().check(z.maxLength(256))),
  ciphertext: z.string().check(z.minLength(1), z.maxLength(65_536)),
});

export const ZPlatformCertificateEntry = z.looseObject({
  /** Hex, as the certificate's own serial number. */
  serial_no: z.string().check(z.regex(/^[0-9A-Fa-f]{1,64}$/)),
  /** RFC 3339, e.g. 2026-12-07T10:34:56+08:00. */
  effective_time: z.string().check(z.maxLength(64)),
  expire_time: z.string().check(z.maxLength(64)),
  encrypt_certificate: ZEncryptedCertificate,
});

export const ZPlatformCertificates = z.looseObject({
  data: z.array(ZPlatformCertificateEntry).check(z.minLength(1), z.maxLength(20)),
});
export type TPlatformCertificates = z.infer<typeof ZPlatformCertificates>;
