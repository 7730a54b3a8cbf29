// While a request's page queries WeChat Pay for the order as it is now: the request, the decision
// and the order in outline.
import { useTranslations } from "next-intl";
import { HeadingSkeleton, PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function ApprovalLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("approval")}>
      <HeadingSkeleton intro={false} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <PanelSkeleton rows={8} />
        <PanelSkeleton rows={5} />
      </div>
    </PageLoading>
  );
}
