// An address no page answers (and notFound() where no route has a not-found.tsx of its own).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { StatusPanel, STATUS_LINK_CLASS } from "@/components/shell/status-panel";

export default function NotFound() {
  const t = useTranslations("app.notFound");
  return (
    <StatusPanel code="404" title={t("title")} body={t("body")}>
      <Link href="/" className={STATUS_LINK_CLASS}>
        {t("home")}
      </Link>
    </StatusPanel>
  );
}
