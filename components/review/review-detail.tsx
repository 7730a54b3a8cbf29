"use client";
// One change in full, for the supervisor (and, read-only, for the agent who made it): who, when and
// why; the line-by-line difference of post_payments and post_discounts; the exact request sent and
// order received (collapsible JSON); Request-ID and latency; for a four-eyes request, how it was
// decided (and a way to the decision for who may make it); the review history and, for those who
// review, the review actions. Every stored value is rendered as text. The page renders it with the
// detail it read; TanStack Query keeps it current (refetched after a review action and when the tab
// comes back: components/review/review-queries.ts).
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { buttonClass } from "@/components/ui/button";
import { formatFen, formatFenDelta } from "@/lib/money";
import { orderPagePath } from "@/lib/orders/snapshot";
import { reasonLabel } from "@/lib/orders/reasons";
import type { ReviewDetail } from "@/lib/review/view";
import { TrailNoteText } from "@/components/orders/trail-note";
import { DeltaText, ReviewStateBadge, TrailStatusBadge } from "./review-badges";
import { LineDiffTable } from "./line-diff-table";
import { ApprovalSummary } from "@/components/approvals/approval-summary";
import { ReviewActions } from "./review-actions";
import { UserText } from "@/components/text/user-text";
import { reviewDetailQuery } from "./review-queries";

function JsonBlock({ summary, value, testId }: { summary: string; value: unknown; testId: string }) {
  return (
    <details className="group rounded-md border border-slate-200 bg-white" data-testid={testId}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700 select-none hover:bg-slate-50">{summary}</summary>
      <pre className="max-h-96 overflow-auto border-t border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-slate-800">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

export function ReviewDetailPanel({
  detail: initial,
  closeHref,
  canReview,
  canApprove = false,
  viewerId,
}: {
  detail: ReviewDetail;
  closeHref: string;
  canReview: boolean;
  /** The viewer may decide four-eyes requests (not their own). */
  canApprove?: boolean;
  /** The signed-in user: their own change is not theirs to review. */
  viewerId: string;
}) {
  const t = useTranslations("review");
  const tOrders = useTranslations("orders");
  const tModes = useTranslations("modes");
  const tAuth = useTranslations("auth");
  const formatDateTime = useDateTime();
  const locale = useLocale();
  const { data: detail } = useQuery(reviewDetailQuery(initial.row.id, initial));
  const { row, diff } = detail;
  const dateTime = (iso: string) => formatDateTime(iso, "mediumMedium");
  const role = (value: string) => (tAuth.has(`roles.${value}`) ? tAuth(`roles.${value}`) : value);
  const is204 = detail.httpStatus === 204;
  return (
    <section aria-labelledby="review-detail-title" data-testid="review-detail" className="space-y-4 p-4 sm:p-5">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0">
          <h3 id="review-detail-title" className="text-base font-semibold break-all text-slate-900">
            {t("detail.title", { no: row.outOrderNo })}
          </h3>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <TrailStatusBadge status={row.status} label={tOrders(`trailStatus.${row.status}`)} />
            <ReviewStateBadge state={row.reviewState} label={t(`reviewStates.${row.reviewState}`)} />
            <span>
              {tOrders(`operations.${row.operation}`)} · {row.profileId} · {tModes(row.mode)}
              {row.subMchid ? ` · ${row.subMchid}` : ""}
            </span>
          </p>
        </div>
        <div className="ml-auto flex gap-2">
          <Link href={orderPagePath(row.profileId, row.outOrderNo, row.subMchid)} className={buttonClass({ variant: "secondary", size: "sm" })}>
            {t("detail.openOrder")}
          </Link>
          <Link href={closeHref} scroll={false} className={buttonClass({ variant: "ghost", size: "sm" })}>
            {t("detail.close")}
          </Link>
        </div>
      </div>

      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">{t("detail.who")}</dt>
          <dd className="text-slate-900">
            {row.operation === "external" ? (
              tOrders("order.externalActor")
            ) : (
              <>
                <UserText text={row.userName} /> <span className="text-slate-500">({role(detail.userRole)})</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("detail.when")}</dt>
          <dd className="text-slate-900 tabular-nums">{dateTime(row.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("detail.resolvedAt")}</dt>
          <dd className="text-slate-900 tabular-nums">{detail.resolvedAt ? dateTime(detail.resolvedAt) : "—"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("detail.total")}</dt>
          <dd className="text-slate-900 tabular-nums">
            {row.totalBefore !== null ? formatFen(row.totalBefore) : "—"} → {row.totalAfter !== null ? formatFen(row.totalAfter) : "—"}{" "}
            <DeltaText delta={row.delta} formatted={row.delta === null ? "" : `(${formatFenDelta(row.delta)})`} />
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-xs text-slate-500">{t("detail.reason")}</dt>
          <dd className="break-words text-slate-900" data-testid="review-detail-reason">
            <span className="font-medium">{reasonLabel(row.reasonCategory, locale)}</span>：<UserText text={row.reasonText} />
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-xs text-slate-500">{t("detail.note")}</dt>
          <dd className="break-words whitespace-pre-wrap text-slate-900">{row.internalNote !== null ? <UserText text={row.internalNote} /> : <span className="text-slate-500">{t("detail.noNote")}</span>}</dd>
        </div>
      </dl>

      {row.approval ? (
        <ApprovalSummary
          approval={row.approval}
          decideHref={canApprove && row.approval.outcome === "waiting" && row.userId !== viewerId ? `/approvals/${row.id}` : null}
        />
      ) : null}

      <section aria-labelledby="review-lines-title" className="space-y-2">
        <h4 id="review-lines-title" className="text-sm font-semibold text-slate-900">
          {t("detail.lines")}
        </h4>
        {diff ? (
          <>
            <p className="text-xs text-slate-500">{diff.afterSource === "order_after" ? t("detail.afterFromOrder") : t("detail.afterFromRequest")}</p>
            <div className="grid gap-4 lg:grid-cols-2">
              <LineDiffTable title={t("detail.payments")} rows={diff.payments} testId="line-diff-payments" />
              <LineDiffTable title={t("detail.discounts")} rows={diff.discounts} testId="line-diff-discounts" />
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-500">{t("detail.noBefore")}</p>
        )}
      </section>

      <section aria-labelledby="review-call-title" className="space-y-2">
        <h4 id="review-call-title" className="text-sm font-semibold text-slate-900">
          {t("detail.call")}
        </h4>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-xs text-slate-500">{t("detail.http")}</dt>
            <dd className="font-mono">{detail.httpStatus ?? "—"}</dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs text-slate-500">{t("detail.requestId")}</dt>
            <dd className="font-mono break-all" data-testid="review-detail-request-id">{row.requestId ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("detail.latency")}</dt>
            <dd className="tabular-nums">{detail.latencyMs !== null ? t("detail.latencyValue", { ms: detail.latencyMs }) : "—"}</dd>
          </div>
          {row.wechatCode || detail.wechatMessage ? (
            <div className="sm:col-span-3">
              <dt className="text-xs text-slate-500">{t("detail.error")}</dt>
              <dd className="break-words text-red-800">
                <span className="font-mono">{row.wechatCode}</span> {detail.wechatMessage}
              </dd>
            </div>
          ) : null}
          {detail.reconcileNote ? (
            <div className="sm:col-span-3">
              <dt className="text-xs text-slate-500">{t("detail.reconciled")}</dt>
              <dd className="break-words text-slate-700">
                <TrailNoteText note={detail.reconcileNote} />
              </dd>
            </div>
          ) : null}
        </dl>
        <div className="space-y-2">
          <JsonBlock summary={t("detail.request")} value={detail.requestBody} testId="review-request-json" />
          <JsonBlock summary={t("detail.response")} value={detail.orderAfter ?? t("detail.noResponse")} testId="review-response-json" />
          {is204 ? <p className="text-xs text-slate-500">{t("detail.responseNote204")}</p> : null}
          {detail.orderBefore ? <JsonBlock summary={t("detail.orderBefore")} value={detail.orderBefore} testId="review-before-json" /> : null}
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="review-history-title" className="space-y-2">
          <h4 id="review-history-title" className="text-sm font-semibold text-slate-900">
            {t("detail.history")}
          </h4>
          {detail.events.length === 0 ? (
            <p className="text-sm text-slate-500">{t("detail.noHistory")}</p>
          ) : (
            <ol className="space-y-2" data-testid="review-history">
              {detail.events.map((event) => (
                <li key={event.id} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-action={event.action}>
                  <p className="flex flex-wrap gap-x-2 text-slate-700">
                    <span className="font-medium text-slate-900">{t(`events.${event.action}`)}</span>
                    <span>
                      <UserText text={event.userName} /> ({role(event.userRole)})
                    </span>
                    <time dateTime={event.createdAt} className="text-slate-500 tabular-nums">
                      {dateTime(event.createdAt)}
                    </time>
                  </p>
                  {event.comment ? (
                    <p className="mt-1 break-words whitespace-pre-wrap text-slate-800">
                      <UserText text={event.comment} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
        {canReview ? (
          <ReviewActions trailId={row.id} state={row.reviewState} isOwnChange={row.userId === viewerId} />
        ) : (
          <p className="self-start rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600">{t("detail.readOnly")}</p>
        )}
      </div>
    </section>
  );
}
