// What the console says about a four-eyes request once it is a trail row (server/approvals/requests.ts):
// how it ended as a decision (approved, stale, rejected, withdrawn, expired — or still waiting), how
// long it waited for that, and the navigation's approval counts. Pure: the review list, the approval
// pages, the CSV export and the navigation read the same answers.
import type { ApprovalReason } from "./policy";

export const APPROVAL_OUTCOMES = ["waiting", "approved", "stale", "rejected", "withdrawn", "expired"] as const;
export type ApprovalOutcome = (typeof APPROVAL_OUTCOMES)[number];

/** A trail row as far as its approval goes (the review list's row carries these). */
export interface ApprovalRowFacts {
  status: string;
  errorKind: string | null;
  approvalReasons: unknown;
  createdAt: Date;
  decidedAt: Date | null;
  resolvedAt: Date | null;
}

/** The approval part of a review row: null for a change that did not need a second person. */
export interface ApprovalView {
  reasons: ApprovalReason[];
  outcome: ApprovalOutcome;
  /** Until when it may be approved (ISO). */
  expiresAt: string | null;
  /** Who approved or rejected it (null while it waits, and when the maker withdrew it or it expired). */
  decidedByName: string | null;
  decidedAt: string | null;
  /** The rejection's comment. */
  comment: string | null;
  /** From the request to its decision (or its expiry); null while it waits. */
  waitedMs: number | null;
}

/**
 * How a request ended, as a decision. A request approved and carried out keeps the call's own status
 * (pending, succeeded, failed, unknown) beside this; one whose order changed while it waited failed
 * with error_kind "stale" and was never sent.
 */
export function approvalOutcome(row: Pick<ApprovalRowFacts, "status" | "errorKind" | "approvalReasons">): ApprovalOutcome | null {
  if (!Array.isArray(row.approvalReasons)) return null;
  switch (row.status) {
    case "awaiting_approval":
      return "waiting";
    case "rejected":
    case "withdrawn":
    case "expired":
      return row.status;
    default:
      return row.errorKind === "stale" ? "stale" : "approved";
  }
}

/** How long the request waited for its decision (or its expiry); null while it waits. */
export function approvalWaitMs(row: Pick<ApprovalRowFacts, "status" | "createdAt" | "decidedAt" | "resolvedAt">): number | null {
  if (row.status === "awaiting_approval") return null;
  const end = row.decidedAt ?? row.resolvedAt;
  return end ? Math.max(0, end.getTime() - row.createdAt.getTime()) : null;
}

/**
 * A wait as people say it, rounded down: "2 d 3 h" past a day, "3 h 5 min" past an hour, "5 min",
 * or under a minute. `unit` names the message that words it.
 */
export function durationParts(ms: number): { unit: "days" | "hours" | "minutes" | "underMinute"; days: number; hours: number; minutes: number } {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const unit = days > 0 ? "days" : hours > 0 ? "hours" : minutes > 0 ? "minutes" : "underMinute";
  return { unit, days, hours, minutes };
}

/** A wait in minutes with one decimal, for the CSV ("12.5"): a spreadsheet reads it as a number. */
export function waitedMinutesText(ms: number | null): string {
  if (ms === null) return "";
  const tenths = Math.round(ms / 6_000);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/**
 * The navigation's approval badges. "Declined" is the maker's news: their requests that ended without
 * being carried out (rejected, expired, or stale when approved) in the last RECENT_DECISION_HOURS.
 * There is no "seen" mark to clear it, so the window is what makes the badge go away.
 */
export interface ApprovalCounts {
  /** Others' requests waiting for a decision the viewer may make; null for a role that cannot approve. */
  toDecide: number | null;
  /** The viewer's own requests still waiting. */
  ownWaiting: number;
  /** The viewer's own requests declined recently. */
  ownDeclined: number;
}

export const RECENT_DECISION_HOURS = 72;

/** The outcomes that count as declined for the maker's badge. */
export const DECLINED_OUTCOMES: readonly ApprovalOutcome[] = ["rejected", "expired", "stale"];
