// While the lookup page reads the recent changes.
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function OrdersLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("orders")}>
      <HeadingSkeleton />
      <PanelSkeleton rows={4} />
      <PanelSkeleton rows={3} />
    </PageLoading>
  );
}
