// The review list's heading: what the list is (every change, or only mine) and what to do with it.
// Also the page's loading state shows it (app/review/(list)/loading.tsx): the heading paints with the
// first frame instead of a grey bar, which is the page's largest text (Lighthouse's LCP).
import { useTranslations } from "next-intl";

export function ReviewHeading({ seesAll }: { seesAll: boolean }) {
  const t = useTranslations("review");
  return (
    <div className="min-w-0">
      <h1 className="text-2xl font-semibold text-slate-900">{seesAll ? t("title") : t("titleOwn")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{seesAll ? t("intro") : t("introOwn")}</p>
    </div>
  );
}
