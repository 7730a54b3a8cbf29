// Keeps the platform certificates of a profile in platform-certificate mode (Profile.certificateMode):
// at start it loads the ones stored in the database and downloads GET /v3/certificates; when an answer
// (or a notification) names a Wechatpay-Serial the profile has no key for — WeChat renewed its
// certificate — it looks again: the database first (another instance may have downloaded it), then a
// download. Whatever passes every check of server/wechatpay/certificates.ts is stored (once per
// profile and serial) and its key added to the profile's `verifiers`, the map the profile's client
// and the notification route verify with. A certificate that did not verify is never used.
//
// Limits, so that forged serials cannot make the console download in a loop:
//   - one download at a time per profile (single flight): concurrent callers share it;
//   - after a download that did not deliver the unknown serial it was started for, the next one for
//     an unknown serial waits `minGapMs` (10 s) — a renewal that was found does not hold the next;
//   - a serial that a download did not deliver is answered "unknown" for `missRetryMs` (60 s),
//     without downloading (at most 64 such serials are remembered).
// A failed download is logged in one line (profile, reason; never keys or bodies) and the caller
// gets the original "unknown serial" refusal.
import "server-only";
import { X509Certificate, type KeyObject } from "node:crypto";
import { getDb, type Db } from "@/server/db";
import type { Profile } from "@/server/config/profiles";
import type { WechatPayClient } from "@/server/wechatpay/client";
import { describeErrorForLog } from "@/server/db/errors";
import { downloadPlatformCertificates, isStillTrustworthy, PlatformCertificateError, type CertificateTrust } from "@/server/wechatpay/certificates";
import { PUBLIC_KEY_ID_PREFIX } from "@/server/wechatpay/signature";
import { findStoredCertificates, storeCertificates } from "./store";

export type KeptProfile = Pick<Profile, "id" | "verifiers" | "apiV3Key" | "certificateMode">;

export interface CertificateKeeperOptions {
  profile: KeptProfile;
  db: () => Promise<Db>;
  now?: () => Date;
  minGapMs?: number;
  missRetryMs?: number;
  log?: (line: string) => void;
}

export interface RefreshResult {
  /** Serials whose keys this refresh added to the profile (from the database or the download). */
  added: string[];
  /** Serials this refresh wrote to the database. */
  stored: string[];
  /** Serials listed but not valid now. */
  notValidNow: string[];
  /** Who signed the download's answer. */
  answerSerial: string;
}

const MAX_REMEMBERED_MISSES = 64;
const CERTIFICATE_SERIAL = /^[0-9A-Fa-f]{1,64}$/;

export class CertificateKeeper {
  private readonly profile: KeptProfile;
  private readonly db: () => Promise<Db>;
  private readonly now: () => Date;
  private readonly minGapMs: number;
  private readonly missRetryMs: number;
  private readonly log: (line: string) => void;
  /** Every platform certificate trusted now: configured, stored, downloaded. */
  private readonly trusted: X509Certificate[];
  private inFlight: Promise<RefreshResult> | null = null;
  private lastFruitlessAt = Number.NEGATIVE_INFINITY;
  private readonly misses = new Map<string, number>();

  constructor(options: CertificateKeeperOptions) {
    if (!options.profile.certificateMode) throw new TypeError(`Profile ${options.profile.id} is not in platform-certificate mode`);
    if (!options.profile.apiV3Key) throw new TypeError(`Profile ${options.profile.id} has no APIv3 key`);
    this.profile = options.profile;
    this.db = options.db;
    this.now = options.now ?? (() => new Date());
    this.minGapMs = options.minGapMs ?? 10_000;
    this.missRetryMs = options.missRetryMs ?? 60_000;
    this.log = options.log ?? ((line) => console.warn(line));
    this.trusted = [...options.profile.certificateMode.certificates];
  }

  private get trust(): CertificateTrust {
    return { certificates: this.trusted, roots: this.profile.certificateMode?.roots ?? [] };
  }

  private add(serial: string, certificate: X509Certificate): boolean {
    // A key already known is never replaced.
    if (this.profile.verifiers.has(serial)) return false;
    this.profile.verifiers.set(serial, certificate.publicKey);
    this.trusted.push(certificate);
    this.misses.delete(serial);
    return true;
  }

  /** Adds the stored certificates that are still trustworthy (valid now, chaining as configured today). */
  async loadStored(): Promise<string[]> {
    const rows = await findStoredCertificates(await this.db(), this.profile.id);
    const added: string[] = [];
    for (const row of rows) {
      if (this.profile.verifiers.has(row.serialNo)) continue;
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(row.pem);
      } catch {
        continue;
      }
      if (certificate.serialNumber.toUpperCase() !== row.serialNo || !isStillTrustworthy(certificate, this.trust, this.now())) continue;
      if (this.add(row.serialNo, certificate)) added.push(row.serialNo);
    }
    return added;
  }

  /** Loads what is stored, then downloads /v3/certificates and keeps what is new. One at a time. */
  refresh(client: WechatPayClient): Promise<RefreshResult> {
    if (!this.inFlight) {
      const running = this.download(client);
      const clear = () => {
        if (this.inFlight === running) this.inFlight = null;
      };
      running.then(clear, clear);
      this.inFlight = running;
    }
    return this.inFlight;
  }

  private async download(client: WechatPayClient): Promise<RefreshResult> {
    const fromDatabase = await this.loadStored();
    const downloaded = await downloadPlatformCertificates(client, { apiV3Key: this.profile.apiV3Key as Buffer, trust: this.trust, now: this.now() });
    const fresh = downloaded.certificates.filter((certificate) => !this.profile.verifiers.has(certificate.serial));
    // Stored before use: a key the console verifies with is one it can show where it came from.
    const stored = await storeCertificates(await this.db(), this.profile.id, fresh, downloaded.requestId);
    const added = [...fromDatabase];
    for (const certificate of fresh) if (this.add(certificate.serial, certificate.certificate)) added.push(certificate.serial);
    if (added.length > 0) this.log(`[certificates] ${this.profile.id}: now trusting platform certificate${added.length > 1 ? "s" : ""} ${added.join(", ")} (answer signed by ${downloaded.answerSerial})`);
    return { added, stored, notValidNow: downloaded.notValidNow, answerSerial: downloaded.answerSerial };
  }

  /**
   * For the client (and the notification route): the key of a Wechatpay-Serial the profile lacks,
   * after at most one refresh within the limits above; null when there is none to be trusted.
   */
  async resolveUnknownSerial(serial: string, client: WechatPayClient): Promise<KeyObject | null> {
    const known = this.profile.verifiers.get(serial);
    if (known) return known;
    // A 微信支付公钥 is configured, never downloaded; anything else that is not hex is not a serial.
    if (serial.startsWith(PUBLIC_KEY_ID_PREFIX) || !CERTIFICATE_SERIAL.test(serial)) return null;
    const nowMs = this.now().getTime();
    const missedAt = this.misses.get(serial);
    if (missedAt !== undefined && nowMs - missedAt < this.missRetryMs) return null;
    if (!this.inFlight && nowMs - this.lastFruitlessAt < this.minGapMs) return null;
    try {
      await this.refresh(client);
    } catch (error) {
      this.log(`[certificates] ${this.profile.id}: refresh for unknown serial ${serial} failed: ${describeRefreshError(error)}`);
    }
    const key = this.profile.verifiers.get(serial) ?? null;
    if (!key) {
      this.lastFruitlessAt = nowMs;
      this.rememberMiss(serial, nowMs);
    }
    return key;
  }

  private rememberMiss(serial: string, nowMs: number): void {
    this.misses.delete(serial);
    this.misses.set(serial, nowMs);
    while (this.misses.size > MAX_REMEMBERED_MISSES) this.misses.delete(this.misses.keys().next().value as string);
  }
}

export function describeRefreshError(error: unknown): string {
  if (error instanceof PlatformCertificateError) return `${error.reason}: ${error.message}`;
  return describeErrorForLog(error);
}

const keepers = new Map<string, CertificateKeeper>();

/** The app's keeper of a profile in platform-certificate mode (one per profile), on the app's database. */
export function certificateKeeperFor(profile: KeptProfile): CertificateKeeper {
  let keeper = keepers.get(profile.id);
  if (!keeper) {
    keeper = new CertificateKeeper({ profile, db: getDb });
    keepers.set(profile.id, keeper);
  }
  return keeper;
}

/**
 * Start-up: for each profile in platform-certificate mode, load the stored certificates and download
 * the current ones. A failure is logged in one line and start-up goes on (the profile keeps the keys
 * it has; an unknown serial later tries again).
 */
export async function refreshCertificatesAtStart(profiles: readonly Profile[], clientFor: (profile: Profile) => WechatPayClient): Promise<void> {
  for (const profile of profiles) {
    if (!profile.certificateMode) continue;
    try {
      await certificateKeeperFor(profile).refresh(clientFor(profile));
    } catch (error) {
      console.error(`[certificates] ${profile.id}: platform certificates not refreshed at start: ${describeRefreshError(error)}`);
    }
  }
}
