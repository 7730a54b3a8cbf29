import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApprovalQueueTable } from "@/components/approvals/approval-queue-table";
import { ReviewFilterForm } from "@/components/review/review-filter-form";
import { ListFooter } from "@/components/review/review-pagination";
import { Alert } from "@/components/ui/alert";
import { QUEUE_DEFAULT_SORT, QUEUE_FIXED_FILTERS, parseQueueSearch, queueQueryFilters, queueSearchString } from "@/lib/approvals/queue";
import { type ReviewPosition, hasActiveFilters } from "@/lib/review/filters";
import { requireCapability } from "@/server/auth/guard";
import { getPublicProfiles } from "@/server/config/profiles";
import { getDb } from "@/server/db";
import { findReviewPage, listReviewAgents } from "@/server/review/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("approvals");
  return { title: t("metaTitle") };
}

type SearchParams = Record<string, string | string[] | undefined>;

// The queue of four-eyes requests: the review list's query and filters (lib/approvals/queue.ts),
// waiting requests only, the longest-waiting first. Empty filter fields are dropped by proxy.ts.
export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireCapability("canApprove");
  const { filters, position, invalid } = parseQueueSearch(await searchParams);
  const db = await getDb();
  const [t, page, agents] = await Promise.all([
    getTranslations("approvals"),
    findReviewPage(db, { filters: queueQueryFilters(filters), position, scope: { kind: "all" } }),
    listReviewAgents(db),
  ]);
  const profiles = getPublicProfiles().map((profile) => ({ id: profile.id, label: profile.label }));
  const href = (at: Partial<ReviewPosition>) => `/approvals${queueSearchString(filters, at)}`;
  const isFirstPage = !position.after && !(position.before && page.prevCursor);
  const now = new Date();

  return (
    <div className="space-y-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ReviewFilterForm action="/approvals" filters={filters} agents={agents} profiles={profiles} omit={QUEUE_FIXED_FILTERS} defaultSort={QUEUE_DEFAULT_SORT} />
      {invalid.length > 0 ? (
        <Alert tone="warning" role="status">
          {t("invalidFilters", { keys: invalid.join(", ") })}
        </Alert>
      ) : null}
      {page.rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600" data-testid="approvals-empty">
          {hasActiveFilters(filters) ? t("emptyFiltered") : t("empty")}
        </p>
      ) : (
        <ApprovalQueueTable
          rows={page.rows}
          viewerId={user.id}
          profileLabels={Object.fromEntries(profiles.map((profile) => [profile.id, profile.label]))}
          now={now}
        />
      )}
      <ListFooter
        info={t("pageInfo", { count: page.rows.length })}
        firstHref={isFirstPage ? null : href({})}
        prevHref={page.prevCursor ? href({ before: page.prevCursor }) : null}
        nextHref={page.nextCursor ? href({ after: page.nextCursor }) : null}
      />
    </div>
  );
}
