import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BulkBatchList } from "@/components/bulk/bulk-batch-list";
import { BulkUploadConnected } from "@/components/bulk/bulk-upload-connected";
import type { LookupProfile } from "@/components/bulk/target-lookup";
import { requireCapability } from "@/server/auth/guard";
import { listBatchViews } from "@/server/bulk/batches";
import { getPublicProfiles } from "@/server/config/profiles";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("bulk");
  return { title: t("metaTitle") };
}

// Bulk adjustments: the upload form (templates, drop zone, the instant check in the browser) and the
// batches, newest first. The browser gets only what the file check needs of each profile.
export default async function BulkPage() {
  await requireCapability("canModify");
  const db = await getDb();
  const [t, batches] = await Promise.all([getTranslations("bulk"), listBatchViews(db)]);
  const profiles: LookupProfile[] = getPublicProfiles().map((profile) => ({
    id: profile.id,
    mode: profile.mode,
    industry: profile.industry,
    subMerchants: profile.subMerchants.map((sub) => ({ sub_mchid: sub.sub_mchid, industry: sub.industry })),
  }));
  return (
    <div className="space-y-6">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <BulkUploadConnected profiles={profiles} />
      <section aria-labelledby="bulk-batches-title" className="space-y-3">
        <h2 id="bulk-batches-title" className="text-lg font-semibold text-slate-900">
          {t("list.title")}
        </h2>
        <BulkBatchList initial={batches} />
      </section>
    </div>
  );
}
