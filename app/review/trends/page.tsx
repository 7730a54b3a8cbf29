import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ReviewFilterForm } from "@/components/review/review-filter-form";
import { ReviewTabs } from "@/components/review/review-tabs";
import { TrendChart } from "@/components/review/trend-chart";
import { Alert } from "@/components/ui/alert";
import { ROLES } from "@/lib/auth/roles";
import { formatFen } from "@/lib/money";
import { REASON_CATEGORIES } from "@/lib/orders/reasons";
import { parseReviewSearch, reviewSearchString } from "@/lib/review/filters";
import { reasonLabel } from "@/lib/orders/reasons";
import { reviewScopeOf, seesAllChanges } from "@/lib/review/states";
import type { TrendDay } from "@/lib/review/view";
import { requireRole } from "@/server/auth/guard";
import { getPublicProfiles } from "@/server/config/profiles";
import { getDb } from "@/server/db";
import { listReviewAgents } from "@/server/review/queries";
import { loadReviewTrends } from "@/server/review/trends";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review");
  return { title: t("trends.metaTitle") };
}

function Block({ id, title, chart, table }: { id: string; title: string; chart: ReactNode; table: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="mb-3 text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0">{chart}</div>
        <div className="max-h-72 min-w-0 overflow-auto rounded-md border border-slate-100">{table}</div>
      </div>
    </section>
  );
}

const TH = "sticky top-0 bg-slate-50 px-2 py-1.5 text-left text-xs font-medium whitespace-nowrap text-slate-600";
const TD = "px-2 py-1 whitespace-nowrap tabular-nums";

interface Column<Row> {
  label: string;
  cell(row: Row): ReactNode;
  className?: string;
}

/**
 * A chart's data as a table (the accessible twin of the chart): the first column heads each row,
 * the others are right-aligned numbers.
 */
function TrendTable<Row>({ caption, rows, rowKey, columns }: { caption: string; rows: readonly Row[]; rowKey(row: Row): string; columns: readonly Column<Row>[] }) {
  const [head, ...rest] = columns;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {head ? <th scope="col" className={TH}>{head.label}</th> : null}
          {rest.map((column) => (
            <th key={column.label} scope="col" className={`${TH} text-right`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-t border-slate-100">
            {head ? <th scope="row" className={`${TD} text-left font-normal ${head.className ?? ""}`}>{head.cell(row)}</th> : null}
            {rest.map((column) => (
              <td key={column.label} className={`${TD} text-right ${column.className ?? ""}`}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function TrendsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(...ROLES.filter((role) => seesAllChanges(role)));
  const { filters, invalid } = parseReviewSearch(await searchParams);
  const db = await getDb();
  const [t, format, locale, trends, agents] = await Promise.all([
    getTranslations("review"),
    getFormatter(),
    getLocale(),
    loadReviewTrends(db, filters, reviewScopeOf(user)),
    listReviewAgents(db),
  ]);
  const profiles = getPublicProfiles().map((profile) => ({ id: profile.id, label: profile.label }));
  const percent = (part: number, whole: number) => format.number(whole === 0 ? 0 : part / whole, { style: "percent", maximumFractionDigits: 1 });
  const newestFirst = [...trends.days].reverse();
  const caption = (title: string) => t("trends.table", { title });

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("trends.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ReviewTabs current="trends" search={reviewSearchString(filters)} />
      <ReviewFilterForm action="/review/trends" filters={filters} agents={agents} profiles={profiles} showSort={false} />
      {invalid.length > 0 ? (
        <Alert tone="warning" role="status">
          {t("filters.invalid", { keys: invalid.join(", ") })}
        </Alert>
      ) : null}
      <p className="text-sm text-slate-700" data-testid="trends-summary">
        {t("trends.period", { from: trends.from, to: trends.to, total: trends.total, flagged: trends.flagged, share: percent(trends.flagged, trends.total) })}
        <span className="block text-xs text-slate-500">{t("trends.filtersNote")}</span>
      </p>

      <Block
        id="trend-per-day"
        title={t("trends.perDay")}
        chart={<TrendChart kind="perDay" days={trends.days} />}
        table={
          <TrendTable
            caption={caption(t("trends.perDay"))}
            rows={newestFirst}
            rowKey={(day) => day.day}
            columns={[
              { label: t("trends.day"), cell: (day) => day.day },
              ...REASON_CATEGORIES.map((category) => ({ label: reasonLabel(category, locale), cell: (day: TrendDay) => day.byReason[category] ?? 0 })),
              { label: t("trends.total"), cell: (day) => day.total, className: "font-medium" },
            ]}
          />
        }
      />

      <Block
        id="trend-amount"
        title={t("trends.amount")}
        chart={<TrendChart kind="amount" days={trends.days} />}
        table={
          <TrendTable
            caption={caption(t("trends.amount"))}
            rows={newestFirst}
            rowKey={(day) => day.day}
            columns={[
              { label: t("trends.day"), cell: (day) => day.day },
              { label: t("trends.reduced"), cell: (day) => formatFen(day.reducedFen) },
              { label: t("trends.net"), cell: (day) => formatFen(day.netDeltaFen) },
            ]}
          />
        }
      />

      <Block
        id="trend-agents"
        title={t("trends.agents")}
        chart={trends.agents.length > 0 ? <TrendChart kind="agents" agents={trends.agents} /> : <p className="text-sm text-slate-500">{t("trends.noData")}</p>}
        table={
          <TrendTable
            caption={caption(t("trends.agents"))}
            rows={trends.agents}
            rowKey={(agent) => agent.userId}
            columns={[
              { label: t("trends.agent"), cell: (agent) => agent.userName, className: "max-w-40 truncate" },
              { label: t("trends.changes"), cell: (agent) => agent.changes },
              { label: t("trends.flagged"), cell: (agent) => agent.flagged },
              { label: t("trends.share"), cell: (agent) => percent(agent.flagged, agent.changes) },
              { label: t("trends.net"), cell: (agent) => formatFen(agent.netDeltaFen) },
            ]}
          />
        }
      />

      <Block
        id="trend-flagged"
        title={t("trends.flaggedShare")}
        chart={<TrendChart kind="flaggedShare" days={trends.days} />}
        table={
          <TrendTable
            caption={caption(t("trends.flaggedShare"))}
            rows={newestFirst}
            rowKey={(day) => day.day}
            columns={[
              { label: t("trends.day"), cell: (day) => day.day },
              { label: t("trends.total"), cell: (day) => day.total },
              { label: t("trends.flagged"), cell: (day) => day.flagged },
              { label: t("trends.share"), cell: (day) => percent(day.flagged, day.total) },
            ]}
          />
        }
      />
    </div>
  );
}
