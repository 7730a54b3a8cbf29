// While the order page queries WeChat Pay (seconds when the API is slow; the client's timeout at
// most): the heading with the order number from the URL (the page's largest text, so it paints with
// the first frame), and the order card and the form column in outline.
import { useTranslations } from "next-intl";
import { OrderTitleFromRoute } from "@/components/orders/order-title-from-route";
import { PageLoading, PanelSkeleton } from "@/components/shell/page-loading";

export default function OrderLoading() {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("order")}>
      <OrderTitleFromRoute />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <PanelSkeleton rows={8} />
        <PanelSkeleton rows={6} />
      </div>
    </PageLoading>
  );
}
