// GET the order page's data as JSON, for TanStack Query's refresh and polling. Role-checked like
// every other entry point.
import { NextResponse, type NextRequest } from "next/server";
import { checkActionCapability } from "@/server/auth/guard";
import { resolveTarget } from "@/server/orders/target";
import { loadOrderSnapshot } from "@/server/orders/snapshot";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, context: { params: Promise<{ profileId: string; outOrderNo: string }> }) {
  const auth = await checkActionCapability("canLookup");
  if (!auth.ok) {
    return NextResponse.json({ ok: false, error: { code: auth.code } }, { status: auth.code === "UNAUTHENTICATED" ? 401 : 403 });
  }
  const { profileId, outOrderNo } = await context.params;
  const sub = request.nextUrl.searchParams.get("sub");
  const target = resolveTarget(profileId, sub && sub !== "" ? sub : null);
  if (!target) return NextResponse.json({ ok: false, error: { code: "NOT_FOUND" } }, { status: 404 });
  const result = await loadOrderSnapshot(target, outOrderNo);
  return NextResponse.json(result, { status: result.ok ? 200 : result.error.code === "NOT_FOUND" ? 404 : 502, headers: { "Cache-Control": "no-store" } });
}
