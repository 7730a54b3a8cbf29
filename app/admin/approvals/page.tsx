import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PolicyEditor } from "@/components/admin/policy-editor";
import { PolicyHistory } from "@/components/admin/policy-history";
import { PolicyOverview } from "@/components/admin/policy-overview";
import { SupervisorWarning } from "@/components/admin/supervisor-warning";
import { parseScopeKey, scopeKey } from "@/lib/approvals/policy-values";
import { loadPolicyAdminView } from "@/server/approvals/policy-admin";
import { requireRole } from "@/server/auth/guard";
import { getPublicProfiles } from "@/server/config/profiles";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.policies");
  return { title: t("metaTitle") };
}

// The approval rules (four eyes) per profile and sub-merchant: what applies now, the editor, the
// history of every change, and a warning when too few supervisors exist to approve. `?scope=` names
// the scope the editor opens with (the list's Edit links); anything unknown opens the first profile.
export default async function AdminApprovalsPage({ searchParams }: { searchParams: Promise<{ scope?: string | string[] }> }) {
  await requireRole("admin");
  const profiles = getPublicProfiles();
  const [t, view, search] = await Promise.all([getTranslations("admin.policies"), getDb().then((db) => loadPolicyAdminView(db, profiles)), searchParams]);
  const asked = typeof search.scope === "string" ? parseScopeKey(search.scope) : null;
  const known = asked && profiles.some((profile) => profile.id === asked.profileId && (asked.subMchid === "" || profile.subMerchants.some((sub) => sub.sub_mchid === asked.subMchid)));
  const scope = known && asked ? scopeKey(asked) : scopeKey({ profileId: profiles[0]?.id ?? "", subMchid: "" });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <SupervisorWarning supervisors={view.supervisors} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start xl:grid-cols-[minmax(0,1fr)_28rem]">
        <PolicyOverview profiles={view.profiles} unconfigured={view.unconfigured} />
        <PolicyEditor profiles={view.profiles} initialScope={scope} />
      </div>
      <PolicyHistory events={view.events} truncated={view.eventsTruncated} />
    </div>
  );
}
