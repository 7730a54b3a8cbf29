// WeChat Pay notifications (回调) for Payscore, PAYSCORE_API.md §5.3: the envelope as it arrives and
// its encrypted `resource`. Loose: unknown fields are kept. The decrypted plaintext of the two events
// the console acts on is the order object (./order.ts).
import * as z from "zod/mini";

export const PAYSCORE_EVENT_TYPES = [
  "PAYSCORE.USER_CONFIRM",
  "PAYSCORE.USER_PAID",
  "PAYSCORE.USER_ACCEPTED",
  "PAYSCORE.USER_OPEN_SERVICE",
  "PAYSCORE.USER_CLOSE_SERVICE",
  "PAYSCORE.MCH_PREPAY",
  "PAYSCORE.BIND_SERVICE_ACCOUNT",
  "PAYSCORE.USER_SIGN_PLAN",
  "PAYSCORE.USER_CANCEL_SIGN_PLAN",
] as const;

/** The events that change what the console knows of an order; the others are stored and shown. */
export const ORDER_EVENT_TYPES = ["PAYSCORE.USER_CONFIRM", "PAYSCORE.USER_PAID"] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export function isOrderEvent(eventType: string): eventType is OrderEventType {
  return (ORDER_EVENT_TYPES as readonly string[]).includes(eventType);
}

export const ZNotificationResource = z.looseObject({
  original_type: z.optional(z.string()),
  algorithm: z.literal("AEAD_AES_256_GCM"),
  ciphertext: z.string().check(z.minLength(1), z.maxLength(65_536)),
  associated_data: z.optional(z.string().check(z.maxLength(256))),
  nonce: z.string().check(z.minLength(1), z.maxLength(64)),
});

export const ZNotification = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  create_time: z.string().check(z.maxLength(64)),
  event_type: z.string().check(z.minLength(1), z.maxLength(64)),
  resource_type: z.literal("encrypt-resource"),
  summary: z.optional(z.string().check(z.maxLength(256))),
  resource: ZNotificationResource,
});
export type TNotification = z.infer<typeof ZNotification>;
