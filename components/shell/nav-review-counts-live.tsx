"use client";
// The badges beside the review link: unreviewed changes (for those who see everyone's) and flagged
// ones. The layout hands over the counts it read for the first paint; TanStack Query keeps them
// current (components/review/review-queries.ts). Loaded through ./nav-review-counts.tsx.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReviewCounts } from "@/lib/review/view";
import { reviewCountsQuery } from "@/components/review/review-queries";

export function NavReviewCountsLive({ initial, seesAll }: { initial: ReviewCounts | null; seesAll: boolean }) {
  const t = useTranslations("app.nav");
  const { data: counts } = useQuery(reviewCountsQuery(initial));
  if (!counts) return null;
  return (
    <>
      {seesAll && counts.unreviewed > 0 ? (
        <span data-testid="nav-unreviewed" className="rounded-full bg-blue-100 px-1.5 text-xs font-semibold text-blue-800 tabular-nums">
          {t("unreviewed", { count: counts.unreviewed })}
        </span>
      ) : null}
      {counts.flagged > 0 ? (
        <span data-testid="nav-flagged" className="rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 tabular-nums">
          {t("flagged", { count: counts.flagged })}
        </span>
      ) : null}
    </>
  );
}
