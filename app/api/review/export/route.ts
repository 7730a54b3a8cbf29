// GET /api/review/export?<the review filters>: the filtered set as CSV, streamed from the database
// in keyset batches. Supervisors and admins only (canExport); the guard is checked here, as for
// every action — hiding the button is not the check. A database that cannot be reached answers 503
// SERVICE_UNAVAILABLE (server/http/route-errors) before the download starts.
import { getLocale, getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { APPROVAL_OUTCOMES } from "@/lib/approvals/view";
import { EXPORT_COLUMNS, type ExportLabels } from "@/lib/review/export-rows";
import { parseReviewSearch } from "@/lib/review/filters";
import { REVIEW_STATES, TRAIL_OPERATION_VALUES, TRAIL_STATUS_VALUES, reviewScopeOf } from "@/lib/review/states";
import { checkActionCapability } from "@/server/auth/guard";
import { getDb } from "@/server/db";
import { jsonError, withRouteErrors } from "@/server/http/route-errors";
import { reviewCsvStream } from "@/server/review/export";

export const dynamic = "force-dynamic";

async function exportLabels(): Promise<ExportLabels> {
  const [locale, t, tOrders, tModes, tApprovals] = await Promise.all([
    getLocale(),
    getTranslations("review"),
    getTranslations("orders"),
    getTranslations("modes"),
    getTranslations("approvals"),
  ]);
  return {
    locale: locale === "en" ? "en" : "zh-CN",
    header: Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, t(`csv.${column}`)])) as ExportLabels["header"],
    modes: Object.fromEntries(["merchant", "partner", "institution"].map((mode) => [mode, tModes(mode)])),
    operations: Object.fromEntries(TRAIL_OPERATION_VALUES.map((operation) => [operation, tOrders(`operations.${operation}`)])),
    statuses: Object.fromEntries(TRAIL_STATUS_VALUES.map((status) => [status, tOrders(`trailStatus.${status}`)])),
    reviewStates: Object.fromEntries(REVIEW_STATES.map((state) => [state, t(`reviewStates.${state}`)])),
    appliedLate: tOrders("order.appliedLateBadge"),
    approvalOutcomes: Object.fromEntries(APPROVAL_OUTCOMES.map((outcome) => [outcome, tApprovals(`outcomes.${outcome}`)])),
  };
}

function stamp(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
}

export function GET(request: NextRequest): Promise<Response> {
  return withRouteErrors("review export", () => exportCsv(request));
}

async function exportCsv(request: NextRequest): Promise<Response> {
  const auth = await checkActionCapability("canExport");
  if (!auth.ok) return jsonError({ code: auth.code }, auth.code === "UNAUTHENTICATED" ? 401 : 403);
  const { filters } = parseReviewSearch(request.nextUrl.searchParams);
  const labels = await exportLabels();
  const t = await getTranslations("review");
  const filename = `${t("csv.filename")}-${stamp(new Date())}.csv`;
  const stream = reviewCsvStream(await getDb(), filters, reviewScopeOf(auth.user), labels);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // ASCII fallback plus the UTF-8 name (RFC 6266) for the Chinese file name.
      "Content-Disposition": `attachment; filename="payscore-changes-${stamp(new Date())}.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
