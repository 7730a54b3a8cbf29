import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BulkBatchConnected } from "@/components/bulk/bulk-batch-connected";
import { can, requireCapability } from "@/server/auth/guard";
import { getBatchView } from "@/server/bulk/batches";
import { getPublicProfiles } from "@/server/config/profiles";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("bulk");
  return { title: t("metaTitle") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One batch: read once here, then kept live in the browser (components/bulk/bulk-batch-screen.tsx).
// Its rows are read by the browser (all of them: the preview virtualizes them).
export default async function BulkBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCapability("canModify");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const batch = await getBatchView(await getDb(), id);
  if (!batch) notFound();
  const profileLabels = Object.fromEntries(getPublicProfiles().map((profile) => [profile.id, profile.label]));
  return <BulkBatchConnected initial={batch} viewer={{ id: user.id, canApprove: can(user.role, "canApprove") }} profileLabels={profileLabels} />;
}
