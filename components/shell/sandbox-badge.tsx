import { getTranslations } from "next-intl/server";

export async function SandboxBadge() {
  const t = await getTranslations("app");
  return (
    <span
      title={t("sandboxHint")}
      className="inline-flex items-center rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold tracking-wide text-amber-900 ring-1 ring-amber-300"
    >
      {t("sandbox")}
    </span>
  );
}
