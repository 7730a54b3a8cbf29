// The 403 page the guard renders (forbidden()) when the signed-in role may not open a page.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusPanel, STATUS_LINK_CLASS } from "@/components/shell/status-panel";
import { getSessionUser } from "@/server/auth/guard";

export default async function Forbidden() {
  const t = await getTranslations("auth");
  const user = await getSessionUser();
  return (
    <StatusPanel
      code={t("forbidden.code")}
      title={t("forbidden.title")}
      body={user ? t("forbidden.body", { role: t(`roles.${user.role ?? "none"}`) }) : t("forbidden.signedOutBody")}
    >
      <Link href="/" className={STATUS_LINK_CLASS}>
        {t("forbidden.home")}
      </Link>
    </StatusPanel>
  );
}
