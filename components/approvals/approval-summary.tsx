// A request's decision as a list of facts — who decided, when, after how long, and the rejection's
// comment — and, for the review detail, the whole approval part of a change: how it ended, why it
// needed a second person, until when it may wait, and a way to the decision for who may make it.
// No hooks but next-intl's: used by the approval page's decision (client) and the review detail.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { buttonClass } from "@/components/ui/button";
import { UserText } from "@/components/text/user-text";
import { Facts, type Fact } from "@/components/orders/fact-list";
import type { ApprovalView } from "@/lib/approvals/view";
import { ApprovalOutcomeBadge, ApprovalReasonList, useDurationFormat } from "./approval-text";

export function ApprovalDecisionFacts({ approval, showWait = false }: { approval: ApprovalView; showWait?: boolean }) {
  const t = useTranslations("approvals");
  const formatDateTime = useDateTime();
  const duration = useDurationFormat();
  const dateTime = (iso: string) => formatDateTime(iso, "mediumMedium");
  const facts: Fact[] = [];
  if (approval.decidedByName) facts.push({ label: t("decision.decidedBy"), value: <UserText text={approval.decidedByName} />, testId: "approval-decided-by" });
  if (approval.decidedAt) facts.push({ label: t("decision.decidedAt"), value: <span className="tabular-nums">{dateTime(approval.decidedAt)}</span> });
  if (showWait && approval.waitedMs !== null) facts.push({ label: t("detail.waited"), value: duration(approval.waitedMs) });
  if (approval.outcome === "waiting" && approval.expiresAt) facts.push({ label: t("detail.expires"), value: <span className="tabular-nums">{dateTime(approval.expiresAt)}</span> });
  if (approval.comment) {
    facts.push({
      label: t("decision.decisionComment"),
      value: <UserText className="break-words whitespace-pre-wrap" text={approval.comment} />,
      testId: "approval-decided-comment",
    });
  }
  if (facts.length === 0) return null;
  return (
    <div className="text-sm">
      <Facts rows={facts} />
    </div>
  );
}

/** The approval part of a change in the review detail. `decideHref`: the request's page, for who may decide it now. */
export function ApprovalSummary({ approval, decideHref }: { approval: ApprovalView; decideHref: string | null }) {
  const t = useTranslations("approvals");
  const locale = useLocale();
  return (
    <section aria-labelledby="review-approval-title" className="space-y-2 rounded-md border border-slate-200 bg-white p-3" data-testid="review-approval">
      <div className="flex flex-wrap items-center gap-2">
        <h4 id="review-approval-title" className="text-sm font-semibold text-slate-900">
          {t("summary.title")}
        </h4>
        <ApprovalOutcomeBadge outcome={approval.outcome} />
        {decideHref ? (
          <Link href={decideHref} className={buttonClass({ variant: "secondary", size: "sm", className: "ml-auto" })}>
            {t("summary.decide")}
          </Link>
        ) : null}
      </div>
      <div className="text-sm text-slate-800">
        <p className="text-xs text-slate-500">{t("detail.rules")}</p>
        <ApprovalReasonList reasons={approval.reasons} locale={locale} />
      </div>
      <ApprovalDecisionFacts approval={approval} showWait />
    </section>
  );
}
