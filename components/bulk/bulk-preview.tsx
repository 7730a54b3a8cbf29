"use client";
// The dry run's preview (and, once the batch ran, its results): the totals, a verdict filter with
// each verdict's count, the CSV download (rows with problems to fix and upload again; or every
// row's outcome), and the virtualized table of every row.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { BULK_VERDICTS, type BulkPreviewTotals, type BulkVerdict } from "@/lib/bulk/types";
import { formatFen } from "@/lib/money";
import { BulkRowsTable, type BulkTableRow } from "./bulk-rows-table";

export function BulkTotals({ totals }: { totals: BulkPreviewTotals }) {
  const t = useTranslations("bulk.preview");
  const format = useFormatter();
  const count = (value: number) => format.number(value);
  const figures: { key: string; label: string; value: string }[] = [
    { key: "rows", label: t("rows"), value: count(totals.rows) },
    { key: "sendable", label: t("sendable"), value: count(totals.sendable) },
    { key: "refused", label: t("refused"), value: count(totals.refused) },
    { key: "needsApproval", label: t("needsApproval"), value: count(totals.needsApproval) },
    { key: "reduction", label: t("reduction"), value: formatFen(totals.reductionFen) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="bulk-totals">
      {figures.map((figure) => (
        <div key={figure.key} className="rounded-lg bg-slate-50 px-3 py-2" data-total={figure.key}>
          <dt className="text-xs text-slate-500">{figure.label}</dt>
          <dd className="text-lg font-semibold break-all tabular-nums">{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Filter = "all" | BulkVerdict;

export interface BulkPreviewProps {
  rows: readonly BulkTableRow[];
  kind: "preview" | "results";
  profileLabels: Readonly<Record<string, string>>;
  /** The CSV to download beside the filter (errors in the preview, results afterwards). */
  csv: { href: string; label: string } | null;
}

export function BulkPreview({ rows, kind, profileLabels, csv }: BulkPreviewProps) {
  const t = useTranslations("bulk");
  const filterId = useId();
  const [filter, setFilter] = useState<Filter>("all");
  const counts = useMemo(() => {
    const byVerdict = new Map<BulkVerdict, number>();
    for (const row of rows) byVerdict.set(row.verdict, (byVerdict.get(row.verdict) ?? 0) + 1);
    return byVerdict;
  }, [rows]);
  const shown = useMemo(() => (filter === "all" ? rows : rows.filter((row) => row.verdict === filter)), [rows, filter]);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor={filterId} className="block text-xs font-medium text-slate-600">
            {t("preview.filter")}
          </label>
          <Select id={filterId} value={filter} onChange={(event) => setFilter(event.target.value as Filter)} className="w-auto" data-testid="bulk-verdict-filter">
            <option value="all">{t("preview.filterAll", { count: rows.length })}</option>
            {BULK_VERDICTS.filter((verdict) => counts.has(verdict)).map((verdict) => (
              <option key={verdict} value={verdict}>
                {t("preview.filterOption", { verdict: t(`verdicts.${verdict}`), count: counts.get(verdict) ?? 0 })}
              </option>
            ))}
          </Select>
        </div>
        {csv ? (
          <a href={csv.href} download className={buttonClass({ variant: "secondary", size: "md", className: "ml-auto" })}>
            {csv.label}
          </a>
        ) : null}
      </div>
      <BulkRowsTable rows={shown} totalRows={rows.length} kind={kind} profileLabels={profileLabels} />
    </div>
  );
}

/** `?lang=` of the CSV downloads: the reader's language. */
export function useCsvLang(): "zh" | "en" {
  return useLocale() === "en" ? "en" : "zh";
}
