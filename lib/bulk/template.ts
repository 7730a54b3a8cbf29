// The bulk adjustment template (issue #14 §1): the header in Chinese or English and example rows —
// one with new line amounts (the demo hotel merchant: its total is the sum of its lines), two with a
// new total (a partner's power bank and an institution's e-bike charging sub-merchant: their lines
// carry no amounts). The rows name the sandbox's demo orders (server/sandbox/seed.ts), so the
// template uploads clean against the demo. UTF-8 with a BOM and CRLF (lib/review/csv.ts), so Excel on
// Chinese Windows opens it right; the parser reads it back in any encoding Excel saves it in.
import { csvLine, CSV_BOM } from "../review/csv";
import { REASON_LABELS, type ReasonCategory } from "../orders/reasons";
import { BULK_COLUMNS, type BulkLang } from "./row-schema";
import { BULK_FIELDS, type BulkField } from "./types";

interface ExampleRow {
  cells: Omit<Record<BulkField, string>, "reasonCategory" | "reasonText" | "internalNote">;
  category: ReasonCategory;
  text: Record<BulkLang, string>;
  note: Record<BulkLang, string>;
}

const EXAMPLES: readonly ExampleRow[] = [
  {
    cells: { profileId: "demo-merchant", subMchid: "", outOrderNo: "DEMO-M-HOTEL-PAYING-1", newTotal: "", lineAmounts: "酒店房费=400.00" },
    category: "billing_error",
    text: { zh: "房费按门市价收取，按协议价退差", en: "Room billed at rack rate, not agreed rate" },
    note: { zh: "示例：按各项新金额修改", en: "Example: new line amounts" },
  },
  {
    cells: { profileId: "demo-partner", subMchid: "1900001202", outOrderNo: "DEMO-P-POWERBANK-PAYING-1", newTotal: "3.00", lineAmounts: "" },
    category: "device_fault",
    text: { zh: "充电宝无法充电，用户提前归还", en: "Power bank did not charge; returned early" },
    note: { zh: "示例：按新总金额修改", en: "Example: a new total" },
  },
  {
    cells: { profileId: "demo-institution", subMchid: "1900001301", outOrderNo: "DEMO-I-EBIKE-PAYING-1", newTotal: "2.50", lineAmounts: "" },
    category: "user_complaint",
    text: { zh: "充电桩断电未停止计费", en: "Charger kept billing after a power cut" },
    note: { zh: "", en: "" },
  },
];

/** The header row's cells in `lang`, in template order. */
export function bulkHeader(lang: BulkLang): string[] {
  return BULK_FIELDS.map((field) => BULK_COLUMNS[field][lang]);
}

/** The template file's text: BOM, header, example rows (CRLF). */
export function bulkTemplateCsv(lang: BulkLang): string {
  const rows = EXAMPLES.map((example) => {
    const cells: Record<BulkField, string> = {
      ...example.cells,
      reasonCategory: REASON_LABELS[example.category][lang],
      reasonText: example.text[lang],
      internalNote: example.note[lang],
    };
    return csvLine(BULK_FIELDS.map((field) => cells[field]));
  });
  return CSV_BOM + csvLine(bulkHeader(lang)) + rows.join("");
}
