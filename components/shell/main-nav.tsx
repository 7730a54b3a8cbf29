// The main navigation, per role: 订单 (who may look orders up), 审批 with the requests waiting for a
// decision (supervisors), 复核 with the counts of unreviewed and flagged changes (supervisors and
// admins; agents get "my changes" with the flags on their own rows) and the viewer's own four-eyes
// requests waiting or recently declined, 用户管理 (admins). Links only — every page checks the role itself. The layout reads who is
// signed in and the counts; the counts stay current in the browser (./nav-review-counts.tsx).
import Link from "next/link";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { can, type Role } from "@/lib/auth/roles";
import { seesAllChanges } from "@/lib/review/states";
import type { NavCounts } from "@/lib/review/view";
import { NavApprovalCounts, NavReviewCounts } from "./nav-review-counts";

function isCurrent(path: string, href: string): boolean {
  return path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}?`);
}

const LINK = "inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

export async function MainNav({ role, counts }: { role: Role | null; counts: NavCounts | null }) {
  const [t, requestHeaders] = await Promise.all([getTranslations("app"), headers()]);
  const path = requestHeaders.get("x-console-path") ?? "";
  const seesAll = seesAllChanges(role);
  const links: { href: string; label: string; extra?: ReactNode }[] = [];
  if (can(role, "canLookup")) links.push({ href: "/orders", label: t("nav.orders") });
  if (can(role, "canModify")) links.push({ href: "/bulk", label: t("nav.bulk") });
  if (can(role, "canApprove")) links.push({ href: "/approvals", label: t("nav.approvals"), extra: <NavApprovalCounts initial={counts} /> });
  if (can(role, "canViewTrail")) {
    links.push({
      href: "/review",
      label: seesAll ? t("nav.review") : t("nav.myChanges"),
      extra: <NavReviewCounts initial={counts} seesAll={seesAll} />,
    });
  }
  if (can(role, "canManageUsers")) links.push({ href: "/admin/users", label: t("nav.users") });
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
