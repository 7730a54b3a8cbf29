// Bulk adjustments (issue #14): the shapes every part shares — the file's rows once parsed
// (lib/bulk/file.ts), a row's verdict after the dry run (server/bulk/dry-run.ts), a batch and its
// rows as the pages show them (server/bulk/batches.ts), the batch's progress. Pure types and limits.
import type { RuleIssue } from "../payscore/issues";
import type { ApprovalReason } from "../approvals/policy";
import type { ReasonCategory } from "../orders/reasons";

/** Refused whole above these (the issue's limits). */
export const BULK_MAX_ROWS = 10_000;
export const BULK_MAX_BYTES = 5 * 1024 * 1024;

/** What the file was decoded as (said back to the user in the preview). */
export type BulkEncoding = "utf-8" | "utf-8-bom" | "gb18030";
/** Every BulkEncoding (added with the parser, for the messages test). */
export const BULK_ENCODINGS: readonly BulkEncoding[] = ["utf-8", "utf-8-bom", "gb18030"];

/** One line of the file once parsed: money in 分, text trimmed. `line` is the file's line number (header = 1). */
export interface BulkRowInput {
  line: number;
  profileId: string;
  /** Partner and institution profiles; null for merchant mode. */
  subMchid: string | null;
  outOrderNo: string;
  /** Either a new total … */
  newTotal: number | null;
  /** … or new amounts per line name of the industry template (name → 分). Exactly one of the two. */
  lineAmounts: Readonly<Record<string, number>> | null;
  reasonCategory: ReasonCategory;
  reasonText: string;
  internalNote: string | null;
}

/**
 * The file's columns by field (lib/bulk/row-schema.ts BULK_COLUMNS gives their Chinese and English
 * headers). Added for the raw cells below.
 */
export const BULK_FIELDS = [
  "profileId",
  "subMchid",
  "outOrderNo",
  "newTotal",
  "lineAmounts",
  "reasonCategory",
  "reasonText",
  "internalNote",
] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

/** A data row's cells as uploaded (decoded, not trimmed; "" for a column the file does not have). */
export type BulkRowCells = Readonly<Record<BulkField, string>>;

/** Every data row of the file, valid or not, in file order: what the errors CSV gives back to fix. */
export interface BulkRawRow {
  line: number;
  cells: BulkRowCells;
}

/** Why the whole file is refused (nothing is checked further). */
export type BulkFileErrorCode =
  | "empty"
  | "too_large"
  | "too_many_rows"
  | "undecodable"
  | "unknown_column"
  | "missing_column"
  /** The same column twice (e.g. 新总金额 and new_total). Added with the parser. */
  | "duplicate_column"
  | "not_csv";

export interface BulkFileError {
  code: BulkFileErrorCode;
  /** e.g. the unknown or missing column's name, the limit, the rows found. */
  params?: Record<string, string | number>;
}

/** A problem of one row found before WeChat is asked (field-level, like a single form's). */
export interface BulkRowProblem {
  line: number;
  /** Column name as in the file's header (or "" for the row as a whole, e.g. a duplicate order). */
  column: string;
  issue: RuleIssue;
}

export type BulkParseResult =
  | {
      ok: true;
      encoding: BulkEncoding;
      /** The rows without problems. */
      rows: BulkRowInput[];
      /** Every problem of every row, by line then column order. */
      problems: BulkRowProblem[];
      /** Every data row (blank rows skipped), with or without problems: the preview lists them all. */
      raw: BulkRawRow[];
    }
  | { ok: false; encoding: BulkEncoding | null; error: BulkFileError };

/**
 * A row's verdict after the dry run. "ok" and "needs_approval" rows are sent when the batch runs;
 * every other verdict is a reason the row will not be sent.
 */
export const BULK_VERDICTS = [
  "ok",
  "needs_approval",
  "invalid", // the row itself is wrong (see problems)
  "duplicate", // the same order appears earlier in the file
  "not_found", // WeChat does not have the order
  "wrong_state", // not DOING + MCH_COMPLETE awaiting payment (paid, cancelled, deducting…)
  "not_lower", // the new total is not lower than the current one
  "above_risk_fund",
  "partner_modified", // partner mode's one modify is used up
  "sum_mismatch", // Σ lines ≠ total, or a line not in the order / template
  "query_failed", // WeChat could not be asked (after retries): the row is not sent
] as const;
export type BulkVerdict = (typeof BULK_VERDICTS)[number];

export interface BulkPreviewRow {
  line: number;
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
  verdict: BulkVerdict;
  problems: BulkRowProblem[];
  /** 分; null when the order could not be read. */
  totalBefore: number | null;
  totalAfter: number | null;
  approvalReasons: ApprovalReason[];
}

export interface BulkPreviewTotals {
  rows: number;
  sendable: number;
  refused: number;
  needsApproval: number;
  /** Σ (before − after) over the sendable rows, 分. */
  reductionFen: number;
}

export const BULK_BATCH_STATUSES = [
  "checking", // uploaded; the dry run (a job) is querying WeChat row by row
  "previewed", // dry run done; the maker has not submitted it
  "awaiting_approval",
  "rejected",
  "queued", // submitted (approved, or no approval needed): waiting for a worker
  "running",
  "paused",
  "cancelled",
  "completed",
] as const;
export type BulkBatchStatus = (typeof BULK_BATCH_STATUSES)[number];

export const BULK_ROW_STATUSES = ["pending", "succeeded", "failed", "skipped", "unknown"] as const;
export type BulkRowStatus = (typeof BULK_ROW_STATUSES)[number];

export interface BulkProgress {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  /** Sent, outcome not yet confirmed (reconciled like any trail row). */
  unknown: number;
  remaining: number;
  /** Rows settled per second over the last minute; null before the first. */
  ratePerSecond: number | null;
  /** Seconds to go at that rate; null when unknown. */
  etaSeconds: number | null;
}

/**
 * What the file parser needs to know of a row's identity: null = no such profile / sub-merchant.
 * lookup(profileId, null) → the profile (its mode; its industry in merchant mode), null when unknown;
 * lookup(profileId, subMchid) → that sub-merchant of a partner / institution profile (its industry),
 * null when the profile has none such. bulkLookupFromProfiles (lib/bulk/file.ts) builds one from
 * the PublicProfile list (lib/profiles.ts) the server and the browser both have.
 */
export type BulkTargetLookup = (profileId: string, subMchid: string | null) => { mode: "merchant" | "partner" | "institution"; industry: string } | null;

/**
 * The one parser (lib/bulk/file.ts), used by the upload route on the server (authoritative) and,
 * for instant feedback, by the upload page in the browser:
 *   parseBulkFile(bytes: Uint8Array, lookup: BulkTargetLookup): BulkParseResult
 */
export type ParseBulkFile = (bytes: Uint8Array, lookup: BulkTargetLookup) => BulkParseResult;

export interface BulkBatchView {
  id: string;
  status: BulkBatchStatus;
  fileName: string;
  encoding: BulkEncoding;
  createdBy: { id: string; name: string };
  createdAt: string;
  /** The dry run's progress (status "checking"). */
  checked: number;
  totals: BulkPreviewTotals;
  progress: BulkProgress;
  /** Four-eyes: why the batch needs a supervisor, and the decision once made. */
  approval: {
    required: boolean;
    reasons: ApprovalReason[];
    decidedBy: string | null;
    decidedAt: string | null;
    comment: string | null;
  };
  /** Who paused / cancelled it and when, for the batch page. */
  control: { by: string; at: string; action: "paused" | "resumed" | "cancelled" } | null;
}

export interface BulkBatchRowView extends BulkPreviewRow {
  status: BulkRowStatus;
  /** Why a row was skipped at execution (went stale since the dry run, etc.) or failed (app / WeChat code). */
  outcomeCode: string | null;
  outcomeMessage: string | null;
  requestId: string | null;
  trailId: string | null;
  /** False while the dry run has not reached the row yet (its verdict is then a placeholder). Added by bulk-server (optional: older fixtures). */
  checked?: boolean;
}
