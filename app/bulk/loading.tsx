// While the bulk page reads the batches: the heading, the upload form and the list in outline.
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function BulkLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("bulk")}>
      <HeadingSkeleton />
      <PanelSkeleton rows={4} />
      <PanelSkeleton rows={6} />
    </PageLoading>
  );
}
