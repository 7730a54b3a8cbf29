// The navigation's review counts for a signed-in user (the unreviewed and flagged changes they see),
// read by the root layout for the first paint and by GET /api/review/counts when the browser
// refreshes them. null for a role that has no review link.
import "server-only";
import { can } from "@/lib/auth/roles";
import { reviewScopeOf } from "@/lib/review/states";
import type { ReviewCounts } from "@/lib/review/view";
import type { SessionUser } from "@/server/auth/guard";
import { getDb } from "@/server/db";
import { countReviewStates } from "./queries";

export async function findNavCounts(user: Pick<SessionUser, "id" | "role">): Promise<ReviewCounts | null> {
  if (!can(user.role, "canViewTrail")) return null;
  return countReviewStates(await getDb(), reviewScopeOf(user));
}
