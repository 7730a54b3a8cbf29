// The maker's other changes on the request's merchant, for the checker: the last 30 days in one line
// (how many, how much reduced, how often flagged or not approved) and the latest changes, each with
// its result and review state, linked to the review list for the rest. A server component.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { DeltaText, ReviewStateBadge, TrailStatusBadge } from "@/components/review/review-badges";
import { formatFen, formatFenDelta } from "@/lib/money";
import { orderPagePath } from "@/lib/orders/snapshot";
import type { ReviewListRow } from "@/lib/review/view";
import { ApprovalOutcomeBadge } from "./approval-text";

export interface MakerHistoryView {
  rows: ReviewListRow[];
  recent: { changes: number; reducedFen: number; flagged: number; declined: number };
  /** The review list filtered to this maker and profile. */
  reviewHref: string;
}

const CELL = "px-2 py-1.5";

export function MakerHistory({ history }: { history: MakerHistoryView }) {
  const t = useTranslations("approvals.detail");
  const tOrders = useTranslations("orders");
  const tReview = useTranslations("review");
  const dateTime = useDateTime();
  const { rows, recent } = history;
  return (
    <section aria-labelledby="approval-history-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="approval-history">
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="approval-history-title" className="text-base font-semibold text-slate-900">
          {t("history")}
        </h2>
        <Link href={history.reviewHref} className="ml-auto text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("historyAll")}
        </Link>
      </div>
      <p className="text-sm text-slate-700" data-testid="approval-history-recent">
        {t("historyRecent", { changes: recent.changes, reduced: formatFen(-recent.reducedFen), flagged: recent.flagged, declined: recent.declined })}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("historyEmpty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[32rem] border-collapse text-sm" aria-label={t("historyTable")}>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className={`${CELL} font-medium`}>{t("historyColumns.time")}</th>
                <th scope="col" className={`${CELL} font-medium`}>{t("historyColumns.order")}</th>
                <th scope="col" className={`${CELL} text-right font-medium`}>{t("historyColumns.amount")}</th>
                <th scope="col" className={`${CELL} font-medium`}>{t("historyColumns.status")}</th>
                <th scope="col" className={`${CELL} font-medium`}>{t("historyColumns.review")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="approval-history-row">
                  <td className={`${CELL} whitespace-nowrap text-slate-700 tabular-nums`}>
                    <time dateTime={row.createdAt}>{dateTime(row.createdAt, "monthDayTime")}</time>
                  </td>
                  <td className={CELL}>
                    <Link href={orderPagePath(row.profileId, row.outOrderNo, row.subMchid)} className="font-mono whitespace-nowrap text-blue-700 underline-offset-2 hover:underline">
                      {row.outOrderNo}
                    </Link>
                    <span className="block text-xs text-slate-500">{tOrders(`operations.${row.operation}`)}</span>
                  </td>
                  <td className={`${CELL} text-right whitespace-nowrap tabular-nums text-slate-700`}>
                    {row.totalBefore !== null ? formatFen(row.totalBefore) : "—"} → {row.totalAfter !== null ? formatFen(row.totalAfter) : "—"}
                    <span className="block">
                      <DeltaText delta={row.delta} formatted={row.delta === null ? "—" : formatFenDelta(row.delta)} />
                    </span>
                  </td>
                  <td className={`${CELL} space-y-1`}>
                    <TrailStatusBadge status={row.status} label={tOrders(`trailStatus.${row.status}`)} />
                    {row.approval && row.approval.outcome !== "waiting" ? (
                      <span className="block">
                        <ApprovalOutcomeBadge outcome={row.approval.outcome} />
                      </span>
                    ) : null}
                  </td>
                  <td className={CELL}>
                    <ReviewStateBadge state={row.reviewState} label={tReview(`reviewStates.${row.reviewState}`)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
