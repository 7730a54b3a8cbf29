// The bulk adjustment file parser (issue #14 §1): bytes → rows, or the reason the whole file is
// refused. Pure, so the upload page runs it in the browser for instant feedback and the server runs
// it again, authoritatively, on what it stores.
//
//   encoding  UTF-8 with a BOM, UTF-8 (strict), else GB18030 (a superset of GBK: what Excel on
//             Chinese Windows saves) — said back as BulkEncoding; bytes none of them read: refused.
//   CSV       papaparse, comma-separated, RFC 4180 quotes (commas, quotes, line breaks in a cell), CRLF or LF.
//   header    Chinese or English column names (lib/bulk/row-schema.ts BULK_COLUMNS), any order;
//             the errors CSV's problem column is accepted and ignored.
//   rows      blank rows are skipped; `line` is the spreadsheet's row number (header = 1), so a cell
//             with line breaks is still one line.
//   refused   empty, > BULK_MAX_BYTES, > BULK_MAX_ROWS data rows, undecodable, not CSV (a workbook,
//             a PDF, UTF-16, another separator, a broken quote), an unknown or repeated column, a
//             required column missing.
//   problems  per row and column (bulkRowSchema), and a repeated order (same profile, sub_mchid and
//             out_order_no): the later row is the duplicate and names the line it repeats.
import Papa from "papaparse";
import { ruleIssuesFromZod } from "../payscore/issues";
import type { PublicProfile } from "../profiles";
import { BULK_COLUMNS, BULK_PROBLEM_COLUMN, bulkColumnOfHeader, bulkRowSchema, type BulkLang } from "./row-schema";
import {
  BULK_FIELDS,
  BULK_MAX_BYTES,
  BULK_MAX_ROWS,
  type BulkEncoding,
  type BulkField,
  type BulkFileError,
  type BulkFileErrorCode,
  type BulkParseResult,
  type BulkRawRow,
  type BulkRowCells,
  type BulkRowInput,
  type BulkRowProblem,
  type BulkTargetLookup,
} from "./types";

/** Every file-level refusal (the UI has a message for each: messages bulk.file.errors.*). */
export const BULK_FILE_ERROR_CODES = [
  "empty",
  "too_large",
  "too_many_rows",
  "undecodable",
  "unknown_column",
  "missing_column",
  "duplicate_column",
  "not_csv",
] as const satisfies readonly BulkFileErrorCode[];
// Every code is listed (a new one in lib/bulk/types.ts fails the type check here).
const ALL_FILE_ERROR_CODES: Record<BulkFileErrorCode, true> = Object.fromEntries(BULK_FILE_ERROR_CODES.map((c) => [c, true])) as Record<
  (typeof BULK_FILE_ERROR_CODES)[number],
  true
>;
void ALL_FILE_ERROR_CODES;

function refuse(encoding: BulkEncoding | null, code: BulkFileError["code"], params?: BulkFileError["params"]): BulkParseResult {
  return { ok: false, encoding, error: params ? { code, params } : { code } };
}

const MAGIC: readonly { bytes: readonly number[]; kind: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "xlsx" }, // ZIP: .xlsx, .ods
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: "xls" }, // OLE2: .xls
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: "pdf" },
  { bytes: [0xff, 0xfe], kind: "utf16" },
  { bytes: [0xfe, 0xff], kind: "utf16" },
];

/** What the bytes are when they are clearly not a text CSV; null when they may be. */
function notCsvKind(bytes: Uint8Array): string | null {
  for (const { bytes: magic, kind } of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return kind;
  // NUL never occurs in UTF-8 or GB18030 text (UTF-16 and binary files are full of them).
  const head = bytes.subarray(0, 8192);
  return head.includes(0) ? "binary" : null;
}

function decode(bytes: Uint8Array): { encoding: BulkEncoding; text: string } | { encoding: null; text: null } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // ignoreBOM: keep it, so the text can be checked below; it is dropped by hand.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return hasBom ? { encoding: "utf-8-bom", text: text.slice(1) } : { encoding: "utf-8", text };
  } catch {
    if (hasBom) return { encoding: null, text: null };
  }
  try {
    return { encoding: "gb18030", text: new TextDecoder("gb18030", { fatal: true }).decode(bytes) };
  } catch {
    return { encoding: null, text: null };
  }
}

interface HeaderColumn {
  /** Index of the cell in each record. */
  index: number;
  field: BulkField;
  /** As the file names it (trimmed). */
  name: string;
}

/** Cells of a record that are all blank (Excel writes ",,,," for a row it once touched). */
function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}

/**
 * Parses and checks a bulk file; see the top of this file. `lookup` answers which profile and
 * sub-merchant a row names: lookup(profileId, null) → the profile (null when there is none; for
 * merchant mode its industry), lookup(profileId, subMchid) → that sub-merchant's industry, null
 * when the profile has no such sub-merchant (bulkLookupFromProfiles builds one).
 */
export function parseBulkFile(bytes: Uint8Array, lookup: BulkTargetLookup): BulkParseResult {
  if (bytes.length === 0) return refuse(null, "empty");
  if (bytes.length > BULK_MAX_BYTES) return refuse(null, "too_large", { max: BULK_MAX_BYTES, size: bytes.length });
  const kind = notCsvKind(bytes);
  if (kind !== null) return refuse(null, "not_csv", { kind });
  const decoded = decode(bytes);
  if (decoded.encoding === null) return refuse(null, "undecodable");
  const { encoding, text } = decoded;
  if (text.trim() === "") return refuse(encoding, "empty");

  const parsed = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) return refuse(encoding, "not_csv", { kind: "quotes", line: (quoteError.row ?? 0) + 1 });
  const records = parsed.data;

  // The header: the first record that is not blank must be it.
  const headerIndex = records.findIndex((r) => !isBlank(r));
  const headerRecord = records[headerIndex] ?? [];
  if (headerRecord.length === 1 && /[\t;]/.test(headerRecord[0] ?? "")) return refuse(encoding, "not_csv", { kind: "separator" });
  const columns: HeaderColumn[] = [];
  let lang: BulkLang | null = null;
  const seen = new Map<BulkField, string>();
  let blankAt: number | null = null;
  for (const [index, raw] of headerRecord.entries()) {
    const name = raw.replace(/^\uFEFF/, "").trim();
    if (name === "") {
      blankAt ??= index;
      continue;
    }
    // Blank names after the last column are Excel's; a blank name between two columns is a column without a name.
    if (blankAt !== null) return refuse(encoding, "unknown_column", { column: "", position: blankAt + 1 });
    const column = bulkColumnOfHeader(name);
    if (column === null) return refuse(encoding, "unknown_column", { column: name, position: index + 1 });
    lang ??= column.lang;
    if (column.field === "problem") continue;
    const earlier = seen.get(column.field);
    if (earlier !== undefined) return refuse(encoding, "duplicate_column", { column: name, first: earlier });
    seen.set(column.field, name);
    columns.push({ index, field: column.field, name });
  }
  const headerLang: BulkLang = lang ?? "zh";
  for (const field of BULK_FIELDS) {
    if (BULK_COLUMNS[field].required && !seen.has(field)) return refuse(encoding, "missing_column", { column: BULK_COLUMNS[field][headerLang] });
  }
  if (!seen.has("newTotal") && !seen.has("lineAmounts")) {
    return refuse(encoding, "missing_column", { column: `${BULK_COLUMNS.newTotal[headerLang]} / ${BULK_COLUMNS.lineAmounts[headerLang]}` });
  }
  const headers = Object.fromEntries(BULK_FIELDS.map((f) => [f, seen.get(f) ?? BULK_COLUMNS[f][headerLang]])) as Record<BulkField, string>;

  // The data rows (blank ones skipped), counted before anything is checked.
  const dataRows: { line: number; record: string[] }[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i];
    if (record === undefined || isBlank(record)) continue;
    dataRows.push({ line: i + 1, record });
    if (dataRows.length > BULK_MAX_ROWS) return refuse(encoding, "too_many_rows", { max: BULK_MAX_ROWS });
  }
  if (dataRows.length === 0) return refuse(encoding, "empty", { rows: 0 });

  const schema = bulkRowSchema({ lookup, headers });
  const rows: BulkRowInput[] = [];
  const problems: BulkRowProblem[] = [];
  const raw: BulkRawRow[] = [];
  const firstLineOfOrder = new Map<string, number>();
  const known = new Set(columns.map((c) => c.index));
  const problemIndex = headerRecord.findIndex((h) => bulkColumnOfHeader(h)?.field === "problem");

  for (const { line, record } of dataRows) {
    const cells: Record<BulkField, string> = {
      profileId: "",
      subMchid: "",
      outOrderNo: "",
      newTotal: "",
      lineAmounts: "",
      reasonCategory: "",
      reasonText: "",
      internalNote: "",
    };
    for (const column of columns) cells[column.field] = record[column.index] ?? "";
    const frozen: BulkRowCells = cells;
    raw.push({ line, cells: frozen });
    const rowProblems: BulkRowProblem[] = [];

    // A cell beyond the named columns (the problem column excepted) has no column to go in.
    const stray = record.findIndex((cell, i) => !known.has(i) && i !== problemIndex && cell.trim() !== "");
    if (stray >= 0) rowProblems.push({ line, column: "", issue: { path: [], code: "too_many", params: { max: columns.length } } });

    const result = schema.safeParse(cells);
    if (!result.success) {
      for (const issue of ruleIssuesFromZod(result.error.issues)) {
        const field = issue.path[0];
        const column = typeof field === "string" && field in headers ? headers[field as BulkField] : "";
        rowProblems.push({ line, column, issue });
      }
    }

    const outOrderNo = cells.outOrderNo.trim();
    if (outOrderNo !== "") {
      const key = `${cells.profileId.trim()}\u0000${cells.subMchid.trim()}\u0000${outOrderNo}`;
      const first = firstLineOfOrder.get(key);
      if (first === undefined) firstLineOfOrder.set(key, line);
      else rowProblems.push({ line, column: "", issue: { path: [], code: "duplicate_order", params: { line: first } } });
    }

    if (rowProblems.length > 0) problems.push(...rowProblems);
    else if (result.success) rows.push({ line, ...result.data });
  }
  return { ok: true, encoding, rows, problems, raw };
}

/** The lookup parseBulkFile needs, from the profiles the browser (or the server) knows. */
export function bulkLookupFromProfiles(profiles: readonly Pick<PublicProfile, "id" | "mode" | "industry" | "subMerchants">[]): BulkTargetLookup {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  return (profileId, subMchid) => {
    const profile = byId.get(profileId);
    if (!profile) return null;
    if (subMchid === null) return { mode: profile.mode, industry: profile.industry ?? "generic" };
    if (profile.mode === "merchant") return null;
    const sub = profile.subMerchants.find((s) => s.sub_mchid === subMchid);
    return sub ? { mode: profile.mode, industry: sub.industry } : null;
  };
}

export { BULK_PROBLEM_COLUMN };
