// What a server action answers: data, or one error with a code from a closed list. Only this shape
// crosses to the browser; WeChat's own code, message and Request-ID ride along in `upstream`.
import type { RuleIssue } from "../payscore/issues";

export const APP_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "INVALID_INPUT",
  "NOT_FOUND",
  "ORDER_CHANGED",
  "ORDER_BUSY",
  "ALREADY_DECIDED",
  "STATE_NOT_ALLOWED",
  "RULE_VIOLATION",
  "UPSTREAM_ERROR",
  "OUTCOME_UNKNOWN",
  "INTERNAL_ERROR",
  /** The console's database cannot be reached; nothing of this request was saved by the console. */
  "SERVICE_UNAVAILABLE",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export interface UpstreamErrorInfo {
  kind: string;
  code: string;
  message: string;
  httpStatus: number | null;
  requestId: string | null;
  retryable: boolean;
}

export interface AppErrorInfo {
  code: AppErrorCode;
  /** Field-level problems (paths into the submitted values). */
  issues?: RuleIssue[];
  /** The state reason for STATE_NOT_ALLOWED (e.g. "paid", "partner_limit"). */
  reason?: string;
  upstream?: UpstreamErrorInfo;
  /** Trail row written for this attempt, if any. */
  trailId?: string;
  /**
   * ORDER_CHANGED / ORDER_BUSY: the order as it is now (the browser shows what changed against what
   * it showed). ORDER_BUSY: present once the other change settled.
   */
  currentOrder?: unknown;
  /** ORDER_BUSY: the change that holds the order (another write in flight, or of unknown outcome). */
  heldBy?: HeldBy;
}

export interface HeldBy {
  /** The name of who made it (from the users table when it was made). */
  name: string;
  operation: string;
  /** Its status when the answer was given: still pending/unknown, or settled while this one waited. */
  status: "pending" | "unknown" | "succeeded" | "failed" | "awaiting_approval" | "rejected" | "withdrawn" | "expired";
  since: string;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: AppErrorInfo };

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail<T = never>(error: AppErrorInfo): ActionResult<T> {
  return { ok: false, error };
}
