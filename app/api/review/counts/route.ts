// GET the navigation's review counts as JSON, for the browser's data layer (refetched on focus and
// after every write). Anyone who may see the trail; an agent's counts cover their own changes.
import { checkActionCapability } from "@/server/auth/guard";
import { jsonError, withRouteErrors } from "@/server/http/route-errors";
import { findNavCounts } from "@/server/review/nav-counts";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return withRouteErrors("review counts", async () => {
    const auth = await checkActionCapability("canViewTrail");
    if (!auth.ok) return jsonError({ code: auth.code }, auth.code === "UNAUTHENTICATED" ? 401 : 403);
    const counts = await findNavCounts(auth.user);
    return Response.json({ ok: true, counts }, { headers: { "Cache-Control": "no-store" } });
  });
}
