// Server-Sent Events for one open order page: every WeChat Pay notification about this order
// (verified, decrypted and stored by /api/wechatpay/notify) is pushed as `event: order` with the order
// WeChat sent, so the page shows a confirmation or a payment at once without querying WeChat.
// Role-checked and validated like the order's data route; a comment line every 20 s keeps proxies
// from closing an idle stream.
import type { NextRequest } from "next/server";
import { parseOrderAddress } from "@/lib/orders/order-address";
import { checkActionCapability } from "@/server/auth/guard";
import { jsonError, withRouteErrors } from "@/server/http/route-errors";
import { watchOrder } from "@/server/notifications/bus";
import { resolveTarget } from "@/server/orders/target";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 20_000;

export function GET(request: NextRequest, context: { params: Promise<{ profileId: string; outOrderNo: string }> }): Promise<Response> {
  return withRouteErrors("order events", async () => {
    const auth = await checkActionCapability("canLookup");
    if (!auth.ok) return jsonError({ code: auth.code }, auth.code === "UNAUTHENTICATED" ? 401 : 403);
    const { profileId, outOrderNo } = await context.params;
    const address = parseOrderAddress({ outOrderNo, sub: request.nextUrl.searchParams.getAll("sub") });
    if (!address.ok) return jsonError({ code: "INVALID_INPUT", issues: address.issues }, 400);
    const target = resolveTarget(profileId, address.subMchid);
    if (!target) return jsonError({ code: "NOT_FOUND" }, 404);

    const encoder = new TextEncoder();
    let stop = () => undefined as void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        send("retry: 5000\n: connected\n\n");
        const unwatch = watchOrder({ profileId: target.profile.id, subMchid: target.subMerchant?.sub_mchid ?? null, outOrderNo: address.outOrderNo }, (event) => {
          send(`event: order\nid: ${event.id}\ndata: ${JSON.stringify({ eventType: event.eventType, order: event.order, receivedAt: event.receivedAt })}\n\n`);
        });
        const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
        stop = () => {
          clearInterval(heartbeat);
          unwatch();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        request.signal.addEventListener("abort", () => stop());
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, {
      headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
    });
  });
}
