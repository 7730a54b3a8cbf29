// GET one change in full (the review detail) as JSON, for the browser's data layer: refetched after a
// review action and when the tab comes back. Scoped like the review page: an agent reads only their
// own changes (another's is 404, as if it did not exist).
import type { NextRequest } from "next/server";
import { reviewScopeOf } from "@/lib/review/states";
import { checkActionCapability } from "@/server/auth/guard";
import { getDb } from "@/server/db";
import { jsonError, withRouteErrors } from "@/server/http/route-errors";
import { findReviewDetail } from "@/server/review/queries";

export const dynamic = "force-dynamic";

const TRAIL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function GET(_request: NextRequest, context: { params: Promise<{ trailId: string }> }): Promise<Response> {
  return withRouteErrors("review detail", async () => {
    const auth = await checkActionCapability("canViewTrail");
    if (!auth.ok) return jsonError({ code: auth.code }, auth.code === "UNAUTHENTICATED" ? 401 : 403);
    const { trailId } = await context.params;
    if (!TRAIL_ID.test(trailId)) return jsonError({ code: "INVALID_INPUT" }, 400);
    const detail = await findReviewDetail(await getDb(), trailId, reviewScopeOf(auth.user));
    if (!detail) return jsonError({ code: "NOT_FOUND" }, 404);
    return Response.json({ ok: true, detail }, { headers: { "Cache-Control": "no-store" } });
  });
}
