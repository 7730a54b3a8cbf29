// GET the lookup page's "recent orders" as JSON (one line per order, its latest change), for the
// browser's data layer: refreshed after a write and when the tab comes back.
import { checkActionCapability } from "@/server/auth/guard";
import { jsonError, withRouteErrors } from "@/server/http/route-errors";
import { findRecentOrders } from "@/server/lookup/recent-orders";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return withRouteErrors("recent orders", async () => {
    const auth = await checkActionCapability("canLookup");
    if (!auth.ok) return jsonError({ code: auth.code }, auth.code === "UNAUTHENTICATED" ? 401 : 403);
    return Response.json({ ok: true, orders: await findRecentOrders() }, { headers: { "Cache-Control": "no-store" } });
  });
}
