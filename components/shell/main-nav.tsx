// The main navigation, per role: 订单 (who may look orders up), 复核 with the counts of unreviewed
// and flagged changes (supervisors and admins; agents get "my changes" with the flags on their own
// rows), 用户管理 (admins). Links only — every page checks the role itself.
import Link from "next/link";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/roles";
import { reviewScopeOf, seesAllChanges } from "@/lib/review/states";
import type { ReviewCounts } from "@/lib/review/view";
import { type SessionUser, getSessionUser } from "@/server/auth/guard";
import { getDb } from "@/server/db";
import { describeErrorForLog } from "@/server/db/errors";
import { countReviewStates } from "@/server/review/queries";

async function countsFor(user: SessionUser): Promise<ReviewCounts | null> {
  try {
    return await countReviewStates(await getDb(), reviewScopeOf(user));
  } catch (error) {
    // The counts are a hint: a database hiccup must not take every page's header down with it.
    console.error(`[nav] review counts failed: ${describeErrorForLog(error)}`);
    return null;
  }
}

function isCurrent(path: string, href: string): boolean {
  return path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}?`);
}

const LINK = "inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

export async function MainNav() {
  // A failed session lookup (the database unreachable) is reported by the page below, which makes
  // the same cached call; the header stays, so that the error page keeps the app's frame and language.
  const user = await getSessionUser().catch(() => null);
  if (!user) return null;
  const [t, requestHeaders] = await Promise.all([getTranslations("app"), headers()]);
  const path = requestHeaders.get("x-console-path") ?? "";
  const seesAll = seesAllChanges(user.role);
  const counts = can(user.role, "canViewTrail") ? await countsFor(user) : null;
  const links: { href: string; label: string; extra?: ReactNode }[] = [];
  if (can(user.role, "canLookup")) links.push({ href: "/orders", label: t("nav.orders") });
  if (can(user.role, "canViewTrail")) {
    links.push({
      href: "/review",
      label: seesAll ? t("nav.review") : t("nav.myChanges"),
      extra: counts ? (
        <>
          {seesAll && counts.unreviewed > 0 ? (
            <span data-testid="nav-unreviewed" className="rounded-full bg-blue-100 px-1.5 text-xs font-semibold text-blue-800 tabular-nums">
              {t("nav.unreviewed", { count: counts.unreviewed })}
            </span>
          ) : null}
          {counts.flagged > 0 ? (
            <span data-testid="nav-flagged" className="rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 tabular-nums">
              {t("nav.flagged", { count: counts.flagged })}
            </span>
          ) : null}
        </>
      ) : null,
    });
  }
  if (can(user.role, "canManageUsers")) links.push({ href: "/admin/users", label: t("nav.users") });
  return (
    <nav aria-label={t("nav.label")} className="-mx-1 flex min-w-0 items-center gap-1 overflow-x-auto">
      {links.map((link) => {
        const current = isCurrent(path, link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={current ? "page" : undefined}
            className={`${LINK} ${current ? "bg-slate-100 text-slate-900" : "text-slate-600"}`}
          >
            {link.label}
            {link.extra}
          </Link>
        );
      })}
    </nav>
  );
}
