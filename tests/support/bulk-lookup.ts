// parseBulkFile's lookup over the sandbox's demo identities (server/sandbox/world.ts), for tests and
// benches that parse files without a running app (vitest, scripts/bench). Not for Playwright specs:
// they must not import server modules (use the app's upload instead).
import { bulkLookupFromProfiles } from "@/lib/bulk/file";
import type { BulkTargetLookup } from "@/lib/bulk/types";
import { SANDBOX_IDENTITIES } from "@/server/sandbox/world";

export const SANDBOX_LOOKUP: BulkTargetLookup = bulkLookupFromProfiles(
  SANDBOX_IDENTITIES.map((identity) => ({
    id: identity.id,
    mode: identity.mode,
    industry: identity.industry,
    subMerchants: identity.subMerchants.map((s) => ({ sub_mchid: s.sub_mchid, label: s.label, industry: s.industry })),
  })),
);
