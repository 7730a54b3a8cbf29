// The approval queue: one row per waiting request — when it was made and how long it has waited, who
// made it, the order, the totals it asks for, why it needs a second person, the maker's reason, and
// how long it may still wait. The order number opens the request's page. A request of the viewer's
// own is marked: another supervisor decides it. A server component (no script of its own); every
// stored text is rendered as text.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { Badge } from "@/components/ui/badge";
import { UserText } from "@/components/text/user-text";
import { DeltaText } from "@/components/review/review-badges";
import { formatFen, formatFenDelta } from "@/lib/money";
import { reasonLabel } from "@/lib/orders/reasons";
import type { ReviewListRow } from "@/lib/review/view";
import { ApprovalReasonList, useDurationFormat } from "./approval-text";

interface Props {
  rows: ReviewListRow[];
  viewerId: string;
  profileLabels: Record<string, string>;
  /** The moment the page was read: waits and expiries count from it. */
  now: Date;
}

const CELL = "px-2 py-2 lg:px-3";

export function ApprovalQueueTable({ rows, viewerId, profileLabels, now }: Props) {
  const t = useTranslations("approvals");
  const tOrders = useTranslations("orders");
  const tModes = useTranslations("modes");
  const dateTime = useDateTime();
  const locale = useLocale();
  const duration = useDurationFormat();
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[40rem] border-collapse text-sm" aria-label={t("table")}>
        <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
          <tr>
            <th scope="col" className={CELL}>
              {t("columns.submitted")}
            </th>
            <th scope="col" className={CELL}>
              {t("columns.order")}
            </th>
            <th scope="col" className={`${CELL} text-right whitespace-nowrap`}>
              {t("columns.amount")}
            </th>
            <th scope="col" className={CELL}>
              {t("columns.rules")}
            </th>
            <th scope="col" className={`${CELL} hidden lg:table-cell`}>
              {t("columns.reason")}
            </th>
            <th scope="col" className={CELL}>
              {t("columns.expires")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const created = new Date(row.createdAt);
            const expires = row.approval?.expiresAt ? new Date(row.approval.expiresAt) : null;
            const isOwn = row.userId === viewerId;
            return (
              <tr key={row.id} data-testid="approval-row" data-id={row.id} data-order={row.outOrderNo} className="border-t border-slate-100 align-top hover:bg-slate-50">
                <td className={`${CELL} whitespace-nowrap text-slate-700 tabular-nums`}>
                  <time dateTime={row.createdAt} className="block">
                    {dateTime(created, "monthDayTime")}
                  </time>
                  <span className="block text-xs text-slate-500">
                    {t("waited", { duration: duration(now.getTime() - created.getTime()) })}
                  </span>
                  <span className="mt-1 flex items-center gap-1 text-slate-800">
                    <UserText text={row.userName} />
                    {isOwn ? (
                      <Badge tone="neutral" title={t("ownHint")} data-testid="approval-own-row">
                        {t("own")}
                        <span className="sr-only">{t("ownHint")}</span>
                      </Badge>
                    ) : null}
                  </span>
                </td>
                <td className={CELL}>
                  <Link
                    href={`/approvals/${row.id}`}
                    aria-label={t("openRequest", { no: row.outOrderNo })}
                    className="font-mono whitespace-nowrap text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                  >
                    {row.outOrderNo}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {tOrders(`operations.${row.operation}`)} · {profileLabels[row.profileId] ?? row.profileId} · {tModes(row.mode)}
                    {row.subMchid ? ` · ${row.subMchid}` : ""}
                  </span>
                </td>
                <td className={`${CELL} text-right whitespace-nowrap tabular-nums text-slate-700`}>
                  {row.totalBefore !== null ? formatFen(row.totalBefore) : "—"}
                  <span className="block">
                    <span aria-hidden="true">→ </span>
                    <span className="sr-only"> / </span>
                    {row.totalAfter !== null ? formatFen(row.totalAfter) : "—"}
                  </span>
                  <span className="block">
                    <DeltaText delta={row.delta} formatted={row.delta === null ? "—" : formatFenDelta(row.delta)} />
                  </span>
                </td>
                <td className={`${CELL} max-w-56 text-slate-800`}>
                  <ApprovalReasonList reasons={row.approval?.reasons ?? []} locale={locale} className="space-y-0.5" />
                  {/* Below lg the maker's reason goes here, under the rules. */}
                  <span className="mt-1 block text-xs text-slate-600 lg:hidden">
                    <span className="font-medium">{reasonLabel(row.reasonCategory, locale)}</span>：<UserText className="wrap-anywhere" text={row.reasonText} />
                  </span>
                </td>
                <td className={`${CELL} hidden max-w-64 lg:table-cell`}>
                  <span className="block text-xs font-medium text-slate-600">{reasonLabel(row.reasonCategory, locale)}</span>
                  <UserText className="block wrap-anywhere text-slate-800" text={row.reasonText} />
                </td>
                <td className={`${CELL} min-w-24 text-slate-700`}>
                  {expires && expires.getTime() > now.getTime() ? (
                    t("expiresIn", { duration: duration(expires.getTime() - now.getTime()) })
                  ) : (
                    <Badge tone="neutral">{t("expiredNow")}</Badge>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
