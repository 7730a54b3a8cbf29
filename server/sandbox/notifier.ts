// The sandbox plays WeChat's part in notifications (PAYSCORE_API.md §5.3, Decision 21): when a CREATED
// order is confirmed it sends PAYSCORE.USER_CONFIRM, when the user pays through WeChat
// PAYSCORE.USER_PAID (not after a merchant's sync), to the identity's notify URL — the console's
// endpoint for that profile by default. The body's `resource` is the identity's full order object,
// encrypted with the identity's APIv3 key; the headers are signed like the identity's answers (the
// platform key, or for an identity in certificate mode its current platform certificate:
// ./certificates.ts), plus Wechatpay-Signature-Type. A 2xx answer within 5 s ends delivery; anything
// else is tried again on the real schedule (15 s, 15 s, 30 s, 3 min, … 24 h 4 min in all), multiplied by
// `timeScale` (tests run it at a fraction). Deliveries are kept in a log the control API shows.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { SandboxKeys } from "@/server/config/sandbox-keys";
import { encryptAead } from "@/server/wechatpay/aead";
import { buildResponseMessage, createNonce, signMessage, unixSeconds } from "@/server/wechatpay/crypto";
import { SANDBOX_IDENTITIES } from "@/server/sandbox/world";
import type { AnswerSigner } from "@/server/sandbox/certificates";
import type { SandboxOrderRecord } from "@/server/sandbox/types";

/** The retry schedule after the first attempt, in seconds (§5.3). */
export const RETRY_SCHEDULE_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600] as const;
const ANSWER_TIMEOUT_MS = 5_000;

export type NotifyEvent = "PAYSCORE.USER_CONFIRM" | "PAYSCORE.USER_PAID";

const SUMMARY: Record<NotifyEvent, string> = { "PAYSCORE.USER_CONFIRM": "用户确认订单", "PAYSCORE.USER_PAID": "用户支付成功" };

export interface NotifySettings {
  /** The console's origin; each identity's URL is <base>/api/wechatpay/notify/<identity id>. null = send nothing. */
  baseUrl: string | null;
  /** Per identity (id): a URL of its own, overriding the base. */
  urls: Record<string, string>;
  /** Multiplies the retry schedule (1 = the real one). */
  timeScale: number;
}

export interface DeliveryAttempt {
  at: string;
  /** The HTTP status, or null when no answer came (refused, timed out). */
  status: number | null;
  error: string | null;
}

export interface Delivery {
  id: string;
  identity: string;
  out_order_no: string;
  event_type: NotifyEvent;
  url: string;
  state: "sending" | "delivered" | "gave_up";
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
}

export function beijingRfc3339(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

export class Notifier {
  private readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly keys: SandboxKeys,
    private readonly now: () => Date,
    public settings: NotifySettings,
    /** Who signs a notification to this mchid: the platform key, or a platform certificate (./certificates.ts). */
    private readonly signerFor: (mchid: string) => AnswerSigner,
  ) {}

  list(filter: { out_order_no?: string } = {}): Delivery[] {
    return this.deliveries.filter((delivery) => filter.out_order_no === undefined || delivery.out_order_no === filter.out_order_no).map((delivery) => structuredClone(delivery));
  }

  clear(): void {
    this.cancelTimers();
    this.deliveries.length = 0;
  }

  close(): void {
    this.closed = true;
    this.cancelTimers();
  }

  private cancelTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private urlOf(identityId: string): string | null {
    const own = this.settings.urls[identityId];
    if (own) return own;
    return this.settings.baseUrl ? `${this.settings.baseUrl.replace(/\/+$/, "")}/api/wechatpay/notify/${encodeURIComponent(identityId)}` : null;
  }

  /** Sends the event for the order as it now is (after the change that caused it). */
  notify(record: SandboxOrderRecord, eventType: NotifyEvent): Delivery | null {
    const identity = SANDBOX_IDENTITIES.find((candidate) => candidate.mchid === record.mchid);
    const key = this.keys.apiV3Keys.get(record.mchid);
    if (!identity || !key) return null;
    const url = this.urlOf(identity.id);
    if (!url || this.closed) return null;
    const nonce = randomBytes(9).toString("base64url").slice(0, 12);
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: beijingRfc3339(this.now()),
      resource_type: "encrypt-resource",
      event_type: eventType,
      summary: SUMMARY[eventType],
      resource: {
        original_type: "payscore",
        algorithm: "AEAD_AES_256_GCM",
        ciphertext: encryptAead(key, nonce, "payscore", JSON.stringify(record.order)),
        associated_data: "payscore",
        nonce,
      },
    });
    const delivery: Delivery = {
      id: (JSON.parse(body) as { id: string }).id,
      identity: identity.id,
      out_order_no: record.order.out_order_no,
      event_type: eventType,
      url,
      state: "sending",
      attempts: [],
      nextAttemptAt: this.now().toISOString(),
    };
    this.deliveries.push(delivery);
    void this.attempt(delivery, body);
    return structuredClone(delivery);
  }

  private async attempt(delivery: Delivery, body: string): Promise<void> {
    if (this.closed) return;
    const at = this.now();
    // Signed at each attempt (a retry carries a fresh timestamp, as WeChat's do).
    const timestamp = unixSeconds(at);
    const nonce = createNonce();
    // Signed by whatever signs this identity's answers now (a rotated certificate included).
    const signer = this.signerFor(SANDBOX_IDENTITIES.find((identity) => identity.id === delivery.identity)?.mchid ?? "");
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Wechatpay-Timestamp": timestamp,
          "Wechatpay-Nonce": nonce,
          "Wechatpay-Signature": signMessage(buildResponseMessage(timestamp, nonce, body), signer.privateKey),
          "Wechatpay-Serial": signer.serial,
          "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
        },
        body,
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? cause.name : "error";
    }
    delivery.attempts.push({ at: at.toISOString(), status, error });
    if (status !== null && status >= 200 && status < 300) {
      delivery.state = "delivered";
      delivery.nextAttemptAt = null;
      return;
    }
    const wait = RETRY_SCHEDULE_S[delivery.attempts.length - 1];
    if (wait === undefined) {
      delivery.state = "gave_up";
      delivery.nextAttemptAt = null;
      return;
    }
    const delayMs = Math.max(1, Math.round(wait * 1000 * this.settings.timeScale));
    delivery.nextAttemptAt = new Date(at.getTime() + delayMs).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, body);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}
