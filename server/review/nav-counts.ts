// The navigation's counts for a signed-in user — the unreviewed and flagged changes they see, and
// the four-eyes requests (others' waiting for them to decide, their own waiting or recently declined)
// — read by the root layout for the first paint and by GET /api/review/counts when the browser
// refreshes them. null for a role that has no review link.
import "server-only";
import { can } from "@/lib/auth/roles";
import { reviewScopeOf } from "@/lib/review/states";
import type { NavCounts } from "@/lib/review/view";
import type { SessionUser } from "@/server/auth/guard";
import { getDb } from "@/server/db";
import { countApprovals } from "@/server/approvals/queries";
import { countReviewStates } from "./queries";

export async function findNavCounts(user: Pick<SessionUser, "id" | "role">): Promise<NavCounts | null> {
  if (!can(user.role, "canViewTrail")) return null;
  const db = await getDb();
  const [review, approvals] = await Promise.all([countReviewStates(db, reviewScopeOf(user)), countApprovals(db, user)]);
  return { ...review, approvals };
}
