// Every change of an approval rule, newest first: who, when, which scope, and each rule that moved
// as "before → after" in words (a creation lists what it set, a removal what it dropped).
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { changedPolicyFields } from "@/lib/approvals/policy-values";
import type { PolicyEventView } from "@/lib/approvals/policy-view";
import { Badge } from "@/components/ui/badge";
import { POLICY_HISTORY_LIMIT } from "@/lib/approvals/policy-view";
import { policyFieldText } from "./policy-text";

export async function PolicyHistory({ events, truncated }: { events: PolicyEventView[]; truncated: boolean }) {
  const [t, locale, format] = await Promise.all([getTranslations("admin.policies"), getLocale(), getFormatter()]);
  return (
    <section aria-labelledby="policy-history-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-baseline gap-x-3 border-b border-slate-200 px-4 py-3 sm:px-5">
        <h2 id="policy-history-title" className="text-base font-semibold text-slate-900">
          {t("history.title")}
        </h2>
        <p className="text-sm text-slate-500">{truncated ? t("history.truncated", { count: POLICY_HISTORY_LIMIT }) : t("history.intro")}</p>
      </div>
      {events.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 sm:px-5">{t("history.empty")}</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {events.map((event) => {
            const kind = event.before === null ? "created" : event.after === null ? "removed" : "changed";
            const scope = event.subLabel === null ? event.profileLabel : `${event.profileLabel} · ${event.subLabel}`;
            return (
              <li key={event.id} className="px-4 py-3 sm:px-5">
                <article aria-label={`${t(`history.${kind}`)} · ${scope}`} className="space-y-1.5">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                    <Badge tone={kind === "created" ? "success" : kind === "removed" ? "danger" : "info"}>{t(`history.${kind}`)}</Badge>
                    <span className="font-medium text-slate-900">{scope}</span>
                    <span className="text-slate-500">
                      {t("history.who", {
                        name: event.userName,
                        time: format.dateTime(new Date(event.createdAt), { dateStyle: "medium", timeStyle: "medium" }),
                      })}
                    </span>
                  </div>
                  <dl className="grid grid-cols-1 gap-x-4 gap-y-0.5 text-sm sm:grid-cols-[max-content_1fr]">
                    {changedPolicyFields(event.before, event.after).map((field) => (
                      <div key={field} className="contents">
                        <dt className="text-slate-500">{t(`history.fields.${field}`)}</dt>
                        <dd className="text-slate-900">
                          <span className="text-slate-600">{policyFieldText(field, event.before, t, locale)}</span>
                          <span aria-hidden="true" className="px-1.5 text-slate-400">
                            →
                          </span>
                          <span className="sr-only"> {t("history.to")} </span>
                          <span className="font-medium">{policyFieldText(field, event.after, t, locale)}</span>
                        </dd>
                      </div>
                    ))}
                  </dl>
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
