// The bulk file's refusals and row problems have text in both languages, formatting with the
// parameters the parser gives them (messages/<locale>/bulk.json; row problems are rule issues:
// orderForm.issues.<code>, checked by components/orders/order-form-messages.test.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { describe, expect, it } from "vitest";
import { BULK_FILE_ERROR_CODES } from "@/lib/bulk/file";
import { BULK_ENCODINGS } from "@/lib/bulk/types";

const LOCALES = ["zh-CN", "en"] as const;

interface Translate {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}
function translator(locale: (typeof LOCALES)[number]): Translate {
  const bulk = JSON.parse(readFileSync(join(import.meta.dirname, "../messages", locale, "bulk.json"), "utf8")) as AbstractIntlMessages;
  return createTranslator({ locale, messages: { bulk }, namespace: "bulk" as never }) as unknown as Translate;
}

const PARAMS: Record<(typeof BULK_FILE_ERROR_CODES)[number], Record<string, string | number>[]> = {
  empty: [{}, { rows: 0 }],
  too_large: [{ max: 5_242_880, size: 6_000_000 }],
  too_many_rows: [{ max: 10_000 }],
  undecodable: [{}],
  unknown_column: [
    { column: "折扣", position: 9 },
    { column: "", position: 2 },
  ],
  missing_column: [{ column: "修改原因说明" }],
  duplicate_column: [{ column: "new_total", first: "新总金额" }],
  not_csv: [...["xlsx", "xls", "pdf", "utf16", "binary", "separator"].map((kind) => ({ kind })), { kind: "quotes", line: 3 }],
};

describe("bulk messages", () => {
  it.each(LOCALES)("%s: every file refusal and encoding has a sentence", (locale) => {
    const t = translator(locale);
    for (const code of BULK_FILE_ERROR_CODES) {
      for (const params of PARAMS[code]) expect(t(`file.errors.${code}`, params), code).not.toMatch(/bulk\.|\{|\}/);
    }
    for (const encoding of BULK_ENCODINGS) expect(t(`file.encodingFound`, { encoding: t(`file.encoding.${encoding}`) })).toContain(encoding === "gb18030" ? "GB18030" : "UTF-8");
    expect(t("file.errors.not_csv", { kind: "quotes", line: 3 })).toContain("3");
    expect(t("file.errors.unknown_column", { column: "折扣", position: 9 })).toContain("折扣");
    expect(t("file.errors.too_many_rows", { max: 10_000 })).toMatch(/10,?000/);
    expect(t("problems.at", { line: 12, column: "新总金额" })).toMatch(/12.*新总金额/);
  });
});
