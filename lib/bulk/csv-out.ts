// The two CSV files a batch gives back (issue #14 §2, §4), formula-neutralised by lib/review/csv.ts:
//   bulkErrorsCsv   the rows that will not be sent, in the upload's columns (the template's, in the
//                   reader's language) with the cells as uploaded, plus one problem column — fix the
//                   cells, upload the file again: the parser ignores the problem column.
//   bulkResultsCsv  every row's outcome: verdict, before → after, status, WeChat's code and message,
//                   Request-ID.
// Sentences are the rule issues' (describeRuleIssueZh/En) naming the file's column; labels of
// verdicts and statuses are here because the files are built on the server without next-intl.
import { fenToYuanString } from "../money";
import { describeRuleIssueEn, describeRuleIssueZh, type RuleIssue } from "../payscore/issues";
import { CSV_BOM, csvLine } from "../review/csv";
import { BULK_COLUMNS, BULK_PROBLEM_COLUMN, type BulkLang } from "./row-schema";
import { bulkHeader } from "./template";
import {
  BULK_FIELDS,
  type BulkBatchRowView,
  type BulkRowCells,
  type BulkRowProblem,
  type BulkRowStatus,
  type BulkVerdict,
} from "./types";

export const BULK_VERDICT_LABELS: Readonly<Record<BulkVerdict, Record<BulkLang, string>>> = {
  ok: { zh: "可修改", en: "OK" },
  needs_approval: { zh: "需审批", en: "Needs approval" },
  invalid: { zh: "内容有误", en: "Invalid row" },
  duplicate: { zh: "重复订单", en: "Duplicate order" },
  not_found: { zh: "订单不存在", en: "Order not found" },
  wrong_state: { zh: "订单状态不可修改", en: "Order not in a modifiable state" },
  not_lower: { zh: "新金额未低于当前金额", en: "New total not lower than the current one" },
  above_risk_fund: { zh: "超过服务风险金", en: "Above the risk fund" },
  partner_modified: { zh: "服务商模式已修改过一次", en: "Already modified once (partner mode)" },
  sum_mismatch: { zh: "各项金额与总金额不符", en: "Line amounts do not match the total" },
  query_failed: { zh: "查询订单失败", en: "Could not query the order" },
};

export const BULK_ROW_STATUS_LABELS: Readonly<Record<BulkRowStatus, Record<BulkLang, string>>> = {
  pending: { zh: "未执行", en: "Not run" },
  succeeded: { zh: "成功", en: "Succeeded" },
  failed: { zh: "失败", en: "Failed" },
  skipped: { zh: "已跳过", en: "Skipped" },
  unknown: { zh: "结果未知", en: "Outcome unknown" },
};

const ROW_SUBJECT: Record<BulkLang, string> = { zh: "本行", en: "This row" };
const JOIN: Record<BulkLang, string> = { zh: "；", en: "; " };

/** One problem as a sentence naming the file's column, e.g. "修改原因说明 必填". */
export function describeBulkProblem(problem: BulkRowProblem, lang: BulkLang): string {
  const subject = problem.column === "" ? ROW_SUBJECT[lang] : problem.column;
  const item = problem.issue.path[1];
  const named = item !== undefined && problem.issue.params?.name === undefined ? `${subject}「${String(item)}」` : subject;
  const issue: RuleIssue = { ...problem.issue, path: [named] };
  return lang === "zh" ? describeRuleIssueZh(issue) : describeRuleIssueEn(issue);
}

export interface BulkErrorsCsvRow {
  line: number;
  /** The cells as uploaded (BulkParseResult.raw). */
  cells: BulkRowCells;
  problems: readonly BulkRowProblem[];
  /** The dry run's verdict; its label is the problem when the row has no problem of its own. */
  verdict?: BulkVerdict | null;
}

function problemText(row: BulkErrorsCsvRow, lang: BulkLang): string {
  const own = row.problems.map((p) => describeBulkProblem(p, lang));
  if (own.length === 0 && row.verdict && row.verdict !== "ok" && row.verdict !== "needs_approval") own.push(BULK_VERDICT_LABELS[row.verdict][lang]);
  return own.join(JOIN[lang]);
}

/** The rows to fix, in the template's columns and the file's row order, plus the problem column. */
export function bulkErrorsCsv(rows: readonly BulkErrorsCsvRow[], lang: BulkLang): string {
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  const header = [...bulkHeader(lang), BULK_PROBLEM_COLUMN[lang]];
  return CSV_BOM + csvLine(header) + sorted.map((row) => csvLine([...BULK_FIELDS.map((f) => row.cells[f]), problemText(row, lang)])).join("");
}

const RESULT_HEADER: Record<BulkLang, readonly string[]> = {
  zh: ["行号", BULK_COLUMNS.profileId.zh, BULK_COLUMNS.subMchid.zh, BULK_COLUMNS.outOrderNo.zh, "预检结果", "修改前总金额", "修改后总金额", "执行结果", "结果代码", "结果说明", "Request-ID", BULK_PROBLEM_COLUMN.zh],
  en: ["line", BULK_COLUMNS.profileId.en, BULK_COLUMNS.subMchid.en, BULK_COLUMNS.outOrderNo.en, "verdict", "total_before", "total_after", "status", "outcome_code", "outcome_message", "request_id", BULK_PROBLEM_COLUMN.en],
};

function yuan(fen: number | null): string {
  return fen === null ? "" : fenToYuanString(fen);
}

/** Every row's outcome, in the file's row order; amounts in 元 (digits, a spreadsheet reads numbers). */
export function bulkResultsCsv(rows: readonly BulkBatchRowView[], lang: BulkLang): string {
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  return (
    CSV_BOM +
    csvLine(RESULT_HEADER[lang]) +
    sorted
      .map((row) =>
        csvLine([
          row.line,
          row.profileId,
          row.subMchid,
          row.outOrderNo,
          BULK_VERDICT_LABELS[row.verdict][lang],
          yuan(row.totalBefore),
          yuan(row.totalAfter),
          BULK_ROW_STATUS_LABELS[row.status][lang],
          row.outcomeCode,
          row.outcomeMessage,
          row.requestId,
          row.problems.map((p) => describeBulkProblem(p, lang)).join(JOIN[lang]),
        ]),
      )
      .join("")
  );
}
