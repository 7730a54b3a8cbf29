"use client";
// Every row of a batch in one scrollable table, virtualized so that 10 000 rows scroll smoothly:
// TanStack Table (v9, core row model only — the verdict filter is applied before the data goes in)
// gives the columns and rows, TanStack Virtual renders the ones in view. The markup is ARIA grid-less
// table semantics (role table / rowgroup / row / columnheader / cell) on CSS grid rows, because
// absolutely positioned rows break native <table> layout; aria-rowcount and aria-rowindex tell
// assistive technology where a rendered row sits among all of them. The scroll region is focusable
// (keyboard scrolling) and named by the table's caption.
// "preview" shows the dry run's verdicts; "results" adds each row's outcome and Request-ID.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { memo, useId, useMemo, useRef } from "react";
import { createColumnHelper, flexRender, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ApprovalReasonList } from "@/components/approvals/approval-text";
import { useIssueText } from "@/components/orders/form-fields";
import { Badge } from "@/components/ui/badge";
import { BULK_VERDICTS, type BulkBatchRowView, type BulkPreviewRow, type BulkVerdict } from "@/lib/bulk/types";
import { formatFen } from "@/lib/money";
import { orderPagePath } from "@/lib/orders/snapshot";
import { ROW_STATUS_TONE, VERDICT_TONE, problemText } from "./bulk-text";

export type BulkTableRow = BulkPreviewRow & Partial<Pick<BulkBatchRowView, "status" | "outcomeCode" | "outcomeMessage" | "requestId" | "trailId">>;

const features = tableFeatures({});

function isVerdict(code: string): code is BulkVerdict {
  return (BULK_VERDICTS as readonly string[]).includes(code);
}
const helper = createColumnHelper<typeof features, BulkTableRow>();

/** Estimated row height (one line of text plus padding); rows with problems are measured. */
const ROW_ESTIMATE = 44;
const OVERSCAN = 12;

const GRID_PREVIEW = "grid-cols-[4rem_minmax(9rem,1fr)_minmax(11rem,1.2fr)_minmax(12rem,1.6fr)_minmax(10rem,0.9fr)_minmax(10rem,1.2fr)]";
const GRID_RESULTS = "grid-cols-[4rem_minmax(9rem,1fr)_minmax(11rem,1.2fr)_minmax(11rem,1.3fr)_minmax(10rem,0.9fr)_minmax(12rem,1.5fr)]";

function VerdictCell({ row }: { row: BulkTableRow }) {
  const t = useTranslations("bulk");
  const issueText = useIssueText();
  const at = (column: string, message: string) => t("preview.problemAt", { column, message });
  return (
    <div className="min-w-0 space-y-1">
      <Badge tone={VERDICT_TONE[row.verdict]} data-verdict={row.verdict}>
        {t(`verdicts.${row.verdict}`)}
      </Badge>
      {row.problems.length > 0 ? (
        <ul className="space-y-0.5 text-xs break-words text-red-800">
          {row.problems.map((problem, index) => (
            <li key={index}>{problemText(problem, issueText, at)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function AmountsCell({ row }: { row: BulkTableRow }) {
  const money = (fen: number | null) => (fen === null ? "—" : formatFen(fen));
  return (
    <span className="tabular-nums whitespace-nowrap">
      {money(row.totalBefore)} → <span className="font-medium">{money(row.totalAfter)}</span>
    </span>
  );
}

function ApprovalCell({ row }: { row: BulkTableRow }) {
  const locale = useLocale();
  if (row.approvalReasons.length === 0) return <span className="text-slate-500">—</span>;
  return <ApprovalReasonList reasons={row.approvalReasons} locale={locale} className="space-y-0.5 text-xs" />;
}

function OutcomeCell({ row }: { row: BulkTableRow }) {
  const t = useTranslations("bulk");
  if (!row.status) return null;
  return (
    <div className="min-w-0 space-y-1 text-xs">
      <Badge tone={ROW_STATUS_TONE[row.status]} data-row-status={row.status}>
        {t(`rowStatus.${row.status}`)}
      </Badge>
      {row.outcomeCode || row.outcomeMessage ? (
        <p className="break-words text-slate-700">
          {[row.outcomeCode && isVerdict(row.outcomeCode) ? t(`verdicts.${row.outcomeCode}`) : row.outcomeCode, row.outcomeMessage].filter(Boolean).join(" · ")}
        </p>
      ) : null}
      {row.requestId ? (
        <p className="font-mono break-all text-slate-600">
          <span className="sr-only">{t("preview.requestId")} </span>
          {row.requestId}
        </p>
      ) : null}
    </div>
  );
}

function TargetCell({ row, profileLabels }: { row: BulkTableRow; profileLabels: Readonly<Record<string, string>> }) {
  return (
    <span className="block min-w-0 break-words">
      {profileLabels[row.profileId] ?? row.profileId}
      {row.subMchid ? <span className="block font-mono text-xs text-slate-500">{row.subMchid}</span> : null}
    </span>
  );
}

function OrderCell({ row }: { row: BulkTableRow }) {
  return (
    <Link href={orderPagePath(row.profileId, row.outOrderNo, row.subMchid)} prefetch={false} className="font-mono break-all text-blue-700 hover:underline">
      {row.outOrderNo}
    </Link>
  );
}

function useColumns(kind: "preview" | "results", profileLabels: Readonly<Record<string, string>>) {
  const t = useTranslations("bulk.preview");
  return useMemo(
    () =>
      helper.columns([
        helper.accessor("line", { header: t("line"), cell: (info) => <span className="tabular-nums text-slate-600">{info.getValue()}</span> }),
        helper.display({ id: "target", header: t("target"), cell: ({ row }) => <TargetCell row={row.original} profileLabels={profileLabels} /> }),
        helper.accessor("outOrderNo", { header: t("order"), cell: ({ row }) => <OrderCell row={row.original} /> }),
        helper.accessor("verdict", { header: t("verdict"), cell: ({ row }) => <VerdictCell row={row.original} /> }),
        helper.display({ id: "amounts", header: t("amounts"), cell: ({ row }) => <AmountsCell row={row.original} /> }),
        kind === "results"
          ? helper.display({ id: "outcome", header: t("outcome"), cell: ({ row }) => <OutcomeCell row={row.original} /> })
          : helper.display({ id: "approval", header: t("approval"), cell: ({ row }) => <ApprovalCell row={row.original} /> }),
      ]),
    [t, kind, profileLabels],
  );
}

type TableRow = ReturnType<ReturnType<typeof useTable<typeof features, BulkTableRow>>["getRowModel"]>["rows"][number];

/**
 * One rendered row. Memoized: while the table scrolls, the rows already in view are not rendered
 * again — only those coming into view (a row's position changes only when one above it is measured).
 */
const VirtualRow = memo(function VirtualRow({ row, index, start, grid, measure }: { row: TableRow; index: number; start: number; grid: string; measure: (element: HTMLElement | null) => void }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      data-line={row.original.line}
      ref={measure}
      className={`absolute inset-x-0 top-0 grid ${grid} items-start gap-x-3 border-b border-slate-100 px-3 py-2`}
      style={{ transform: `translateY(${start}px)` }}
    >
      {row.getAllCells().map((cell) => (
        <div role="cell" key={cell.id} className="min-w-0">
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  );
});

export interface BulkRowsTableProps {
  rows: readonly BulkTableRow[];
  /** Rows in the whole batch (the filter may show fewer). */
  totalRows: number;
  kind: "preview" | "results";
  profileLabels: Readonly<Record<string, string>>;
  /** Height of the scroll region. */
  heightClass?: string;
}

function BulkRowsTableImpl({ rows, totalRows, kind, profileLabels, heightClass = "max-h-[32rem]" }: BulkRowsTableProps) {
  const t = useTranslations("bulk.preview");
  const captionId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = useColumns(kind, profileLabels);
  const data = rows as BulkTableRow[];
  const table = useTable({ features, columns, data, getRowId: (row) => String(row.line) });
  const model = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: model.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => model[index]?.id ?? index,
    overscan: OVERSCAN,
  });
  const grid = kind === "results" ? GRID_RESULTS : GRID_PREVIEW;
  const items = virtualizer.getVirtualItems();

  return (
    <div className="space-y-1">
      <p id={captionId} className="sr-only">
        {t("caption", { count: totalRows })}
      </p>
      <div
        ref={scrollRef}
        tabIndex={0}
        role="region"
        aria-labelledby={captionId}
        className={`${heightClass} overflow-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600`}
        data-testid="bulk-rows-scroll"
      >
        <div role="table" aria-labelledby={captionId} aria-rowcount={model.length + 1} className="min-w-[58rem] text-sm" data-testid="bulk-rows-table" data-rows={model.length}>
          <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <div role="row" aria-rowindex={1} key={group.id} className={`grid ${grid} gap-x-3 px-3`}>
                {group.headers.map((header) => (
                  <div role="columnheader" key={header.id} className="py-2 text-left text-xs font-medium text-slate-600">
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </div>
                ))}
              </div>
            ))}
          </div>
          {/* A rowgroup holds rows: none at all when the filter leaves nothing. */}
          {model.length > 0 ? (
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = model[item.index];
              return row ? <VirtualRow key={row.id} row={row} index={item.index} start={item.start} grid={grid} measure={virtualizer.measureElement} /> : null;
            })}
          </div>
          ) : null}
        </div>
        {model.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">{t("empty")}</p> : null}
      </div>
      <p className="text-xs text-slate-500" aria-live="polite">
        {t("shown", { shown: model.length, total: totalRows })}
      </p>
    </div>
  );
}

/** Re-renders only when its rows (by identity) or its kind change, not on every poll of the batch. */
export const BulkRowsTable = memo(BulkRowsTableImpl);
