"use client";
// The badges beside the navigation's links. Review: unreviewed changes (for those who see everyone's)
// and flagged ones, then the viewer's own four-eyes requests — still waiting, or declined recently
// (rejected, expired, or found stale when approved). Approvals: the others' requests waiting for a
// decision. The layout hands over the counts it read for the first paint; TanStack Query keeps them
// current, one read for both links (components/review/review-queries.ts). Loaded through
// ./nav-review-counts.tsx.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { NavCounts } from "@/lib/review/view";
import { reviewCountsQuery } from "@/components/review/review-queries";

const BADGE = "rounded-full px-1.5 text-xs font-semibold tabular-nums";

export function NavReviewCountsLive({ initial, seesAll }: { initial: NavCounts | null; seesAll: boolean }) {
  const t = useTranslations("app.nav");
  const { data: counts } = useQuery(reviewCountsQuery(initial));
  if (!counts) return null;
  return (
    <>
      {seesAll && counts.unreviewed > 0 ? (
        <span data-testid="nav-unreviewed" className={`${BADGE} bg-blue-100 text-blue-800`}>
          {t("unreviewed", { count: counts.unreviewed })}
        </span>
      ) : null}
      {counts.flagged > 0 ? (
        <span data-testid="nav-flagged" className={`${BADGE} bg-amber-100 text-amber-900`}>
          {t("flagged", { count: counts.flagged })}
        </span>
      ) : null}
      {counts.approvals.ownWaiting > 0 ? (
        <span data-testid="nav-own-waiting" className={`${BADGE} bg-slate-200 text-slate-800`}>
          {t("ownWaiting", { count: counts.approvals.ownWaiting })}
        </span>
      ) : null}
      {counts.approvals.ownDeclined > 0 ? (
        <span data-testid="nav-own-declined" className={`${BADGE} bg-red-100 text-red-800`}>
          {t("ownDeclined", { count: counts.approvals.ownDeclined })}
        </span>
      ) : null}
    </>
  );
}

export function NavApprovalCountsLive({ initial }: { initial: NavCounts | null }) {
  const t = useTranslations("app.nav");
  const { data: counts } = useQuery(reviewCountsQuery(initial));
  const toDecide = counts?.approvals.toDecide ?? 0;
  if (toDecide === 0) return null;
  return (
    <span data-testid="nav-to-decide" className={`${BADGE} bg-blue-100 text-blue-800`}>
      {t("toDecide", { count: toDecide })}
    </span>
  );
}
