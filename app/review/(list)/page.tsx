import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReviewDetailPanel } from "@/components/review/review-detail";
import { ReviewFilterForm } from "@/components/review/review-filter-form";
import { ReviewHeading } from "@/components/review/review-heading";
import { ListFooter } from "@/components/review/review-pagination";
import { ReviewTable } from "@/components/review/review-table";
import { ReviewTabs } from "@/components/review/review-tabs";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/auth/roles";
import { type ReviewPosition, hasActiveFilters, parseReviewSearch, reviewSearchString } from "@/lib/review/filters";
import { reviewScopeOf } from "@/lib/review/states";
import { requireCapability } from "@/server/auth/guard";
import { getPublicProfiles } from "@/server/config/profiles";
import { getDb } from "@/server/db";
import { findReviewDetail, findReviewPage, listReviewAgents } from "@/server/review/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review");
  return { title: t("metaTitle") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ReviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireCapability("canViewTrail");
  const params = await searchParams;
  // The filter form's empty fields are dropped from the URL by proxy.ts (tidyReviewSearch): a redirect
  // from here would come from inside ./loading.tsx's boundary, after the page has begun to stream.
  const { filters, position, invalid } = parseReviewSearch(params);

  const scope = reviewScopeOf(user);
  const seesAll = scope.kind === "all";
  const canReview = can(user.role, "canReview");
  const db = await getDb();
  const [t, page, detail, agents] = await Promise.all([
    getTranslations("review"),
    findReviewPage(db, { filters, position, scope }),
    position.row ? findReviewDetail(db, position.row, scope) : Promise.resolve(undefined),
    seesAll ? listReviewAgents(db) : Promise.resolve(null),
  ]);
  const profiles = getPublicProfiles().map((profile) => ({ id: profile.id, label: profile.label }));
  const href = (at: Partial<ReviewPosition>) => `/review${reviewSearchString(filters, at)}`;
  const here = { after: position.after, before: position.before };
  const detailPanel = detail ? <ReviewDetailPanel detail={detail} closeHref={href(here)} canReview={canReview} canApprove={can(user.role, "canApprove")} viewerId={user.id} /> : null;
  const detailOnPage = detail !== undefined && page.rows.some((row) => row.id === detail.row.id);
  const isFirstPage = !position.after && !(position.before && page.prevCursor);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <ReviewHeading seesAll={seesAll} />
        {can(user.role, "canExport") ? (
          <a
            href={`/api/review/export${reviewSearchString(filters)}`}
            download
            title={t("exportHint")}
            className={buttonClass({ variant: "secondary", className: "ml-auto" })}
            data-testid="review-export"
          >
            {t("export")}
          </a>
        ) : null}
      </div>
      {seesAll ? <ReviewTabs current="list" search={reviewSearchString(filters)} /> : null}
      <ReviewFilterForm action="/review" filters={filters} agents={agents} profiles={profiles} />
      {invalid.length > 0 ? (
        <Alert tone="warning" role="status">
          {t("filters.invalid", { keys: invalid.join(", ") })}
        </Alert>
      ) : null}
      {position.row && !detail ? (
        <Alert tone="warning" role="status">
          {t("detail.notFound")}
        </Alert>
      ) : null}
      {detail && !detailOnPage ? <div className="rounded-xl border border-blue-200 bg-blue-50/40 shadow-sm">{detailPanel}</div> : null}
      {page.rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {seesAll || hasActiveFilters(filters) ? t("empty") : t("emptyOwn")}
        </p>
      ) : (
        <ReviewTable
          rows={page.rows}
          detailHrefs={Object.fromEntries(page.rows.map((row) => [row.id, href({ ...here, row: row.id })]))}
          openRowId={detailOnPage ? (detail?.row.id ?? null) : null}
          detail={detailOnPage ? detailPanel : null}
          canReview={canReview}
          viewerId={user.id}
          showAgent={seesAll}
          profileLabels={Object.fromEntries(profiles.map((profile) => [profile.id, profile.label]))}
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
