import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireCapability } from "@/server/auth/guard";
import { getPublicProfiles } from "@/server/config/profiles";
import { isSandboxMode } from "@/server/env";
import { getDb } from "@/server/db";
import { findRecentTrail } from "@/server/audit/trail";
import { SEED_ORDERS } from "@/server/sandbox/seed";
import { LookupForm, type DemoOrder } from "@/components/orders/lookup-form";
import { orderPagePath } from "@/lib/orders/snapshot";

export const dynamic = "force-dynamic";

export default async function OrdersPage() {
  await requireCapability("canLookup");
  const [t, format, recent] = await Promise.all([
    getTranslations("orders"),
    getFormatter(),
    getDb().then((db) => findRecentTrail(db, 50)),
  ]);
  const profiles = getPublicProfiles();
  const demoOrders: DemoOrder[] = isSandboxMode()
    ? SEED_ORDERS.map((seed) => ({
        out_order_no: seed.out_order_no,
        profileId: seed.identityId,
        sub_mchid: seed.sub_mchid,
        industry: seed.industry,
        meaning: seed.meaning,
      }))
    : [];
  // One line per order (the latest change), newest first.
  const seen = new Set<string>();
  const recentOrders = recent.filter((row) => {
    const key = `${row.profileId}|${row.subMchid ?? ""}|${row.outOrderNo}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("lookup.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("lookup.intro")}</p>
      </div>
      <section className="space-y-2" aria-labelledby="recent-title">
        <h2 id="recent-title" className="text-base font-semibold">
          {t("lookup.recent")}
        </h2>
        {recentOrders.length === 0 ? (
          <p className="text-sm text-slate-500">{t("lookup.recentEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {recentOrders.slice(0, 10).map((row) => (
              <li key={row.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
                <Link className="font-mono text-blue-700 hover:underline" href={orderPagePath(row.profileId, row.outOrderNo, row.subMchid)}>
                  {row.outOrderNo}
                </Link>
                <span>{t(`operations.${row.operation}`)}</span>
                <span className="text-slate-600">{row.userName}</span>
                <span className="text-slate-500">{format.dateTime(row.createdAt, { dateStyle: "short", timeStyle: "short" })}</span>
                <span className="text-slate-600">{t(`trailStatus.${row.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <LookupForm profiles={profiles} demoOrders={demoOrders} />
    </div>
  );
}
