// Every profile with the approval rules that apply to it, in words, and the sub-merchants that have
// rules of their own (the rest follow the profile's). "Edit" opens the scope in the editor through the
// address (?scope=…), so the page stays a server render. Rules whose scope is no longer configured
// are listed apart: they apply to nothing, and nothing is hidden.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { scopeKey } from "@/lib/approvals/policy-values";
import type { PolicyProfileView, PolicyState, UnconfiguredPolicyView } from "@/lib/approvals/policy-view";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { policyRuleTexts, type PolicyTranslate } from "./policy-text";

type Words = { t: PolicyTranslate; locale: string; time: (iso: string) => string };

function PolicyWords({ state, words, emptyText }: { state: PolicyState | null; words: Words; emptyText: string }) {
  const { t, locale, time } = words;
  if (!state) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return (
    <div className="space-y-1.5 text-sm text-slate-800">
      <p>{t("needsApproval")}</p>
      <ul className="list-disc space-y-0.5 pl-5">
        {policyRuleTexts(state.policy, t, locale).map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <p className="text-slate-600">{t("rules.expires", { hours: state.policy.expiresHours })}</p>
      <p className="text-xs text-slate-500">{t("updated", { name: state.updatedByName, time: time(state.updatedAt) })}</p>
    </div>
  );
}

function EditLink({ profileId, subMchid, scopeName, words }: { profileId: string; subMchid: string; scopeName: string; words: Words }) {
  return (
    <Link
      href={`/admin/approvals?scope=${encodeURIComponent(scopeKey({ profileId, subMchid }))}#policy-editor`}
      aria-label={words.t("editScope", { scope: scopeName })}
      className={buttonClass({ variant: "secondary", size: "sm" })}
    >
      {words.t("edit")}
    </Link>
  );
}

export async function PolicyOverview({ profiles, unconfigured }: { profiles: PolicyProfileView[]; unconfigured: UnconfiguredPolicyView[] }) {
  const [t, tm, locale, format] = await Promise.all([getTranslations("admin.policies"), getTranslations("modes"), getLocale(), getFormatter()]);
  const words: Words = { t, locale, time: (iso) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) };
  return (
    <section aria-labelledby="policy-list-title" className="min-w-0 rounded-xl border border-slate-200 bg-white shadow-sm">
      <h2 id="policy-list-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900 sm:px-5">
        {t("listTitle")}
      </h2>
      <ul className="divide-y divide-slate-200">
        {profiles.map((profile) => {
          const own = profile.subMerchants.filter((sub) => sub.own);
          const following = profile.subMerchants.length - own.length;
          return (
            <li key={profile.id} className="px-4 py-4 sm:px-5">
              <article aria-labelledby={`policy-${profile.id}`} className="space-y-3">
                <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
                  <div className="min-w-0">
                    <h3 id={`policy-${profile.id}`} className="font-medium text-slate-900">
                      {profile.label}
                    </h3>
                    <p className="text-xs text-slate-500">
                      {tm(profile.mode)} · <span className="font-mono">{profile.mchid}</span>
                      {profile.subMerchants.length > 0 ? ` · ${t("wholeProfile")}` : null}
                    </p>
                  </div>
                  <div className="ml-auto">
                    <EditLink profileId={profile.id} subMchid="" scopeName={profile.label} words={words} />
                  </div>
                </div>
                <PolicyWords state={profile.own} words={words} emptyText={t("none")} />
                {own.length > 0 ? (
                  <ul className="space-y-3 border-l-2 border-slate-200 pl-4" aria-label={t("ownRules")}>
                    {own.map((sub) => (
                      <li key={sub.subMchid}>
                        <article aria-labelledby={`policy-${profile.id}-${sub.subMchid}`} className="space-y-2">
                          <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
                            <div className="min-w-0">
                              <h4 id={`policy-${profile.id}-${sub.subMchid}`} className="text-sm font-medium text-slate-900">
                                {sub.label} <span className="font-mono text-xs font-normal text-slate-500">{sub.subMchid}</span>
                              </h4>
                              <Badge tone="info" className="mt-1">
                                {t("ownRules")}
                              </Badge>
                            </div>
                            <div className="ml-auto">
                              <EditLink profileId={profile.id} subMchid={sub.subMchid} scopeName={`${profile.label} · ${sub.label}`} words={words} />
                            </div>
                          </div>
                          <PolicyWords state={sub.own} words={words} emptyText={t("none")} />
                        </article>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {own.length > 0 && following > 0 ? <p className="text-xs text-slate-500">{t("inheriting", { count: following })}</p> : null}
              </article>
            </li>
          );
        })}
      </ul>
      {unconfigured.length > 0 ? (
        <div className="space-y-3 border-t border-slate-200 bg-slate-50 px-4 py-4 sm:px-5">
          <div>
            <h3 className="text-sm font-semibold text-slate-900">{t("unconfiguredTitle")}</h3>
            <p className="text-xs text-slate-600">{t("unconfiguredNote")}</p>
          </div>
          <ul className="space-y-3">
            {unconfigured.map((row) => (
              <li key={scopeKey(row)} className="space-y-1">
                <p className="font-mono text-xs text-slate-700">
                  {row.profileId}
                  {row.subMchid ? ` / ${row.subMchid}` : ""}
                </p>
                <PolicyWords state={row} words={words} emptyText={t("none")} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
