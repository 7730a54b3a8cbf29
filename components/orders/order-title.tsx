// The order page's heading: the order number and the way back to the lookup. The page renders it
// once it has the order; its loading state renders it at once from the URL (./order-title-from-route.tsx),
// so that the page's largest text paints with the first frame (Lighthouse's LCP).
import Link from "next/link";
import { useTranslations } from "next-intl";

export function OrderTitle({ outOrderNo }: { outOrderNo: string }) {
  const t = useTranslations("orders");
  return (
    <div className="flex flex-wrap items-baseline gap-3">
      <h1 className="text-2xl font-semibold">{t("order.title", { no: outOrderNo })}</h1>
      <Link href="/orders" className="text-sm text-blue-700 underline-offset-2 hover:underline">
        {t("order.back")}
      </Link>
    </div>
  );
}
