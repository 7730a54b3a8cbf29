import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/server/actions/locale";

/** A plain form: works without client JavaScript and keeps the bundle small. */
export async function LocaleSwitch() {
  const locale = await getLocale();
  const t = await getTranslations("app");
  const next = locale === "en" ? "zh-CN" : "en";
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={next} />
      <button
        type="submit"
        lang={next}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        {t("switchTo")}
      </button>
    </form>
  );
}
