"use client";
// The batches on /bulk, newest first: file (a link to its page), status, maker, when, orders, the Σ
// of reductions and the progress. Server-rendered, kept fresh by TanStack Query while any batch is
// still moving.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { UserText } from "@/components/text/user-text";
import type { BulkBatchView } from "@/lib/bulk/types";
import { formatFen } from "@/lib/money";
import { settledOf } from "./bulk-progress";
import { bulkBatchesQuery } from "./bulk-queries";
import { BatchStatusBadge } from "./bulk-text";

const TH = "px-3 py-2 text-left text-xs font-medium text-slate-600";
const TD = "px-3 py-2 align-top";

export function BulkBatchList({ initial }: { initial: BulkBatchView[] }) {
  const t = useTranslations("bulk.list");
  const format = useFormatter();
  const dateTime = useDateTime();
  const { data: batches } = useQuery(bulkBatchesQuery(initial));
  if (batches.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600" data-testid="bulk-list-empty">
        {t("empty")}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[40rem] border-collapse text-sm" data-testid="bulk-list">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th scope="col" className={TH}>
              {t("file")}
            </th>
            <th scope="col" className={TH}>
              {t("status")}
            </th>
            <th scope="col" className={TH}>
              {t("maker")}
            </th>
            <th scope="col" className={TH}>
              {t("createdAt")}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              {t("orders")}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              {t("reduction")}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              {t("progress")}
            </th>
          </tr>
        </thead>
        <tbody>
          {batches.map((batch) => (
            <tr key={batch.id} className="border-b border-slate-100 last:border-0" data-batch-id={batch.id}>
              <th scope="row" className={`${TD} text-left font-normal`}>
                <Link href={`/bulk/${batch.id}`} className="font-medium break-all text-blue-700 hover:underline">
                  {batch.fileName}
                </Link>
              </th>
              <td className={TD}>
                <BatchStatusBadge status={batch.status} />
              </td>
              <td className={TD}>
                <UserText text={batch.createdBy.name} />
              </td>
              <td className={`${TD} whitespace-nowrap text-slate-600`}>{dateTime(batch.createdAt, "shortShort")}</td>
              <td className={`${TD} text-right tabular-nums`}>{format.number(batch.totals.rows)}</td>
              <td className={`${TD} text-right tabular-nums`}>{formatFen(batch.totals.reductionFen)}</td>
              <td className={`${TD} text-right tabular-nums`}>
                {batch.status === "checking"
                  ? t("progressValue", { settled: batch.checked, total: batch.totals.rows })
                  : batch.progress.total > 0
                    ? t("progressValue", { settled: settledOf(batch.progress), total: batch.progress.total })
                    : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
