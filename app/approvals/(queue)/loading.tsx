// While the queue reads the waiting requests (in the (queue) group, so that it does not wrap a
// request's page, which has its own).
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function ApprovalsLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("approvals")}>
      <HeadingSkeleton />
      <PanelSkeleton rows={2} />
      <PanelSkeleton rows={6} />
    </PageLoading>
  );
}
