// While the order page queries WeChat Pay (seconds when the API is slow; the client's timeout at
// most): the order card and the form column in outline.
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function OrderLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("order")}>
      <HeadingSkeleton intro={false} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <PanelSkeleton rows={8} />
        <PanelSkeleton rows={6} />
      </div>
    </PageLoading>
  );
}
