import { getTranslations } from "next-intl/server";
import { requireCapability } from "@/server/auth/guard";
import { getPublicProfiles } from "@/server/config/profiles";
import { isSandboxMode } from "@/server/env";
import { findRecentOrders } from "@/server/lookup/recent-orders";
import { SEED_ORDERS } from "@/server/sandbox/seed";
import { LookupForm, type DemoOrder } from "@/components/orders/lookup-form";
import { RecentOrders } from "@/components/orders/recent-orders";

export const dynamic = "force-dynamic";

export default async function OrdersPage() {
  await requireCapability("canLookup");
  const [t, recentOrders] = await Promise.all([getTranslations("orders"), findRecentOrders()]);
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
        <RecentOrders initial={recentOrders} />
      </section>
      <LookupForm profiles={profiles} demoOrders={demoOrders} />
    </div>
  );
}
