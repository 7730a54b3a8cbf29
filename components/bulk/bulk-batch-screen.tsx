"use client";
// One batch, live: the page's server component reads the batch once; from there TanStack Query polls
// it (bulk-queries.ts) and the screen follows its status —
//   checking                      the dry run's progress (checked / total)
//   previewed                     totals, the maker's submit, the preview of every row
//   awaiting_approval             totals, approve / reject (a supervisor other than the maker), the preview as evidence
//   queued / running / paused     the live progress bar, pause / resume / cancel (supervisors), the rows with their outcomes
//   completed / cancelled         the outcome, the results CSV, every row with its outcome and Request-ID
//   rejected                      who rejected it and why, the preview
// The rows are read by the browser (not put in the page's HTML: 10 000 of them), and read again
// whenever the batch's status changes.
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { useCallback, useEffect, useRef } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { UserText } from "@/components/text/user-text";
import type { BulkBatchView } from "@/lib/bulk/types";
import { queryKeys } from "@/lib/query-keys";
import { ApprovalPanel, DecisionFacts, RejectedPanel, RunControls, SubmitPanel, type BulkBatchActions } from "./bulk-decisions";
import { BulkPreview, BulkTotals, useCsvLang } from "./bulk-preview";
import { BulkCheckingBar, BulkProgressBar } from "./bulk-progress";
import { bulkApi, bulkBatchQuery, bulkRowsQuery } from "./bulk-queries";
import { BatchStatusBadge } from "./bulk-text";

export interface BulkViewer {
  id: string;
  canApprove: boolean;
}

function Panel({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid={testId} aria-label={title}>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function RowsSection({ batch, profileLabels }: { batch: BulkBatchView; profileLabels: Readonly<Record<string, string>> }) {
  const t = useTranslations("bulk");
  const lang = useCsvLang();
  const { data: rows, isError } = useQuery(bulkRowsQuery(batch.id, batch.status));
  const ran = batch.status === "queued" || batch.status === "running" || batch.status === "paused" || batch.status === "completed" || batch.status === "cancelled";
  const csv = ran
    ? { href: bulkApi.resultsCsv(batch.id, lang), label: t("results.csv") }
    : batch.totals.refused > 0
      ? { href: bulkApi.errorsCsv(batch.id, lang), label: t("preview.errorsCsv") }
      : null;
  return (
    <Panel title={ran ? t("results.title") : t("preview.title")} testId="bulk-rows">
      {rows ? (
        <BulkPreview rows={rows} kind={ran ? "results" : "preview"} profileLabels={profileLabels} csv={csv} />
      ) : isError ? (
        <Alert tone="warning" role="alert">
          {t("errors.INTERNAL_ERROR")}
        </Alert>
      ) : (
        <div aria-busy="true" className="space-y-2">
          <Skeleton className="h-9 w-64" />
          <Skeleton className="h-[32rem] w-full" />
        </div>
      )}
    </Panel>
  );
}

function Outcome({ batch }: { batch: BulkBatchView }) {
  const t = useTranslations("bulk.results");
  const { succeeded, failed, skipped, remaining } = batch.progress;
  if (batch.status !== "completed" && batch.status !== "cancelled") return null;
  return (
    <Alert tone={batch.status === "completed" && failed === 0 ? "success" : "warning"} role="status" data-testid="bulk-outcome">
      {batch.status === "completed" ? t("completed", { succeeded, failed, skipped }) : t("cancelled", { succeeded, failed, skipped, remaining })}{" "}
      <Link href={`/review?batch=${encodeURIComponent(batch.id)}`} className="font-medium underline underline-offset-2" data-testid="bulk-review-link">
        {t("inReview")}
      </Link>
    </Alert>
  );
}

export function BulkBatchScreen({
  initial,
  viewer,
  profileLabels,
  actions,
}: {
  initial: BulkBatchView;
  viewer: BulkViewer;
  profileLabels: Readonly<Record<string, string>>;
  actions: BulkBatchActions;
}) {
  const t = useTranslations("bulk");
  const dateTime = useDateTime();
  const client = useQueryClient();
  const { data: batch } = useQuery(bulkBatchQuery(initial));
  const isMaker = batch.createdBy.id === viewer.id;

  // A new status, or the last row settled (a cancelled batch's row in flight): the rows (verdicts →
  // outcomes) and the list are read again.
  const phase = `${batch.status}:${batch.progress.remaining === 0 ? "settled" : "open"}`;
  const lastPhase = useRef(phase);
  useEffect(() => {
    if (lastPhase.current === phase) return;
    lastPhase.current = phase;
    void client.invalidateQueries({ queryKey: queryKeys.bulkRows(batch.id) });
    void client.invalidateQueries({ queryKey: queryKeys.bulkBatches() });
  }, [phase, batch.id, client]);

  const settle = useCallback(() => {
    void client.invalidateQueries({ queryKey: queryKeys.bulkBatch(batch.id) });
    void client.invalidateQueries({ queryKey: queryKeys.bulkBatches() });
  }, [client, batch.id]);

  const status = batch.status;
  const isRunPhase = status === "queued" || status === "running" || status === "paused" || status === "completed" || status === "cancelled";

  return (
    <div className="space-y-4" data-testid="bulk-batch" data-status={status}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-all text-slate-900">{t("batch.title", { file: batch.fileName })}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
            <BatchStatusBadge status={status} />
            <span>
              {t("batch.maker")}: <UserText text={batch.createdBy.name} />
            </span>
            <span>
              {t("batch.createdAt")}: {dateTime(batch.createdAt, "mediumShort")}
            </span>
            <span>
              {t("batch.encoding")}: {t(`file.encoding.${batch.encoding}`)}
            </span>
          </p>
        </div>
        <Link href="/bulk" className={buttonClass({ variant: "ghost", size: "sm", className: "ml-auto" })}>
          {t("batch.back")}
        </Link>
      </div>

      {status === "checking" ? (
        <Panel title={t("checking.title")} testId="bulk-checking-panel">
          <p className="text-sm text-slate-600">{t("checking.body")}</p>
          <BulkCheckingBar checked={batch.checked} total={batch.totals.rows} />
        </Panel>
      ) : (
        <Panel title={t("preview.totals")}>
          <BulkTotals totals={batch.totals} />
          {status === "previewed" ? <SubmitPanel batch={batch} isMaker={isMaker} actions={actions} settle={settle} /> : null}
        </Panel>
      )}

      {status === "awaiting_approval" ? <ApprovalPanel batch={batch} isMaker={isMaker} canApprove={viewer.canApprove} actions={actions} settle={settle} /> : null}
      {status === "rejected" ? <RejectedPanel batch={batch} /> : null}

      {isRunPhase ? (
        <Panel title={t("progress.title")} testId="bulk-progress-panel">
          <Outcome batch={batch} />
          {status === "queued" ? <p className="text-sm text-slate-600">{t("progress.queued")}</p> : null}
          {status === "paused" ? <p className="text-sm text-amber-900">{t("progress.paused")}</p> : null}
          <BulkProgressBar progress={batch.progress} />
          <RunControls batch={batch} canControl={viewer.canApprove} actions={actions} settle={settle} />
          {batch.approval.decidedBy ? <DecisionFacts batch={batch} /> : null}
        </Panel>
      ) : null}

      {status !== "checking" ? <RowsSection batch={batch} profileLabels={profileLabels} /> : null}
    </div>
  );
}
