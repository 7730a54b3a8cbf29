// The identity check the file parser needs (BulkTargetLookup), built in the browser from the
// profiles the page may show (no keys): the same rule as server/orders/target.ts resolveTarget —
// merchant profiles take no sub_mchid, partner and institution profiles one of their sub-merchants.
import type { BulkTargetLookup } from "@/lib/bulk/types";
import type { PublicProfile } from "@/lib/profiles";

/** What the upload page hands the browser of each profile. */
export type LookupProfile = Pick<PublicProfile, "id" | "mode" | "industry"> & { subMerchants: { sub_mchid: string; industry: string }[] };

export function lookupFromProfiles(profiles: readonly LookupProfile[]): BulkTargetLookup {
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  return (profileId, subMchid) => {
    const profile = byId.get(profileId);
    if (!profile) return null;
    if (profile.mode === "merchant") return subMchid === null ? { mode: "merchant", industry: profile.industry ?? "generic" } : null;
    const sub = profile.subMerchants.find((entry) => entry.sub_mchid === subMchid);
    return sub ? { mode: profile.mode, industry: sub.industry } : null;
  };
}
