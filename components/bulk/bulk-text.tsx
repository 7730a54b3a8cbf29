// The words and small marks of bulk adjustments shared by the upload page, the batch list and the
// batch page: a batch's status badge, a row's verdict and status badges, a row's problems in the
// reader's language, a duration ("1 分 5 秒"), money. Colour is never the only signal.
import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { BulkBatchStatus, BulkRowProblem, BulkRowStatus, BulkVerdict } from "@/lib/bulk/types";

const STATUS_TONE: Record<BulkBatchStatus, BadgeTone> = {
  checking: "info",
  previewed: "neutral",
  awaiting_approval: "warning",
  rejected: "danger",
  queued: "info",
  running: "info",
  paused: "warning",
  cancelled: "neutral",
  completed: "success",
};

export function BatchStatusBadge({ status }: { status: BulkBatchStatus }) {
  const t = useTranslations("bulk.status");
  return (
    <Badge tone={STATUS_TONE[status]} data-batch-status={status}>
      {t(status)}
    </Badge>
  );
}

export const VERDICT_TONE: Record<BulkVerdict, BadgeTone> = {
  ok: "success",
  needs_approval: "warning",
  invalid: "danger",
  duplicate: "danger",
  not_found: "danger",
  wrong_state: "danger",
  not_lower: "danger",
  above_risk_fund: "danger",
  partner_modified: "danger",
  sum_mismatch: "danger",
  query_failed: "danger",
};

export const ROW_STATUS_TONE: Record<BulkRowStatus, BadgeTone> = {
  pending: "neutral",
  succeeded: "success",
  failed: "danger",
  skipped: "warning",
  unknown: "warning",
};

/** Whole seconds as "1 小时 2 分" / "3 分 5 秒" / "12 秒". */
export function useDurationText(): (seconds: number) => string {
  const t = useTranslations("bulk.progress");
  return (seconds) => {
    const total = Math.max(0, Math.round(seconds));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0) return t("hours", { h, m });
    if (m > 0) return t("minutes", { m, s });
    return t("seconds", { s });
  };
}

/** The problem's column, when it has one, before its sentence. */
export function problemText(problem: BulkRowProblem, issueText: (issue: BulkRowProblem["issue"]) => string | undefined, at: (column: string, message: string) => string): string {
  const message = issueText(problem.issue) ?? problem.issue.code;
  return problem.column ? at(problem.column, message) : message;
}
