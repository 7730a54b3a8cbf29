// One row of a bulk adjustment file (issue #14 §1): its columns with their Chinese and English
// headers, and the one zod schema that turns a row's cells into a BulkRowInput or into field-level
// issues. The rules are the single modify form's: the same money parsing (lib/money.ts via
// yuanField), the same out_order_no and sub_mchid rules (lib/payscore/identifiers.ts), the same
// reason text and note rules (lib/orders/modify-text.ts, shared with ZModifyForm), the industry
// templates' line names (lib/industries.ts). What only a file has is added here: the profile and
// sub-merchant looked up by id, "new total or line amounts", and formula-looking text cells.
// Rules that need the order (only lower, risk fund, partner limit, Σ) are the dry run's (server).
import * as z from "zod/mini";
import { INDUSTRY_TEMPLATES, isIndustryId, type IndustryGroup, type IndustryId } from "../industries";
import { parseYuan } from "../money";
import { MONEY_ERROR_RULES, issueAdder, type AddIssue } from "../orders/amount-form";
import { modifyTextFromInput } from "../orders/modify-text";
import { REASON_CATEGORIES, REASON_LABELS, reasonTextMax, type ReasonCategory } from "../orders/reasons";
import { identifierIssue, outOrderNoIssue } from "../payscore/identifiers";
import { charLength, revealControlCharacters } from "../text";
import type { BulkField, BulkRowCells, BulkRowInput, BulkTargetLookup } from "./types";

export interface BulkColumn {
  /** The header the template writes (Chinese / English). */
  zh: string;
  en: string;
  /** Other headers accepted for the column (compared trimmed; English ones case-insensitively). */
  aliases: readonly string[];
  /** The file must have the column (new total / line amounts: at least one of the two). */
  required: boolean;
  /** A free-text column: a cell starting with = + - @ is refused (it would run as a formula). */
  text: boolean;
}

/** The columns in template order. Headers follow the order page's labels (商户身份, 商户服务订单号, 新总金额…). */
export const BULK_COLUMNS: Readonly<Record<BulkField, BulkColumn>> = {
  profileId: { zh: "商户身份", en: "profile_id", aliases: ["商户配置", "profile"], required: true, text: false },
  subMchid: { zh: "子商户号", en: "sub_mchid", aliases: [], required: false, text: false },
  outOrderNo: { zh: "商户服务订单号", en: "out_order_no", aliases: ["商户订单号"], required: true, text: true },
  newTotal: { zh: "新总金额", en: "new_total", aliases: ["新总金额（元）", "new_total_yuan"], required: false, text: false },
  lineAmounts: { zh: "各项新金额", en: "line_amounts", aliases: [], required: false, text: false },
  reasonCategory: { zh: "原因类别", en: "reason_category", aliases: [], required: true, text: false },
  reasonText: { zh: "修改原因说明", en: "reason_text", aliases: ["原因说明"], required: true, text: true },
  internalNote: { zh: "内部备注", en: "internal_note", aliases: [], required: false, text: true },
};

/** The column the errors CSV adds (why the row was refused); accepted and ignored on re-upload. */
export const BULK_PROBLEM_COLUMN = { zh: "问题", en: "problem" } as const;

export type BulkLang = "zh" | "en";

/** "名称=金额;名称=金额", amounts in 元 (both ; and ；, = and ＝ are read). */
export const LINE_AMOUNTS_FORMAT = "名称=金额;名称=金额";

const HEADER_INDEX: ReadonlyMap<string, { field: BulkField | "problem"; lang: BulkLang }> = (() => {
  const map = new Map<string, { field: BulkField | "problem"; lang: BulkLang }>();
  for (const [field, column] of Object.entries(BULK_COLUMNS) as [BulkField, BulkColumn][]) {
    map.set(column.zh, { field, lang: "zh" });
    map.set(column.en.toLowerCase(), { field, lang: "en" });
    for (const alias of column.aliases) map.set(/[a-z]/i.test(alias) ? alias.toLowerCase() : alias, { field, lang: /[a-z]/i.test(alias) ? "en" : "zh" });
  }
  map.set(BULK_PROBLEM_COLUMN.zh, { field: "problem", lang: "zh" });
  map.set(BULK_PROBLEM_COLUMN.en, { field: "problem", lang: "en" });
  return map;
})();

/** Which column a header cell names (trimmed; English case-insensitive); null when none. */
export function bulkColumnOfHeader(header: string): { field: BulkField | "problem"; lang: BulkLang } | null {
  const name = header.replace(/^\uFEFF/, "").trim();
  return HEADER_INDEX.get(name) ?? HEADER_INDEX.get(name.toLowerCase()) ?? null;
}

/**
 * A cell a spreadsheet would run as a formula: = + - @ first, also after leading spaces or tabs —
 * or such a cell neutralised by an apostrophe (as the errors CSV gives it back): still to be fixed.
 */
const FORMULA_CELL = /^\s*'?[=+\-@]/;

export function isFormulaCell(value: string): boolean {
  return FORMULA_CELL.test(value);
}

/** A reason category by its id (reason_category) or its label in either language. */
export function reasonCategoryOfCell(value: string): ReasonCategory | null {
  const v = value.trim();
  const lower = v.toLowerCase();
  for (const category of REASON_CATEGORIES) {
    const label = REASON_LABELS[category];
    if (category === lower || label.zh === v || label.en.toLowerCase() === lower) return category;
  }
  return null;
}

/** A name echoed in a problem: bounded and with hidden characters made visible. */
function shownName(name: string): string {
  const revealed = revealControlCharacters(name);
  return charLength(revealed) > 40 ? `${Array.from(revealed).slice(0, 40).join("")}…` : revealed;
}

/** The group of any variant of the industry a line name belongs to (the free-name group for 通用). */
function groupOfName(industry: IndustryId, name: string): IndustryGroup | null {
  const variants = INDUSTRY_TEMPLATES[industry].variants;
  for (const variant of variants) {
    const group = variant.groups.find((g) => g.name === name);
    if (group) return group;
  }
  for (const variant of variants) {
    const free = variant.groups.find((g) => g.name === null);
    if (free) return free;
  }
  return null;
}

/** Every variant of the industry computes its total from the lines (no total can be entered). */
function totalIsSumOfLines(industry: IndustryId): boolean {
  return INDUSTRY_TEMPLATES[industry].variants.every((v) => v.totalMode === "sum" || v.totalMode === "zero");
}

/** "名称=金额;名称=金额" → 分 per name, issues at ["lineAmounts"] or ["lineAmounts", name]. */
export function parseLineAmounts(value: string, industry: IndustryId | null, addIssue: AddIssue): Record<string, number> | undefined {
  const entries = value
    .split(/[;；]/)
    .map((e) => e.trim())
    .filter((e) => e !== "");
  if (entries.length === 0) {
    addIssue(["lineAmounts"], "required");
    return undefined;
  }
  const out: Record<string, number> = {};
  let ok = true;
  for (const entry of entries) {
    const eq = entry.search(/[=＝]/);
    const name = eq < 0 ? "" : entry.slice(0, eq).trim();
    if (eq < 0 || name === "") {
      addIssue(["lineAmounts"], "invalid_format", { format: LINE_AMOUNTS_FORMAT });
      return undefined;
    }
    const path = ["lineAmounts", shownName(name)];
    if (Object.hasOwn(out, name)) {
      addIssue(path, "duplicate_name", { name: shownName(name) });
      ok = false;
      continue;
    }
    const group = industry === null ? null : groupOfName(industry, name);
    if (industry !== null && group === null) {
      addIssue(path, "unknown_line_name", { name: shownName(name) });
      ok = false;
      continue;
    }
    if (group !== null && group.fields.amount === "forbidden") {
      addIssue(path, "forbidden_field", { name: shownName(name) });
      ok = false;
      continue;
    }
    const parsed = parseYuan(entry.slice(eq + 1));
    if (!parsed.ok) {
      addIssue(path, MONEY_ERROR_RULES[parsed.code]);
      ok = false;
      continue;
    }
    if (group?.amountMustBeZero && parsed.fen !== 0) {
      addIssue(path, "zero_form_amount");
      ok = false;
      continue;
    }
    out[name] = parsed.fen;
  }
  return ok ? out : undefined;
}

/** The reason text's limit when the category is not known: the smallest of all categories'. */
const SMALLEST_REASON_CATEGORY: ReasonCategory = REASON_CATEGORIES.reduce((a, b) => (reasonTextMax(b) < reasonTextMax(a) ? b : a));

/** Every cell of a row as text ("" for a column the file does not have). */
export const ZBulkRowCells = z.object({
  profileId: z.string(),
  subMchid: z.string(),
  outOrderNo: z.string(),
  newTotal: z.string(),
  lineAmounts: z.string(),
  reasonCategory: z.string(),
  reasonText: z.string(),
  internalNote: z.string(),
});

export interface BulkRowSchemaOptions {
  lookup: BulkTargetLookup;
  /** The headers as the file names them (for issues that name other columns). */
  headers: Readonly<Record<BulkField, string>>;
}

export type BulkRowOutput = Omit<BulkRowInput, "line">;

/**
 * The per-row schema: cells → BulkRowOutput, or issues whose path starts with the field
 * (["lineAmounts", name] for one line's amount; [] is never used). Built once per file.
 */
export function bulkRowSchema({ lookup, headers }: BulkRowSchemaOptions) {
  const totalOrLines = `${headers.newTotal}、${headers.lineAmounts}`;
  return z.pipe(
    ZBulkRowCells,
    z.transform((cells: BulkRowCells, ctx): BulkRowOutput => {
      const addIssue = issueAdder(ctx);
      const formula = (field: BulkField): boolean => {
        if (!BULK_COLUMNS[field].text || !isFormulaCell(cells[field])) return false;
        addIssue([field], "formula_cell");
        return true;
      };

      // Who: the profile, its mode, the sub-merchant (partner and institution only).
      const profileId = cells.profileId.trim();
      const subMchid = cells.subMchid.trim();
      let industry: IndustryId | null = null;
      if (profileId === "") addIssue(["profileId"], "required");
      else {
        const profile = lookup(profileId, null);
        if (profile === null) addIssue(["profileId"], "unknown_profile");
        else if (profile.mode === "merchant") {
          if (subMchid !== "") addIssue(["subMchid"], "forbidden_field");
          else industry = isIndustryId(profile.industry) ? profile.industry : null;
        } else if (subMchid === "") addIssue(["subMchid"], "required");
        else {
          const issue = identifierIssue(subMchid);
          if (issue) addIssue(["subMchid"], issue.code, issue.params);
          else {
            const target = lookup(profileId, subMchid);
            if (target === null) addIssue(["subMchid"], "unknown_sub_merchant");
            else industry = isIndustryId(target.industry) ? target.industry : null;
          }
        }
      }

      const outOrderNo = cells.outOrderNo.trim();
      if (!formula("outOrderNo")) {
        const issue = outOrderNoIssue(outOrderNo);
        if (issue) addIssue(["outOrderNo"], issue.code, issue.params);
      }

      // What: a new total, or new amounts per line name — exactly one.
      const hasTotal = cells.newTotal.trim() !== "";
      const hasLines = cells.lineAmounts.trim() !== "";
      let newTotal: number | null = null;
      let lineAmounts: Record<string, number> | null = null;
      if (!hasTotal && !hasLines) addIssue(["newTotal"], "missing_one_of", { names: totalOrLines });
      else if (hasTotal && hasLines) addIssue(["newTotal"], "mutually_exclusive", { names: totalOrLines });
      else if (hasTotal) {
        const parsed = parseYuan(cells.newTotal);
        if (!parsed.ok) addIssue(["newTotal"], MONEY_ERROR_RULES[parsed.code]);
        else if (industry !== null && totalIsSumOfLines(industry)) addIssue(["newTotal"], "total_from_lines");
        else newTotal = parsed.fen;
      } else lineAmounts = parseLineAmounts(cells.lineAmounts, industry, addIssue) ?? null;

      // Why: the category, then the text and note exactly as the modify form judges them.
      const category = cells.reasonCategory.trim();
      const reasonCategory = reasonCategoryOfCell(category);
      if (category === "") addIssue(["reasonCategory"], "required");
      else if (reasonCategory === null) addIssue(["reasonCategory"], "invalid_value");
      const reasonFormula = formula("reasonText");
      const noteFormula = formula("internalNote");
      const text = modifyTextFromInput(
        {
          reasonCategory: reasonCategory ?? SMALLEST_REASON_CATEGORY,
          reasonText: reasonFormula ? "-" : cells.reasonText,
          internalNote: noteFormula ? "" : cells.internalNote,
        },
        addIssue,
      );

      return {
        profileId,
        subMchid: subMchid === "" ? null : subMchid,
        outOrderNo,
        newTotal,
        lineAmounts,
        reasonCategory: reasonCategory ?? SMALLEST_REASON_CATEGORY,
        reasonText: text.reasonText,
        internalNote: text.internalNote,
      };
    }),
  );
}
