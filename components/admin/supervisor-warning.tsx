// Four eyes need two supervisors: nobody approves their own change, so with one supervisor that
// supervisor's changes above a rule can never be approved, and with none nobody's can.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, AlertTitle } from "@/components/ui/alert";

export async function SupervisorWarning({ supervisors }: { supervisors: { id: string; name: string }[] }) {
  if (supervisors.length >= 2) return null;
  const t = await getTranslations("admin.policies.supervisors");
  return (
    <Alert tone="warning" role="note" aria-labelledby="supervisor-warning-title">
      <AlertTitle id="supervisor-warning-title">{t("title")}</AlertTitle>
      <p className="mt-1">{supervisors.length === 0 ? t("none") : t("one", { name: supervisors[0]!.name })}</p>
      <Link href="/admin/users" className="mt-2 inline-block font-medium text-amber-900 underline underline-offset-2 hover:text-amber-950">
        {t("link")}
      </Link>
    </Alert>
  );
}
