// notFound() on the order page: WeChat Pay has no such order (ORDER_NOT_EXIST), or the link names a
// merchant identity or sub-merchant the console does not have.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { StatusPanel, STATUS_LINK_CLASS } from "@/components/shell/status-panel";

export default function OrderNotFound() {
  const t = useTranslations("orders.order");
  return (
    <StatusPanel code="404" title={t("notFoundTitle")} body={t("notFoundBody")}>
      <Link href="/orders" className={STATUS_LINK_CLASS}>
        {t("back")}
      </Link>
    </StatusPanel>
  );
}
