// A WeChat Pay notification arriving at /api/wechatpay/notify/<profileId>: verified with the
// profile's keys and decrypted with its APIv3 key (server/wechatpay/notify.ts), then stored once. A
// Payscore order event (USER_CONFIRM, USER_PAID) also updates what the console knows of the order:
// it is compared with the trail (drift detection: a difference no row explains becomes an external
// change) and pushed to the order pages open on it. Other event types are stored and shown only.
// The answer is what WeChat expects: 204 when stored (a duplicate too), 4xx/5xx with
// {"code":"FAIL","message":…} otherwise. A refused notification changes nothing and is logged with
// the reason only — never its body. A profile in platform-certificate mode that meets an unknown
// Wechatpay-Serial first asks its certificate keeper (server/certificates/keeper.ts), as its client does.
import "server-only";
import { isOrderEvent } from "@/lib/payscore/notification";
import { ZServiceOrder } from "@/lib/payscore/order";
import type { Db } from "@/server/db";
import { notification } from "@/server/db/schema";
import { getProfile } from "@/server/config/profiles";
import { NotificationError, readNotification } from "@/server/wechatpay/notify";
import { describeErrorForLog } from "@/server/db/errors";
import { observeOrder, readLedger } from "@/server/orders/ledger";
import { clientFor, resolveTarget } from "@/server/orders/target";
import { certificateKeeperFor } from "@/server/certificates/keeper";
import { publishOrderEvent } from "./bus";

export interface NotifyAnswer {
  status: number;
  body: { code: "FAIL"; message: string } | null;
}

const REFUSAL_STATUS = { body_too_large: 413, signature_type: 401, signature: 401, stale: 401, malformed: 400, decrypt: 400 } as const;

function refuse(status: number, message: string): NotifyAnswer {
  return { status, body: { code: "FAIL", message } };
}

export async function receiveNotification(
  db: Db,
  profileId: string,
  request: { headers: { get(name: string): string | null }; rawBody: string },
  now: Date = new Date(),
): Promise<NotifyAnswer> {
  const profile = getProfile(profileId);
  if (!profile) {
    console.warn(`[notify] refused: no profile ${JSON.stringify(profileId.slice(0, 40))}`);
    return refuse(404, "unknown profile");
  }
  if (!profile.apiV3Key) {
    console.error(`[notify] ${profile.id}: refused: no APIv3 key configured (apiV3KeyPath)`);
    return refuse(500, "not configured");
  }
  const serial = request.headers.get("wechatpay-serial");
  if (profile.certificateMode && serial && !profile.verifiers.has(serial)) {
    // Adds the key to profile.verifiers when a renewed certificate verifies; else the refusal below.
    await certificateKeeperFor(profile).resolveUnknownSerial(serial, clientFor(profile));
  }
  let read: ReturnType<typeof readNotification>;
  try {
    read = readNotification({ headers: request.headers, rawBody: request.rawBody, verifiers: profile.verifiers, apiV3Key: profile.apiV3Key, now });
  } catch (error) {
    if (!(error instanceof NotificationError)) throw error;
    console.warn(`[notify] ${profile.id}: refused (${error.reason}): ${error.message}`);
    return refuse(REFUSAL_STATUS[error.reason], error.reason);
  }
  const { notification: envelope, plaintext } = read;
  const order = isOrderEvent(envelope.event_type) ? ZServiceOrder.safeParse(plaintext) : null;
  const orderData = order?.success ? order.data : null;
  const inserted = await db
    .insert(notification)
    .values({
      profileId: profile.id,
      notificationId: envelope.id,
      eventType: envelope.event_type,
      summary: envelope.summary ?? null,
      createTime: envelope.create_time,
      resource: plaintext ?? {},
      subMchid: orderData?.sub_mchid ?? null,
      outOrderNo: orderData?.out_order_no ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: notification.id, receivedAt: notification.receivedAt });
  const stored = inserted[0];
  // A duplicate: already stored and acted on.
  if (!stored || !orderData) return { status: 204, body: null };

  const target = resolveTarget(profile.id, profile.mode === "merchant" ? null : (orderData.sub_mchid ?? null));
  if (target) {
    const ref = { profileId: profile.id, subMchid: target.subMerchant?.sub_mchid ?? null, outOrderNo: orderData.out_order_no };
    try {
      await observeOrder(db, await readLedger(db, ref), orderData);
    } catch (error) {
      console.error(`[notify] ${profile.id}: drift check of ${orderData.out_order_no} failed: ${describeErrorForLog(error)}`);
    }
    await publishOrderEvent({
      id: stored.id,
      eventType: envelope.event_type,
      ...ref,
      order: orderData,
      receivedAt: stored.receivedAt.toISOString(),
    }).catch((error: unknown) => console.error(`[notify] ${profile.id}: could not tell open pages: ${describeErrorForLog(error)}`));
  }
  return { status: 204, body: null };
}
