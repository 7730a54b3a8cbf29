// One idempotency key per submission, in the browser: the same values sent again after an unknown
// outcome reuse the key (the server replays or reconciles instead of charging twice); a definitive
// answer, or different values, get a new one.
import type { ActionResult } from "../actions/result";

/**
 * A definitive answer settles the submission: the next one gets a new idempotency key. Not
 * definitive: the outcome is unknown (or the call to our own server failed, `null`) — a retry must
 * reuse the key so the server replays or reconciles instead of charging twice.
 */
export function isDefinitive(result: ActionResult<unknown> | null): boolean {
  if (result === null) return false;
  if (result.ok) return true;
  return result.error.code !== "OUTCOME_UNKNOWN" && result.error.code !== "INTERNAL_ERROR";
}

/** A v4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not (http on a LAN host). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") {
    try {
      return c.randomUUID();
    } catch {
      // fall through: not a secure context
    }
  }
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per submission: the same values sent again (a retry after an unknown outcome) reuse the
 * key; different values, or anything after a definitive answer, get a new one.
 */
export function createIdempotencyKeeper(generate: () => string = newIdempotencyKey) {
  let current: { key: string; fingerprint: string } | null = null;
  return {
    keyFor(fingerprint: string): string {
      if (current === null || current.fingerprint !== fingerprint) current = { key: generate(), fingerprint };
      return current.key;
    },
    settle(result: ActionResult<unknown> | null): void {
      if (isDefinitive(result)) current = null;
    },
  };
}

/** A stable fingerprint of what a submission sends (everything but the key itself). */
export function submissionFingerprint(values: object): string {
  return JSON.stringify(values, (key, value: unknown) => (key === "idempotencyKey" ? undefined : value));
}
