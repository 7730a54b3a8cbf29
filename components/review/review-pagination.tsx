// Keyset pagination links: first page, previous (before=…), next (after=…). No page numbers — a
// keyset has none, and that is what keeps page 2000 as fast as page 1. ListFooter puts them under a
// list (the review list, the approval queue) beside how many rows the page shows.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

interface Props {
  firstHref: string | null;
  prevHref: string | null;
  nextHref: string | null;
}

export async function ReviewPagination({ firstHref, prevHref, nextHref }: Props) {
  const t = await getTranslations("review");
  if (!firstHref && !prevHref && !nextHref) return null;
  const link = (href: string | null, label: string, rel?: string) =>
    href ? (
      <Link href={href} rel={rel} className={buttonClass({ variant: "secondary", size: "sm" })}>
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={buttonClass({ variant: "secondary", size: "sm", className: "pointer-events-none opacity-50" })}>
        {label}
      </span>
    );
  return (
    <nav aria-label={t("pagination.label")} className="flex flex-wrap items-center justify-end gap-2">
      {link(firstHref, t("pagination.first"))}
      {link(prevHref, t("pagination.newer"), "prev")}
      {link(nextHref, t("pagination.older"), "next")}
    </nav>
  );
}

export function ListFooter({ info, ...links }: Props & { info: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p className="text-sm text-slate-500">{info}</p>
      <div className="ml-auto">
        <ReviewPagination {...links} />
      </div>
    </div>
  );
}
