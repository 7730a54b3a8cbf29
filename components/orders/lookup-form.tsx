"use client";
// Finding an order: the identity (profile, and sub-merchant for partner and institution profiles)
// and the out_order_no — or WeChat's own order number (query_id, Decision 22), which /orders/find
// looks up and turns into the order's page. In sandbox mode the demo orders of the chosen identity
// are listed below.
import { useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { PublicProfile } from "@/lib/profiles";
import { INDUSTRY_LABELS } from "@/lib/industries";
import { orderPagePath } from "@/lib/orders/snapshot";
import { outOrderNoIssue } from "@/lib/payscore/identifiers";
import { useHydrated } from "@/components/ui/use-hydrated";

/** WeChat's order number: up to 32 letters and digits (lib/payscore/query.ts ZQueryId). */
const QUERY_ID_RE = /^[0-9A-Za-z]{1,32}$/;

export interface DemoOrder {
  out_order_no: string;
  profileId: string;
  sub_mchid: string | null;
  industry: keyof typeof INDUSTRY_LABELS;
  meaning: { zh: string; en: string };
}

const fieldClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-[invalid=true]:border-red-500";

export function LookupForm({ profiles, demoOrders }: { profiles: PublicProfile[]; demoOrders: DemoOrder[] }) {
  const t = useTranslations("orders.lookup");
  const tm = useTranslations("modes");
  const locale = useLocale();
  const router = useRouter();
  const [profileId, setProfileId] = useState(profiles[0]?.id ?? "");
  const profile = profiles.find((candidate) => candidate.id === profileId);
  const [subMchid, setSubMchid] = useState(profile?.subMerchants[0]?.sub_mchid ?? "");
  const [outOrderNo, setOutOrderNo] = useState("");
  const [by, setBy] = useState<"out_order_no" | "query_id">("out_order_no");
  const [error, setError] = useState<string | null>(null);
  // A choice made in the server's HTML would be reset by hydration: nothing works until then.
  const hydrated = useHydrated();
  const effectiveSub = profile && profile.mode !== "merchant" ? subMchid : null;
  const demos = useMemo(
    () => demoOrders.filter((demo) => demo.profileId === profileId && demo.sub_mchid === effectiveSub),
    [demoOrders, profileId, effectiveSub],
  );

  function onProfileChange(id: string) {
    setProfileId(id);
    setSubMchid(profiles.find((candidate) => candidate.id === id)?.subMerchants[0]?.sub_mchid ?? "");
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const no = outOrderNo.trim();
    if (by === "query_id") {
      if (!QUERY_ID_RE.test(no)) {
        setError(t("invalidQueryId"));
        document.getElementById("out-order-no")?.focus();
        return;
      }
      setError(null);
      const params = new URLSearchParams({ profile: profileId, query_id: no, ...(effectiveSub ? { sub: effectiveSub } : {}) });
      router.push(`/orders/find?${params.toString()}`);
      return;
    }
    // The rule the order page, the order API and the request schemas apply (lib/payscore/identifiers).
    if (outOrderNoIssue(no) !== null) {
      setError(t("invalidNo"));
      document.getElementById("out-order-no")?.focus();
      return;
    }
    setError(null);
    router.push(orderPagePath(profileId, no, effectiveSub));
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-[1fr_1fr_1.3fr_auto] md:items-end" noValidate>
        <label className="block text-sm font-medium">
          {t("profile")}
          <select className={fieldClass} value={profileId} disabled={!hydrated} onChange={(event) => onProfileChange(event.target.value)}>
            {profiles.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label} · {tm(candidate.mode)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          {t("subMerchant")}
          <select
            className={fieldClass}
            value={effectiveSub ?? ""}
            disabled={!hydrated || !profile || profile.mode === "merchant"}
            onChange={(event) => setSubMchid(event.target.value)}
          >
            {profile && profile.mode !== "merchant" ? (
              profile.subMerchants.map((sub) => (
                <option key={sub.sub_mchid} value={sub.sub_mchid}>
                  {sub.label} ({sub.sub_mchid})
                </option>
              ))
            ) : (
              <option value="">—</option>
            )}
          </select>
        </label>
        <div>
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <label htmlFor="out-order-no" className="block text-sm font-medium">
              {by === "query_id" ? t("queryId") : t("outOrderNo")}
            </label>
            <fieldset className="flex gap-3 text-xs text-slate-600">
              <legend className="sr-only">{t("by")}</legend>
              {(["out_order_no", "query_id"] as const).map((option) => (
                <label key={option} className="inline-flex items-center gap-1">
                  <input type="radio" name="lookup-by" value={option} checked={by === option} disabled={!hydrated} onChange={() => setBy(option)} />
                  {t(option === "query_id" ? "byQueryId" : "byOutOrderNo")}
                </label>
              ))}
            </fieldset>
          </div>
          <input
            id="out-order-no"
            className={`${fieldClass} font-mono`}
            value={outOrderNo}
            disabled={!hydrated}
            onChange={(event) => setOutOrderNo(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby="out-order-no-hint"
            autoComplete="off"
            spellCheck={false}
          />
          <p id="out-order-no-hint" className={`mt-1 text-xs ${error ? "text-red-700" : "text-slate-500"}`}>
            {error ?? t(by === "query_id" ? "queryIdHint" : "outOrderNoHint")}
          </p>
        </div>
        <button
          type="submit"
          disabled={!hydrated}
          className="h-10 rounded-md bg-blue-600 px-4 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 md:mb-5"
        >
          {t("open")}
        </button>
      </form>
      {demoOrders.length > 0 ? (
        <section className="space-y-2" aria-labelledby="demo-title">
          <h2 id="demo-title" className="text-base font-semibold">
            {t("demo")}
          </h2>
          <p className="text-sm text-slate-600">{t("demoHint")}</p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{t("order")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("industry")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("kind")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {demos.map((demo) => (
                  <tr key={demo.out_order_no}>
                    <td className="px-3 py-1.5 font-mono">
                      <Link className="text-blue-700 hover:underline" href={orderPagePath(demo.profileId, demo.out_order_no, demo.sub_mchid)}>
                        {demo.out_order_no}
                      </Link>
                    </td>
                    <td className="px-3 py-1.5">{INDUSTRY_LABELS[demo.industry][locale === "en" ? "en" : "zh"]}</td>
                    <td className="px-3 py-1.5 text-slate-700">{demo.meaning[locale === "en" ? "en" : "zh"]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
