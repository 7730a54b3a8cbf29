// Everything one running sandbox holds: orders, faults, request log, settings, keys and clock.
// Shared by the HTTP layer (server.ts) and the control API (control.ts).
import "server-only";
import type { SandboxKeys } from "@/server/config/sandbox-keys";
import { SandboxCertificates } from "@/server/sandbox/certificates";
import { FaultRegistry } from "@/server/sandbox/faults";
import { Notifier, type NotifySettings } from "@/server/sandbox/notifier";
import { payOrder, type OperationSettings } from "@/server/sandbox/operations";
import { RequestLog } from "@/server/sandbox/request-log";
import { buildSeedRecords } from "@/server/sandbox/seed";
import { buildHistoryRecords } from "@/server/sandbox/history";
import { OrderStore } from "@/server/sandbox/store";
import type { SandboxOrderRecord } from "@/server/sandbox/types";

export function defaultSettings(): OperationSettings {
  return { autoPayAfterMs: null, autoPayModes: ["merchant", "partner"] };
}

export class SandboxState {
  readonly store: OrderStore;
  readonly faults = new FaultRegistry();
  readonly log = new RequestLog();
  readonly notifier: Notifier;
  /** Which identities answer in platform-certificate mode, and the certificates they sign with. */
  readonly certificates: SandboxCertificates;
  settings: OperationSettings;
  readonly startedAt: string;
  private readonly initialSettings: OperationSettings;
  private readonly initialNotify: NotifySettings;

  constructor(
    readonly keys: SandboxKeys,
    readonly dataFile: string | null,
    readonly now: () => Date,
    seed: boolean,
    initialSettings?: Partial<OperationSettings>,
    notify?: Partial<NotifySettings>,
    history = false,
    certificateIdentities: readonly string[] = [],
  ) {
    this.certificates = new SandboxCertificates(keys, certificateIdentities, now);
    this.initialNotify = { baseUrl: null, urls: {}, timeScale: 1, ...notify };
    this.notifier = new Notifier(keys, now, { ...this.initialNotify, urls: { ...this.initialNotify.urls } }, (mchid) => this.certificates.signerFor(mchid));
    this.store = new OrderStore(dataFile, () => (seed ? [...buildSeedRecords(this.now()), ...(history ? buildHistoryRecords(this.now()) : [])] : []));
    this.initialSettings = { ...defaultSettings(), ...initialSettings };
    this.settings = { ...this.initialSettings };
    this.startedAt = new Date().toISOString();
  }

  /** Restores the demo orders, clears faults and the request log, restores the start settings and certificates. */
  reset(): void {
    this.certificates.reset();
    this.store.reset();
    this.faults.clear();
    this.log.clear();
    this.settings = { ...this.initialSettings };
    this.notifier.clear();
    this.notifier.settings = { ...this.initialNotify, urls: { ...this.initialNotify.urls } };
  }

  /** Marks paid every order whose auto-pay time has come. Returns how many. */
  settleDuePayments(): number {
    const nowMs = this.now().getTime();
    const due: SandboxOrderRecord[] = [];
    for (const record of this.store.list()) {
      if (record.autoPayAt === null || record.autoPayAt > nowMs) continue;
      const result = payOrder(record, this.now());
      due.push(result.ok ? result.record : { ...record, autoPayAt: null });
    }
    this.store.putMany(due);
    // The user paid through WeChat: the merchant is told.
    for (const record of due) if (record.order.collection?.state === "USER_PAID") this.notifier.notify(record, "PAYSCORE.USER_PAID");
    return due.length;
  }
}
