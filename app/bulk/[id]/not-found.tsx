// notFound() on a batch's page: no such batch.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { StatusPanel, STATUS_LINK_CLASS } from "@/components/shell/status-panel";

export default function BulkBatchNotFound() {
  const t = useTranslations("bulk.batch");
  return (
    <StatusPanel code="404" title={t("notFoundTitle")} body={t("notFoundBody")}>
      <Link href="/bulk" className={STATUS_LINK_CLASS}>
        {t("back")}
      </Link>
    </StatusPanel>
  );
}
