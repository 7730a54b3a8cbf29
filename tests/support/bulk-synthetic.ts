// Synthetic bulk adjustment files (issue #14) for unit tests, e2e and the benches: `rows` valid rows
// that lower sandbox orders, encoded as Excel on Chinese Windows saves them (GBK) or as UTF-8.
// Pure (lib/ and iconv-lite only), so Playwright specs, vitest and scripts/bench can all import it.
//
// Which orders the rows name (`orders`):
//   "clones" (default) — numbers that do not exist in the seeded sandbox: `${prefix}-00001`,
//     `${prefix}-00002`, … (prefix from the target, e.g. BULK-M-HOTEL; `firstIndex` shifts the
//     numbering so two files never name the same order). The caller adds them to the sandbox as
//     copies of the target's `templateOrderNo` (one modifiable order) before the dry run — as
//     scripts/bench/sandbox-child.ts does with cloneOrder for its BENCH-M-HOTEL-… orders: copy the
//     record, set order.out_order_no to the row's outOrderNo and give it a unique order_id. Every
//     result's `orders[]` says which template each number copies.
//   "seed" — the demo's own modifiable orders (DEMO-…-PAYING-n of server/sandbox/seed.ts): at most
//     `target.seedCount` rows (8 for the merchant hotel, 4 for a partner / institution
//     sub-merchant); no set-up, but each order can be modified only so often (partner: once).
//
// Every row is lower than the order's current total and within its risk fund:
//   merchantHotel      demo-merchant, hotel (sum of lines): 各项新金额 "酒店房费=<元>", 400.00 元
//                      minus 0.01 元 per row index modulo 10 000 (template order total 458.00 元)
//   partnerPowerBank   demo-partner / 1900001202, power bank (entered total): 新总金额 3.00 元 minus
//                      0.01 元 per row index modulo 100 (template order total ≥ 6.00 元)
//   institutionEbike   demo-institution / 1900001301, e-bike charging (entered total): 新总金额 2.50
//                      元 minus 0.01 元 per row index modulo 100 (template order total ≥ 4.00 元)
import iconv from "iconv-lite";
import { fenToYuanString } from "@/lib/money";
import { REASON_LABELS, type ReasonCategory } from "@/lib/orders/reasons";
import { csvLine } from "@/lib/review/csv";
import { BULK_COLUMNS, type BulkLang } from "@/lib/bulk/row-schema";
import { BULK_FIELDS, type BulkField } from "@/lib/bulk/types";

export interface SyntheticTarget {
  profileId: string;
  subMchid: string | null;
  /** The modifiable demo order clones copy (and whose current total the amounts stay under). */
  templateOrderNo: string;
  /** Clone numbers: `${clonePrefix}-00001`… */
  clonePrefix: string;
  /** How many DEMO-…-PAYING-n orders the seed has for this target; `seedOrderNo(n)`, n = 1… */
  seedCount: number;
  seedOrderNo: (n: number) => string;
  /** "lines": the 各项新金额 column with `lineName`; "total": the 新总金额 column. */
  amounts: "lines" | "total";
  lineName?: string;
  /** The new amount (分) of the row with index i (0-based) — below every target order's total. */
  newAmountFen: (i: number) => number;
}

export const SYNTHETIC_TARGETS: Readonly<Record<"merchantHotel" | "partnerPowerBank" | "institutionEbike", SyntheticTarget>> = {
  merchantHotel: {
    profileId: "demo-merchant",
    subMchid: null,
    templateOrderNo: "DEMO-M-HOTEL-PAYING-1",
    clonePrefix: "BULK-M-HOTEL",
    seedCount: 8,
    seedOrderNo: (n: number) => `DEMO-M-HOTEL-PAYING-${n}`,
    amounts: "lines",
    lineName: "酒店房费",
    newAmountFen: (i: number) => 40_000 - (i % 10_000),
  },
  partnerPowerBank: {
    profileId: "demo-partner",
    subMchid: "1900001202",
    templateOrderNo: "DEMO-P-POWERBANK-PAYING-1",
    clonePrefix: "BULK-P-POWERBANK",
    seedCount: 4,
    seedOrderNo: (n: number) => `DEMO-P-POWERBANK-PAYING-${n}`,
    amounts: "total",
    newAmountFen: (i: number) => 300 - (i % 100),
  },
  institutionEbike: {
    profileId: "demo-institution",
    subMchid: "1900001301",
    templateOrderNo: "DEMO-I-EBIKE-PAYING-1",
    clonePrefix: "BULK-I-EBIKE",
    seedCount: 4,
    seedOrderNo: (n: number) => `DEMO-I-EBIKE-PAYING-${n}`,
    amounts: "total",
    newAmountFen: (i: number) => 250 - (i % 100),
  },
};

export interface SyntheticBulkOptions {
  /** Data rows (the header not counted). */
  rows: number;
  /** "gbk" (default: Excel on Chinese Windows), "utf-8" (no BOM) or "utf-8-bom". */
  encoding?: "gbk" | "utf-8" | "utf-8-bom";
  /** Header language (default "zh"). */
  lang?: BulkLang;
  /** Whose orders (default SYNTHETIC_TARGETS.merchantHotel). */
  target?: SyntheticTarget;
  /** "clones" (default) or "seed": see the top of this file. */
  orders?: "clones" | "seed";
  /** Clone numbering starts at firstIndex + 1 (default 0): give each file of a run its own range. */
  firstIndex?: number;
  reasonCategory?: ReasonCategory;
  /** Reason text of row i (default "批量调整测试 #<n>" / "Bulk test #<n>"). */
  reasonText?: (i: number) => string;
  /** Internal note of row i (default none). */
  internalNote?: (i: number) => string;
  /** Line ends (default CRLF, as Excel writes). */
  eol?: "\r\n" | "\n";
}

export interface SyntheticOrder {
  /** The row's line in the file (header = 1). */
  line: number;
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
  /** The sandbox order a clone copies (the order itself in "seed" mode). */
  templateOrderNo: string;
  /** The new total (amounts "total") or the new amount of the one line (amounts "lines"), 分. */
  newAmountFen: number;
}

export interface SyntheticBulkFile {
  bytes: Uint8Array;
  /** The text before encoding (no BOM). */
  text: string;
  orders: SyntheticOrder[];
}

/** A file of `rows` valid rows; see SyntheticBulkOptions. */
export function syntheticBulkCsv(options: SyntheticBulkOptions): SyntheticBulkFile {
  const lang = options.lang ?? "zh";
  const target: SyntheticTarget = options.target ?? SYNTHETIC_TARGETS.merchantHotel;
  const mode = options.orders ?? "clones";
  const first = options.firstIndex ?? 0;
  if (mode === "seed" && options.rows > target.seedCount) {
    throw new RangeError(`the seed has ${target.seedCount} modifiable orders for ${target.profileId}, not ${options.rows}`);
  }
  const category = options.reasonCategory ?? "billing_error";
  const reasonText = options.reasonText ?? ((i: number) => (lang === "zh" ? `批量调整测试 #${i + 1}` : `Bulk test #${i + 1}`));
  const eol = options.eol ?? "\r\n";
  const line = (cells: readonly string[]) => csvLine(cells).slice(0, -2) + eol;

  const header = BULK_FIELDS.map((f) => BULK_COLUMNS[f][lang]);
  const parts: string[] = [line(header)];
  const orders: SyntheticOrder[] = [];
  for (let i = 0; i < options.rows; i++) {
    const outOrderNo = mode === "seed" ? target.seedOrderNo(i + 1) : `${target.clonePrefix}-${String(first + i + 1).padStart(5, "0")}`;
    const newAmountFen = target.newAmountFen(i);
    const yuan = fenToYuanString(newAmountFen);
    const cells: Record<BulkField, string> = {
      profileId: target.profileId,
      subMchid: target.subMchid ?? "",
      outOrderNo,
      newTotal: target.amounts === "total" ? yuan : "",
      lineAmounts: target.amounts === "lines" ? `${target.lineName ?? ""}=${yuan}` : "",
      reasonCategory: REASON_LABELS[category][lang],
      reasonText: reasonText(i),
      internalNote: options.internalNote?.(i) ?? "",
    };
    parts.push(line(BULK_FIELDS.map((f) => cells[f])));
    orders.push({
      line: i + 2,
      profileId: target.profileId,
      subMchid: target.subMchid,
      outOrderNo,
      templateOrderNo: mode === "seed" ? outOrderNo : target.templateOrderNo,
      newAmountFen,
    });
  }
  const text = parts.join("");
  const encoding = options.encoding ?? "gbk";
  const bytes =
    encoding === "gbk"
      ? new Uint8Array(iconv.encode(text, "gbk"))
      : new TextEncoder().encode(encoding === "utf-8-bom" ? `\uFEFF${text}` : text);
  return { bytes, text, orders };
}

