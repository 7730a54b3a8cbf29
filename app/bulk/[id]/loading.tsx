// While a batch's page reads the batch: the heading, the totals and the rows in outline.
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function BulkBatchLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("bulk")}>
      <HeadingSkeleton intro={false} />
      <PanelSkeleton rows={3} />
      <PanelSkeleton rows={10} />
    </PageLoading>
  );
}
