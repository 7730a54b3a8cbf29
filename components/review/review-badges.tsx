// Small presentational pieces shared by the review list and its detail panel (no hooks: usable from
// server and client components alike). Colour is never the only signal: each badge says its state.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { deltaTone } from "@/lib/review/labels";
import type { ReviewState, TrailStatusValue } from "@/lib/review/states";

const REVIEW_TONE: Record<ReviewState, BadgeTone> = { unreviewed: "info", reviewed: "success", flagged: "warning" };
const STATUS_TONE: Record<TrailStatusValue, BadgeTone> = {
  pending: "neutral",
  succeeded: "success",
  failed: "danger",
  unknown: "warning",
  awaiting_approval: "info",
  rejected: "danger",
  withdrawn: "neutral",
  expired: "neutral",
};

export function ReviewStateBadge({ state, label }: { state: ReviewState; label: string }) {
  return (
    <Badge tone={REVIEW_TONE[state]} data-review-state={state}>
      {state === "flagged" ? <span aria-hidden="true">⚑</span> : null}
      {label}
    </Badge>
  );
}

export function TrailStatusBadge({ status, label }: { status: TrailStatusValue; label: string }) {
  return <Badge tone={STATUS_TONE[status]}>{label}</Badge>;
}

const DELTA_CLASS = { down: "text-emerald-700", up: "text-red-700", none: "text-slate-500" } as const;

/** A difference in amount: green when the customer pays less, red when more. */
export function DeltaText({ delta, formatted }: { delta: number | null; formatted: string }) {
  return <span className={`font-medium tabular-nums ${DELTA_CLASS[deltaTone(delta)]}`}>{formatted}</span>;
}
