// The words of four-eyes approval, shared by the approval pages (server components) and the review
// detail (a client component): why a change needs a second person (each broken rule with its limit
// and the change's own figure), how a request ended, and a wait ("3 小时 5 分"). No hooks but
// next-intl's, so they serve server components (not async ones) and client components alike.
import { useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { UserText } from "@/components/text/user-text";
import type { ApprovalReason } from "@/lib/approvals/policy";
import { durationParts, type ApprovalOutcome, type ApprovalView } from "@/lib/approvals/view";
import { formatFen } from "@/lib/money";
import { reasonLabel } from "@/lib/orders/reasons";

function useReasonText(locale: string) {
  const t = useTranslations("approvals.rules");
  return (reason: ApprovalReason): string => {
    switch (reason.rule) {
      case "reduction_amount":
        return t("reduction_amount", { actual: formatFen(reason.actual), limit: formatFen(reason.limit) });
      case "reduction_percent":
      case "complete_risk_percent":
        return t(reason.rule, { actual: reason.actual, limit: reason.limit });
      case "reason_category":
        return t("reason_category", { category: reasonLabel(reason.category, locale) });
      case "cancel_completed":
        return t("cancel_completed", { forgone: formatFen(reason.forgone) });
    }
  };
}

/** Each rule the change breaks, in words. */
export function ApprovalReasonList({ reasons, locale, className }: { reasons: readonly ApprovalReason[]; locale: string; className?: string }) {
  const text = useReasonText(locale);
  return (
    <ul className={className ?? "list-disc space-y-0.5 pl-5"} data-testid="approval-rules">
      {reasons.map((reason, index) => (
        <li key={`${reason.rule}-${index}`} data-rule={reason.rule}>
          {text(reason)}
        </li>
      ))}
    </ul>
  );
}

/** Words a wait, rounded down to the minute ("3 小时 5 分"). */
export function useDurationFormat(): (ms: number) => string {
  const t = useTranslations("approvals.duration");
  return (ms) => {
    const parts = durationParts(ms);
    return t(parts.unit, parts);
  };
}

const OUTCOME_TONE: Record<ApprovalOutcome, BadgeTone> = {
  waiting: "info",
  approved: "success",
  stale: "warning",
  rejected: "danger",
  withdrawn: "neutral",
  expired: "neutral",
};

export function ApprovalOutcomeBadge({ outcome }: { outcome: ApprovalOutcome }) {
  const t = useTranslations("approvals.outcomes");
  return (
    <Badge tone={OUTCOME_TONE[outcome]} data-outcome={outcome}>
      {t(outcome)}
    </Badge>
  );
}

/**
 * A list row's approval in brief: who decided and when, how long it waited, and how it ended where
 * the row's status does not say it already (approved: the call's status; stale: "failed"); while it
 * waits, until when.
 */
export function ApprovalBrief({ approval }: { approval: ApprovalView }) {
  const t = useTranslations("approvals");
  const dateTime = useDateTime();
  const duration = useDurationFormat();
  const shortTime = (iso: string) => dateTime(iso, "monthDayTime");
  if (approval.outcome === "waiting") {
    return (
      <span className="block text-xs text-slate-600" data-testid="review-approval-brief">
        {approval.expiresAt ? t("waitsUntil", { time: shortTime(approval.expiresAt) }) : null}
      </span>
    );
  }
  return (
    <span className="block space-y-0.5 text-xs text-slate-600" data-testid="review-approval-brief">
      {approval.outcome === "approved" || approval.outcome === "stale" ? <ApprovalOutcomeBadge outcome={approval.outcome} /> : null}
      {approval.decidedByName ? (
        <span className="block text-slate-800">
          <UserText text={approval.decidedByName} />
        </span>
      ) : null}
      {approval.decidedAt ? (
        <time dateTime={approval.decidedAt} className="block tabular-nums">
          {shortTime(approval.decidedAt)}
        </time>
      ) : null}
      {approval.waitedMs !== null ? <span className="block">{t("waitedFor", { duration: duration(approval.waitedMs) })}</span> : null}
    </span>
  );
}
