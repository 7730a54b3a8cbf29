"use client";
// The review list: one row per trail row, the open row's detail panel right under it, and — for
// supervisors — checkboxes to mark several unreviewed rows reviewed at once. All text is rendered as
// text (React escapes it): a reason such as `<script>` or `=cmd|…` shows exactly as typed.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { Fragment, useState, type ReactNode } from "react";
import { notify } from "@/components/ui/toast";
import { Button, Spinner } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/input";
import { formatFen, formatFenDelta } from "@/lib/money";
import { reasonLabel } from "@/lib/orders/reasons";
import type { ReviewListRow } from "@/lib/review/view";
import { markReviewedAction } from "@/server/actions/review";
import { Badge } from "@/components/ui/badge";
import { DeltaText, ReviewStateBadge, TrailStatusBadge } from "./review-badges";
import { UserText } from "@/components/text/user-text";
import { useReviewMutation } from "./review-queries";
import { ApprovalBrief } from "@/components/approvals/approval-text";

interface Props {
  rows: ReviewListRow[];
  /** Link that opens each row's detail (same filters and page, plus row=…). */
  detailHrefs: Record<string, string>;
  openRowId: string | null;
  /** The open row's detail panel (server-rendered). */
  detail: ReactNode;
  canReview: boolean;
  /** The signed-in user: their own changes cannot be selected for review (separation of duties). */
  viewerId: string;
  /** False on an agent's own list (every row is theirs). */
  showAgent: boolean;
  profileLabels: Record<string, string>;
}

export function ReviewTable({ rows, detailHrefs, openRowId, detail, canReview, viewerId, showAgent, profileLabels }: Props) {
  const t = useTranslations("review");
  const tOrders = useTranslations("orders");
  // An external change was made by nobody in the console: say so instead of a user name.
  const actorOf = (row: ReviewListRow) => (row.operation === "external" ? tOrders("order.externalActorShort") : row.userName);
  const tModes = useTranslations("modes");
  const dateTime = useDateTime();
  const locale = useLocale();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const mark = useReviewMutation(markReviewedAction);
  const pending = mark.isPending;
  const selectable = rows.filter((row) => row.reviewState === "unreviewed" && row.userId !== viewerId).map((row) => row.id);
  const selectedOnPage = selectable.filter((id) => selected.has(id));
  const allSelected = selectable.length > 0 && selectedOnPage.length === selectable.length;
  const columnCount = 9 + (canReview ? 1 : 0) + (showAgent ? 1 : 0);

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const markSelected = () =>
    mark.mutate(
      { trailIds: selectedOnPage },
      {
        onSuccess: (result) => {
          if (!result.ok) {
            const key = result.error.reason ?? result.error.code;
            notify.error(t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.INTERNAL_ERROR"));
            return;
          }
          notify.success(t("bulk.done", { count: result.data.changed.length }), {
            description: result.data.unchanged.length > 0 ? t("bulk.skipped", { count: result.data.unchanged.length }) : undefined,
          });
          setSelected(new Set());
        },
        onError: () => notify.error(t("errors.UNREACHABLE")),
      },
    );

  return (
    <div className="space-y-2">
      {canReview ? (
        <div className="flex min-h-9 flex-wrap items-center gap-2" aria-live="polite">
          {selectedOnPage.length === 0 ? <span className="text-sm text-slate-500">{t("bulk.hint")}</span> : null}
          {selectedOnPage.length > 0 ? (
            <>
              <span className="text-sm text-slate-700">{t("bulk.selected", { count: selectedOnPage.length })}</span>
              <Button variant="primary" size="sm" onClick={markSelected} disabled={pending}>
                {pending ? <Spinner /> : null}
                {t("bulk.markReviewed")}
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())} disabled={pending}>
                {t("bulk.clear")}
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
      {/* Below lg (tablets) the agent goes under the time, the operation under the order, the result
          above the review state and the new total under the old one, so the table fits the width. */}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full min-w-[40rem] border-collapse text-sm lg:min-w-[64rem]" aria-label={t("table")}>
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
            <tr>
              {canReview ? (
                <th scope="col" className="w-10 px-2 py-2 lg:px-3">
                  <Checkbox
                    aria-label={t("bulk.selectAll")}
                    checked={allSelected}
                    disabled={selectable.length === 0 || pending}
                    onChange={(event) => {
                      const on = event.currentTarget.checked;
                      setSelected((current) => {
                        const next = new Set(current);
                        for (const id of selectable) {
                          if (on) next.add(id);
                          else next.delete(id);
                        }
                        return next;
                      });
                    }}
                  />
                </th>
              ) : null}
              <th scope="col" className="px-2 py-2 lg:px-3 whitespace-nowrap">
                {t("columns.time")}
                {showAgent ? <span className="lg:hidden"> / {t("columns.agent")}</span> : null}
              </th>
              {showAgent ? <th scope="col" className="hidden px-2 py-2 lg:px-3 lg:table-cell">{t("columns.agent")}</th> : null}
              <th scope="col" className="px-2 py-2 lg:px-3">{t("columns.order")}</th>
              <th scope="col" className="hidden px-2 py-2 lg:px-3 lg:table-cell">{t("columns.operation")}</th>
              <th scope="col" className="px-2 py-2 lg:px-3 text-right whitespace-nowrap">{t("columns.amount")}</th>
              <th scope="col" className="px-2 py-2 lg:px-3 text-right">{t("columns.delta")}</th>
              <th scope="col" className="px-2 py-2 lg:px-3">{t("columns.reason")}</th>
              <th scope="col" className="hidden px-2 py-2 lg:px-3 lg:table-cell">{t("columns.status")}</th>
              <th scope="col" className="hidden px-2 py-2 lg:px-3 lg:table-cell">{t("columns.approval")}</th>
              <th scope="col" className="px-2 py-2 lg:px-3">
                <span className="lg:hidden">{t("columns.status")} / </span>
                {t("columns.review")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const isOpen = row.id === openRowId;
              const when = new Date(row.createdAt);
              return (
                <Fragment key={row.id}>
                  <tr
                    data-testid="review-row"
                    data-id={row.id}
                    data-order={row.outOrderNo}
                    data-review-state={row.reviewState}
                    aria-current={isOpen ? "true" : undefined}
                    className={`border-t border-slate-100 align-top ${isOpen ? "bg-blue-50/70" : "hover:bg-slate-50"}`}
                  >
                    {canReview ? (
                      <td className="px-2 py-2 lg:px-3">
                        {row.reviewState === "unreviewed" && row.userId === viewerId ? (
                          <span className="text-xs text-slate-500" title={t("bulk.ownRow", { no: row.outOrderNo })} data-testid="review-own-row">
                            <span aria-hidden="true">{t("bulk.own")}</span>
                            <span className="sr-only">{t("bulk.ownRow", { no: row.outOrderNo })}</span>
                          </span>
                        ) : row.reviewState === "unreviewed" ? (
                          <Checkbox
                            aria-label={t("bulk.selectRow", { no: row.outOrderNo })}
                            checked={selected.has(row.id)}
                            disabled={pending}
                            onChange={(event) => toggle(row.id, event.currentTarget.checked)}
                          />
                        ) : null}
                      </td>
                    ) : null}
                    <td className="px-2 py-2 lg:px-3 whitespace-nowrap text-slate-700 tabular-nums">
                      <time dateTime={row.createdAt}>
                        <span className="block">{dateTime(when, "numericDate")}</span>
                        <span className="block text-xs text-slate-500">{dateTime(when, "numericTime")}</span>
                      </time>
                      {showAgent ? <UserText className="block text-slate-800 lg:hidden" text={actorOf(row)} /> : null}
                    </td>
                    {showAgent ? (
                      <td className="hidden px-2 py-2 lg:px-3 whitespace-nowrap text-slate-800 lg:table-cell">
                        <UserText text={actorOf(row)} />
                      </td>
                    ) : null}
                    <td className="px-2 py-2 lg:px-3">
                      <Link
                        href={detailHrefs[row.id] ?? "#"}
                        scroll={false}
                        aria-expanded={isOpen}
                        aria-label={t("openDetail", { no: row.outOrderNo })}
                        className="font-mono whitespace-nowrap text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                      >
                        {row.outOrderNo}
                      </Link>
                      <span className="block text-xs text-slate-500">
                        <span className="text-slate-800 lg:hidden">
                          {row.operation === "external" ? <Badge tone="warning">{tOrders("operations.external")}</Badge> : tOrders(`operations.${row.operation}`)} ·{" "}
                        </span>
                        {profileLabels[row.profileId] ?? row.profileId} · {tModes(row.mode)}
                        {row.subMchid ? ` · ${row.subMchid}` : ""}
                      </span>
                    </td>
                    <td className="hidden px-2 py-2 lg:px-3 whitespace-nowrap lg:table-cell">
                      {row.operation === "external" ? (
                        <Badge tone="warning" data-testid="external-badge">
                          {tOrders("operations.external")}
                        </Badge>
                      ) : (
                        tOrders(`operations.${row.operation}`)
                      )}
                    </td>
                    <td className="px-2 py-2 lg:px-3 text-right whitespace-nowrap tabular-nums text-slate-700">
                      {row.totalBefore !== null ? formatFen(row.totalBefore) : "—"}
                      <span className="block lg:inline">
                        <span aria-hidden="true"> → </span>
                        <span className="sr-only"> / </span>
                        {row.totalAfter !== null ? formatFen(row.totalAfter) : "—"}
                      </span>
                    </td>
                    <td className="px-2 py-2 lg:px-3 text-right whitespace-nowrap">
                      <DeltaText delta={row.delta} formatted={row.delta === null ? "—" : formatFenDelta(row.delta)} />
                    </td>
                    <td className="max-w-36 px-2 py-2 lg:max-w-64 lg:px-3">
                      {/* An external change has no reason of anyone's: the operation already says what it is. */}
                      <span className="block text-xs font-medium text-slate-600">{row.operation === "external" ? "—" : reasonLabel(row.reasonCategory, locale)}</span>
                      <UserText className="block wrap-anywhere text-slate-800" text={row.reasonText} />
                      {row.bulkBatchId ? (
                        <Link
                          href={`/bulk/${row.bulkBatchId}`}
                          data-testid="review-batch-link"
                          className="mt-1 block text-xs text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                        >
                          {t("bulkBatch")}
                        </Link>
                      ) : null}
                    </td>
                    <td className="hidden px-2 py-2 lg:px-3 lg:table-cell">
                      <TrailStatusBadge status={row.status} label={tOrders(`trailStatus.${row.status}`)} />
                      {row.appliedLate ? (
                        <span className="mt-1 block">
                          <Badge tone="warning">{tOrders("order.appliedLateBadge")}</Badge>
                        </span>
                      ) : null}
                    </td>
                    <td className="hidden px-2 py-2 lg:px-3 lg:table-cell">{row.approval ? <ApprovalBrief approval={row.approval} /> : <span className="text-slate-400">—</span>}</td>
                    <td className="px-2 py-2 lg:px-3">
                      <span className="mb-1 block lg:hidden">
                        <TrailStatusBadge status={row.status} label={tOrders(`trailStatus.${row.status}`)} />
                      </span>
                      {row.approval ? (
                        <span className="mb-1 block lg:hidden">
                          <ApprovalBrief approval={row.approval} />
                        </span>
                      ) : null}
                      <ReviewStateBadge state={row.reviewState} label={t(`reviewStates.${row.reviewState}`)} />
                      {row.reviewState === "flagged" && row.reviewComment ? (
                        <UserText className="mt-1 block max-w-32 text-xs wrap-anywhere text-amber-900 lg:max-w-48" text={row.reviewComment} />
                      ) : null}
                    </td>
                  </tr>
                  {isOpen && detail ? (
                    <tr className="border-t border-blue-100 bg-blue-50/40">
                      <td colSpan={columnCount} className="p-0">
                        {/* Sticky and no wider than the viewport: readable while the table scrolls sideways. */}
                        <div className="sticky left-0 max-w-[calc(100vw-2rem)] sm:max-w-[calc(100vw-3rem)]">{detail}</div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
