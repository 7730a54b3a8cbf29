// The columns of the review CSV export and how a row becomes cells: times in Beijing time, amounts
// in 元 (fenToYuanString: digits, no symbol, no grouping — a spreadsheet reads them as numbers),
// labels in the reader's language. Cells are neutralised by csvLine.
import { fenToYuanString } from "../money";
import { reasonLabel } from "../orders/reasons";
import { waitedMinutesText } from "../approvals/view";
import type { ReviewListRow } from "./view";

export const EXPORT_COLUMNS = [
  "id",
  "createdAt",
  "agent",
  "agentId",
  "profile",
  "mode",
  "subMchid",
  "outOrderNo",
  "operation",
  "totalBefore",
  "totalAfter",
  "delta",
  "reasonCategory",
  "reasonText",
  "internalNote",
  "status",
  "wechatCode",
  "requestId",
  "reviewState",
  "reviewedBy",
  "reviewComment",
  // Four-eyes: how the request was decided, by whom, when, and how long it waited for it.
  "approval",
  "approver",
  "decidedAt",
  "waitedMinutes",
  "decisionComment",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export interface ExportLabels {
  locale: "zh-CN" | "en";
  header: Record<ExportColumn, string>;
  modes: Record<string, string>;
  operations: Record<string, string>;
  statuses: Record<string, string>;
  reviewStates: Record<string, string>;
  /** How a request was decided (lib/approvals/view.ts ApprovalOutcome). */
  approvalOutcomes: Record<string, string>;
  /** Added to the status of a row settled "not applied" whose change was found applied later. */
  appliedLate: string;
}

/** "2026-11-25 14:03:22" in Beijing time (UTC+8, no daylight saving). */
export function formatBeijingDateTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 19).replace("T", " ");
}

function yuan(fen: number | null): string {
  return fen === null ? "" : fenToYuanString(fen);
}

export function exportCells(row: ReviewListRow, labels: ExportLabels): string[] {
  const reason = reasonLabel(row.reasonCategory, labels.locale);
  const cells: Record<ExportColumn, string> = {
    id: row.id,
    createdAt: formatBeijingDateTime(row.createdAt),
    agent: row.userName,
    agentId: row.userId,
    profile: row.profileId,
    mode: labels.modes[row.mode] ?? row.mode,
    subMchid: row.subMchid ?? "",
    outOrderNo: row.outOrderNo,
    operation: labels.operations[row.operation] ?? row.operation,
    totalBefore: yuan(row.totalBefore),
    totalAfter: yuan(row.totalAfter),
    delta: yuan(row.delta),
    reasonCategory: reason,
    reasonText: row.reasonText,
    internalNote: row.internalNote ?? "",
    status: `${labels.statuses[row.status] ?? row.status}${row.appliedLate ? ` (${labels.appliedLate})` : ""}`,
    wechatCode: row.wechatCode ?? "",
    requestId: row.requestId ?? "",
    reviewState: labels.reviewStates[row.reviewState] ?? row.reviewState,
    reviewedBy: row.reviewedBy ?? "",
    reviewComment: row.reviewComment ?? "",
    approval: row.approval ? (labels.approvalOutcomes[row.approval.outcome] ?? row.approval.outcome) : "",
    approver: row.approval?.decidedByName ?? "",
    decidedAt: row.approval?.decidedAt ? formatBeijingDateTime(row.approval.decidedAt) : "",
    waitedMinutes: waitedMinutesText(row.approval?.waitedMs ?? null),
    decisionComment: row.approval?.comment ?? "",
  };
  return EXPORT_COLUMNS.map((column) => cells[column]);
}

export function exportHeader(labels: ExportLabels): string[] {
  return EXPORT_COLUMNS.map((column) => labels.header[column]);
}
