// While an admin page reads the users or the merchant profiles.
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function AdminLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("admin")}>
      <HeadingSkeleton />
      <PanelSkeleton rows={6} />
    </PageLoading>
  );
}
