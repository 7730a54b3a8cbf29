import { describe, expect, it } from "vitest";
import { approvalOutcome, approvalWaitMs, durationParts, waitedMinutesText } from "./view";

const REASONS = [{ rule: "reduction_amount", limit: 20_000, actual: 30_000 }];
const MADE = new Date("2026-11-25T05:00:00.000Z");

describe("[APPROVAL][VIEW] how a request ended", () => {
  it("names the decision from the status, stale when approved onto a changed order, null for other changes", () => {
    expect(approvalOutcome({ status: "awaiting_approval", errorKind: null, approvalReasons: REASONS })).toBe("waiting");
    expect(approvalOutcome({ status: "rejected", errorKind: null, approvalReasons: REASONS })).toBe("rejected");
    expect(approvalOutcome({ status: "withdrawn", errorKind: null, approvalReasons: REASONS })).toBe("withdrawn");
    expect(approvalOutcome({ status: "expired", errorKind: null, approvalReasons: REASONS })).toBe("expired");
    expect(approvalOutcome({ status: "succeeded", errorKind: null, approvalReasons: REASONS })).toBe("approved");
    expect(approvalOutcome({ status: "pending", errorKind: null, approvalReasons: REASONS })).toBe("approved");
    // Approved, and the call failed upstream: still approved (the status says the rest).
    expect(approvalOutcome({ status: "failed", errorKind: "upstream", approvalReasons: REASONS })).toBe("approved");
    expect(approvalOutcome({ status: "failed", errorKind: "stale", approvalReasons: REASONS })).toBe("stale");
    expect(approvalOutcome({ status: "succeeded", errorKind: null, approvalReasons: null })).toBeNull();
  });

  it("measures the wait to the decision, else to the expiry; none while it waits", () => {
    const decidedAt = new Date(MADE.getTime() + 125 * 60_000 + 30_000);
    expect(approvalWaitMs({ status: "rejected", createdAt: MADE, decidedAt, resolvedAt: decidedAt })).toBe(7_530_000);
    expect(approvalWaitMs({ status: "expired", createdAt: MADE, decidedAt: null, resolvedAt: new Date(MADE.getTime() + 86_400_000) })).toBe(86_400_000);
    expect(approvalWaitMs({ status: "awaiting_approval", createdAt: MADE, decidedAt: null, resolvedAt: null })).toBeNull();
  });

  it("words a wait rounded down to the minute, and writes it in minutes for the CSV", () => {
    expect(durationParts(59_999)).toEqual({ unit: "underMinute", days: 0, hours: 0, minutes: 0 });
    expect(durationParts(5 * 60_000 + 59_000)).toEqual({ unit: "minutes", days: 0, hours: 0, minutes: 5 });
    expect(durationParts(3 * 3_600_000 + 5 * 60_000)).toEqual({ unit: "hours", days: 0, hours: 3, minutes: 5 });
    expect(durationParts(2 * 86_400_000 + 3 * 3_600_000 + 7 * 60_000)).toEqual({ unit: "days", days: 2, hours: 3, minutes: 7 });
    expect(waitedMinutesText(7_530_000)).toBe("125.5");
    expect(waitedMinutesText(2_999)).toBe("0.0");
    expect(waitedMinutesText(3_000)).toBe("0.1");
    expect(waitedMinutesText(null)).toBe("");
  });
});
