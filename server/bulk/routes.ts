// The bulk routes' shared part (app/api/bulk/**, thin): the guard (any signed-in role that may see
// the trail — agents, supervisors, admins — as the review list), the batch id, JSON never cached.
import "server-only";
import { checkActionCapability } from "@/server/auth/guard";
import { jsonError, withRouteErrors } from "@/server/http/route-errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function bulkRoute(name: string, run: () => Promise<Response>): Promise<Response> {
  return withRouteErrors(name, async () => {
    const auth = await checkActionCapability("canViewTrail");
    if (!auth.ok) return jsonError({ code: auth.code }, auth.code === "UNAUTHENTICATED" ? 401 : 403);
    return run();
  });
}

/** A batch's route: 400 for an id that is not one, 404 when there is no such batch. */
export function batchRoute<T>(name: string, id: string, read: (id: string) => Promise<T | null>, answer: (value: T) => Response = (value) => json(value)): Promise<Response> {
  return bulkRoute(name, async () => {
    if (!UUID.test(id)) return jsonError({ code: "INVALID_INPUT" }, 400);
    const value = await read(id);
    return value === null ? jsonError({ code: "NOT_FOUND" }, 404) : answer(value);
  });
}

export function json(value: unknown): Response {
  return Response.json(value, { headers: { "Cache-Control": "no-store" } });
}

/** ?lang=en → English headers; anything else Chinese (the console's default). */
export function csvLang(request: Request): "zh" | "en" {
  return new URL(request.url).searchParams.get("lang") === "en" ? "en" : "zh";
}

/** A CSV download (UTF-8 with BOM from lib/bulk/csv-out.ts, formula-neutralised there). */
export function csv(text: string, fileName: string): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
