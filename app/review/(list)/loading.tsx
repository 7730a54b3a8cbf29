// While the review list reads the trail (in the (list) group, so that it does not wrap trends/).
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function ReviewLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("review")}>
      <HeadingSkeleton />
      <PanelSkeleton rows={2} />
      <PanelSkeleton rows={8} />
    </PageLoading>
  );
}
