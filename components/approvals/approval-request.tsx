// A four-eyes request as the checker reads it before deciding: who made it and when, how long it has
// waited and may still wait, the totals it asks for, why it needs a second person, the maker's reason
// and note; then the line-by-line difference between the order it was made on and what it would
// send. A server component (no script of its own); stored text is rendered as text.
import { useLocale, useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { LineDiffTable } from "@/components/review/line-diff-table";
import { DeltaText } from "@/components/review/review-badges";
import { UserText } from "@/components/text/user-text";
import { formatFen, formatFenDelta } from "@/lib/money";
import { reasonLabel } from "@/lib/orders/reasons";
import type { ReviewDetail } from "@/lib/review/view";
import { ApprovalReasonList, useDurationFormat } from "./approval-text";

const CARD = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5";

export function ApprovalRequestFacts({ detail, now }: { detail: ReviewDetail; now: Date }) {
  const t = useTranslations("approvals");
  const tAuth = useTranslations("auth");
  const formatDateTime = useDateTime();
  const locale = useLocale();
  const duration = useDurationFormat();
  const { row } = detail;
  const approval = row.approval;
  const dateTime = (iso: string) => formatDateTime(iso, "mediumMedium");
  const waited = approval?.waitedMs ?? now.getTime() - new Date(row.createdAt).getTime();
  const role = tAuth.has(`roles.${detail.userRole}`) ? tAuth(`roles.${detail.userRole}`) : detail.userRole;
  return (
    <section aria-labelledby="approval-request-title" className={CARD} data-testid="approval-request">
      <h2 id="approval-request-title" className="mb-3 text-base font-semibold text-slate-900">
        {t("detail.request")}
      </h2>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs text-slate-500">{t("detail.maker")}</dt>
          <dd className="text-slate-900" data-testid="approval-maker">
            <UserText text={row.userName} /> <span className="text-slate-500">({role})</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("detail.submitted")}</dt>
          <dd className="text-slate-900 tabular-nums">{dateTime(row.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("detail.waited")}</dt>
          <dd className="text-slate-900">{duration(waited)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("detail.expires")}</dt>
          <dd className="text-slate-900 tabular-nums">{approval?.expiresAt ? dateTime(approval.expiresAt) : "—"}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-xs text-slate-500">{t("detail.total")}</dt>
          <dd className="text-base font-medium text-slate-900 tabular-nums" data-testid="approval-totals">
            {row.totalBefore !== null ? formatFen(row.totalBefore) : "—"} → {row.totalAfter !== null ? formatFen(row.totalAfter) : "—"}{" "}
            <DeltaText delta={row.delta} formatted={row.delta === null ? "" : `(${formatFenDelta(row.delta)})`} />
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-xs text-slate-500">{t("detail.rules")}</dt>
          <dd className="text-slate-900">
            <ApprovalReasonList reasons={approval?.reasons ?? []} locale={locale} />
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-xs text-slate-500">{t("detail.reason")}</dt>
          <dd className="break-words text-slate-900" data-testid="approval-reason">
            <span className="font-medium">{reasonLabel(row.reasonCategory, locale)}</span>：<UserText text={row.reasonText} />
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-xs text-slate-500">{t("detail.note")}</dt>
          <dd className="break-words whitespace-pre-wrap text-slate-900">
            {row.internalNote ? <UserText text={row.internalNote} /> : <span className="text-slate-500">{t("detail.noNote")}</span>}
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function ApprovalLines({ detail }: { detail: ReviewDetail }) {
  const t = useTranslations("approvals.detail");
  const tReview = useTranslations("review.detail");
  const { diff } = detail;
  return (
    <section aria-labelledby="approval-lines-title" className={`${CARD} space-y-2`}>
      <h2 id="approval-lines-title" className="text-base font-semibold text-slate-900">
        {t("lines")}
      </h2>
      {diff ? (
        <>
          <p className="text-xs text-slate-500">{t("linesHint")}</p>
          <div className="grid gap-4 xl:grid-cols-2">
            <LineDiffTable title={tReview("payments")} rows={diff.payments} testId="line-diff-payments" />
            <LineDiffTable title={tReview("discounts")} rows={diff.discounts} testId="line-diff-discounts" />
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-500">{tReview("noBefore")}</p>
      )}
    </section>
  );
}
