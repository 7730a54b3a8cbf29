// The two views of the review area (list and trends), carrying the filters across.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function ReviewTabs({ current, search }: { current: "list" | "trends"; search: string }) {
  const t = await getTranslations("review");
  const tab = (key: "list" | "trends", href: string) => (
    <Link
      href={`${href}${search}`}
      aria-current={current === key ? "page" : undefined}
      className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
        current === key ? "border-blue-600 text-blue-700" : "border-transparent text-slate-600 hover:text-slate-900"
      }`}
    >
      {t(`tabs.${key}`)}
    </Link>
  );
  return (
    <nav aria-label={t("tabs.label")} className="flex gap-1 border-b border-slate-200">
      {tab("list", "/review")}
      {tab("trends", "/review/trends")}
    </nav>
  );
}
