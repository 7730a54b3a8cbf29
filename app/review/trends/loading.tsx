// While the trends are computed from the trail.
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function TrendsLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("trends")}>
      <HeadingSkeleton />
      <div className="grid gap-4 lg:grid-cols-2">
        <PanelSkeleton rows={6} />
        <PanelSkeleton rows={6} />
      </div>
    </PageLoading>
  );
}
