// The 403 page the guard renders (forbidden()) when the signed-in role may not open a page.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/server/auth/guard";

export default async function Forbidden() {
  const t = await getTranslations("auth");
  const user = await getSessionUser();
  return (
    <section aria-labelledby="forbidden-title" className="mx-auto mt-12 max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-medium text-slate-500">{t("forbidden.code")}</p>
      <h1 id="forbidden-title" className="mt-2 text-2xl font-semibold text-slate-900">
        {t("forbidden.title")}
      </h1>
      <p className="mt-3 text-slate-600">
        {user ? t("forbidden.body", { role: t(`roles.${user.role ?? "none"}`) }) : t("forbidden.signedOutBody")}
      </p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        {t("forbidden.home")}
      </Link>
    </section>
  );
}
