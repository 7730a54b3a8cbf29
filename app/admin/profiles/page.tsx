import { getTranslations } from "next-intl/server";
import { getPublicProfiles } from "@/server/config/profiles";
import { requireRole } from "@/server/auth/guard";

export const dynamic = "force-dynamic";

export default async function ProfilesPage() {
  await requireRole("admin");
  const t = await getTranslations("home");
  const tm = await getTranslations("modes");
  const profiles = getPublicProfiles();
  return (
    <section aria-labelledby="profiles-title" className="space-y-4">
      <div>
        <h1 id="profiles-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ul className="grid gap-4 md:grid-cols-3">
        {profiles.map((profile) => (
          <li key={profile.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="font-medium">{profile.label}</h2>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("mode")}</dt>
              <dd>{tm(profile.mode)}</dd>
              <dt className="text-slate-500">{t("mchid")}</dt>
              <dd className="font-mono">{profile.mchid}</dd>
              <dt className="text-slate-500">{t("serviceId")}</dt>
              <dd className="font-mono break-all">{profile.service_id}</dd>
              {profile.subMerchants.length > 0 ? (
                <>
                  <dt className="text-slate-500">{t("subMerchants")}</dt>
                  <dd>{profile.subMerchants.length}</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
