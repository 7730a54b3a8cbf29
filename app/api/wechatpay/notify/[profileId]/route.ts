// WeChat Pay notifications (回调) for one profile: POST /api/wechatpay/notify/<profileId>. No session:
// the caller is WeChat, and it proves it with the signature (server/notifications/receive.ts). The
// body is read up to 256 KiB (a notification is a few KiB); a larger one is refused unread.
import { getDb } from "@/server/db";
import { readBodyText } from "@/server/http/body";
import { receiveNotification } from "@/server/notifications/receive";
import { withRouteErrors } from "@/server/http/route-errors";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 256 * 1024;

export function POST(request: Request, context: { params: Promise<{ profileId: string }> }): Promise<Response> {
  return withRouteErrors("notification", async () => {
    const { profileId } = await context.params;
    const rawBody = await readBodyText(request, MAX_BODY_BYTES);
    if (rawBody === null) return Response.json({ code: "FAIL", message: "body too large" }, { status: 413 });
    const answer = await receiveNotification(await getDb(), profileId, { headers: request.headers, rawBody });
    return answer.body ? Response.json(answer.body, { status: answer.status }) : new Response(null, { status: answer.status });
  });
}
