// What a route handler answers when something below it fails: 503 SERVICE_UNAVAILABLE when the
// database cannot be reached (server/db/errors decides), 500 INTERNAL_ERROR otherwise; JSON with
// a code from the closed list, never a stack, and one safe log line (no SQL parameters).
import "server-only";
import type { AppErrorInfo } from "@/lib/actions/result";
import { describeErrorForLog, isDatabaseUnavailable, toDbError } from "@/server/db/errors";

/** `{ ok: false, error }` with the status, never cached. */
export function jsonError(error: AppErrorInfo, status: number, headers: Record<string, string> = {}): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** Runs a route handler's body; a thrown error becomes 503 or 500 JSON. */
export async function withRouteErrors(route: string, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      console.error(`[api] ${route}: database unavailable (${toDbError(error).code ?? "unknown"})`);
      return jsonError({ code: "SERVICE_UNAVAILABLE" }, 503, { "Retry-After": "5" });
    }
    console.error(`[api] ${route} failed: ${describeErrorForLog(error)}`);
    return jsonError({ code: "INTERNAL_ERROR" }, 500);
  }
}
