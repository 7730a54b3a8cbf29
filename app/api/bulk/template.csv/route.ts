// GET /api/bulk/template.csv?lang=zh|en: the file template (header + example rows, lib/bulk/template.ts).
import { bulkTemplateCsv } from "@/lib/bulk/template";
import { bulkRoute, csv, csvLang } from "@/server/bulk/routes";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  const lang = csvLang(request);
  return bulkRoute("bulk template", async () => csv(bulkTemplateCsv(lang), lang === "en" ? "bulk-template-en.csv" : "bulk-template-zh.csv"));
}
