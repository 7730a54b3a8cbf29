// When the browser asks again after a failed read, and how long it waits. Reads only: writes are
// never retried behind the agent's back (a POST that may have been applied is settled by a query
// on the server, and the form's "retry" resends with the same idempotency key).
//
// - An answer that will not change is not asked again: 400 (a bad order number), 401 (signed out),
//   403 (wrong role), 404 (no such order), and a WeChat error WeChat itself calls final
//   (PARAM_ERROR, SIGN_ERROR, NO_AUTH, …).
// - Rate limiting (WeChat's 429 FREQUENCY_LIMITED, which our route answers as 502 with the upstream
//   code) is asked again, but slowly: every poll of every open tab counts against the merchant's
//   limit, so hammering it would only prolong the limit.
// - Everything else (network down, 5xx, a timeout upstream) is asked again with exponential backoff;
//   a Retry-After from our route (503 while the database is away) is honoured.
// TanStack Query pauses retries while the tab is hidden or the browser offline, and the error is
// shown only after the last retry failed: one 429 no longer puts a banner on the page.
import { ApiError } from "./fetch-json";

export const MAX_READ_RETRIES = 3;
export const MAX_RATE_LIMITED_RETRIES = 4;
export const BASE_DELAY_MS = 1_000;
export const RATE_LIMITED_BASE_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 30_000;

const RATE_LIMIT_CODES = new Set(["FREQUENCY_LIMITED", "RATE_LIMITED"]);

export function isRateLimited(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 429 || error.upstreamStatus === 429 || (error.upstreamCode !== null && RATE_LIMIT_CODES.has(error.upstreamCode));
}

/** True when asking again unchanged cannot give another answer. */
export function isFinal(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (isRateLimited(error)) return false;
  if (error.status >= 400 && error.status < 500 && error.status !== 408) return true;
  return error.upstreamRetryable === false;
}

export function shouldRetryRead(failureCount: number, error: unknown): boolean {
  if (isFinal(error)) return false;
  return failureCount < (isRateLimited(error) ? MAX_RATE_LIMITED_RETRIES : MAX_READ_RETRIES);
}

/** `failureCount` is 0 before the first retry. */
export function readRetryDelay(failureCount: number, error: unknown): number {
  const base = isRateLimited(error) ? RATE_LIMITED_BASE_DELAY_MS : BASE_DELAY_MS;
  const backoff = Math.min(base * 2 ** failureCount, MAX_DELAY_MS);
  const asked = error instanceof ApiError ? (error.retryAfterMs ?? 0) : 0;
  return Math.min(Math.max(backoff, asked), MAX_DELAY_MS);
}
