// GET the order page's data as JSON, for the page's refresh and polling. Role-checked like every
// other entry point; the order number and `sub` are checked before anything is looked up or sent
// (400 INVALID_INPUT), and a database that cannot be reached answers 503 SERVICE_UNAVAILABLE.
import type { NextRequest } from "next/server";
import { parseOrderAddress } from "@/lib/orders/order-address";
import { checkActionCapability } from "@/server/auth/guard";
import { jsonError, withRouteErrors } from "@/server/http/route-errors";
import { resolveTarget } from "@/server/orders/target";
import { loadOrderSnapshot } from "@/server/orders/snapshot";

export const dynamic = "force-dynamic";

export function GET(request: NextRequest, context: { params: Promise<{ profileId: string; outOrderNo: string }> }): Promise<Response> {
  return withRouteErrors("order snapshot", async () => {
    const auth = await checkActionCapability("canLookup");
    if (!auth.ok) return jsonError({ code: auth.code }, auth.code === "UNAUTHENTICATED" ? 401 : 403);
    // Route handler params arrive decoded.
    const { profileId, outOrderNo } = await context.params;
    const address = parseOrderAddress({ outOrderNo, sub: request.nextUrl.searchParams.getAll("sub") });
    if (!address.ok) return jsonError({ code: "INVALID_INPUT", issues: address.issues }, 400);
    const target = resolveTarget(profileId, address.subMchid);
    if (!target) return jsonError({ code: "NOT_FOUND" }, 404);
    const result = await loadOrderSnapshot(target, address.outOrderNo);
    return Response.json(result, { status: result.ok ? 200 : result.error.code === "NOT_FOUND" ? 404 : 502, headers: { "Cache-Control": "no-store" } });
  });
}
