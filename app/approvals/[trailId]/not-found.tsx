// notFound() on a request's page: no such trail row, or one that is not a four-eyes request.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { StatusPanel, STATUS_LINK_CLASS } from "@/components/shell/status-panel";

export default function ApprovalNotFound() {
  const t = useTranslations("approvals.detail");
  return (
    <StatusPanel code="404" title={t("notFoundTitle")} body={t("notFoundBody")}>
      <Link href="/approvals" className={STATUS_LINK_CLASS}>
        {t("back")}
      </Link>
    </StatusPanel>
  );
}
