// What the review pages hand to their client parts: plain, serialisable data (ISO strings for
// times, 分 integers for money). No request bodies in the list; the detail carries them.
import type { ApprovalCounts, ApprovalView } from "../approvals/view";
import type { ChangeDiff } from "./line-diff";
import type { ReviewAction, ReviewState, TrailOperationValue, TrailStatusValue } from "./states";

export interface ReviewListRow {
  id: string;
  createdAt: string;
  userId: string;
  userName: string;
  profileId: string;
  mode: "merchant" | "partner" | "institution";
  subMchid: string | null;
  outOrderNo: string;
  operation: TrailOperationValue;
  totalBefore: number | null;
  totalAfter: number | null;
  delta: number | null;
  reasonCategory: string;
  reasonText: string;
  status: TrailStatusValue;
  wechatCode: string | null;
  requestId: string | null;
  internalNote: string | null;
  reviewState: ReviewState;
  reviewComment: string | null;
  reviewedBy: string | null;
  /** A row settled "not applied" whose change a later query of the order showed. */
  appliedLate: boolean;
  /** Four-eyes: why it needed a second person, who decided and when; null for other changes. */
  approval: ApprovalView | null;
  /** The bulk batch the change was sent for (/bulk/<id>); null or absent for a single change. */
  bulkBatchId?: string | null;
}

export interface ReviewPage {
  rows: ReviewListRow[];
  /** Cursor of the page after this one (older rows for "newest"), or null at the end. */
  nextCursor: string | null;
  /** Cursor of the page before this one, or null on the first page. */
  prevCursor: string | null;
}

export interface ReviewEventView {
  id: string;
  action: ReviewAction;
  comment: string | null;
  userName: string;
  userRole: string;
  createdAt: string;
}

export interface ReviewDetail {
  row: ReviewListRow;
  userRole: string;
  resolvedAt: string | null;
  requestBody: unknown;
  orderBefore: unknown;
  orderAfter: unknown;
  errorKind: string | null;
  wechatMessage: string | null;
  httpStatus: number | null;
  latencyMs: number | null;
  reconciledAt: string | null;
  reconcileNote: string | null;
  diff: ChangeDiff | null;
  events: ReviewEventView[];
}

export interface ReviewCounts {
  unreviewed: number;
  flagged: number;
}

/** What the navigation's badges show: the review counts and the approval counts. */
export interface NavCounts extends ReviewCounts {
  approvals: ApprovalCounts;
}

export interface AgentOption {
  id: string;
  name: string;
}

// Trends -----------------------------------------------------------------------------------------

export interface TrendDay {
  /** YYYY-MM-DD in Beijing time. */
  day: string;
  total: number;
  /** Changes per reason category. */
  byReason: Record<string, number>;
  /** Sum of differences of succeeded changes (分). */
  netDeltaFen: number;
  /** Sum of the reductions alone (分, ≤ 0). */
  reducedFen: number;
  flagged: number;
}

export interface TrendAgent {
  userId: string;
  userName: string;
  changes: number;
  flagged: number;
  netDeltaFen: number;
}

export interface ReviewTrends {
  days: TrendDay[];
  agents: TrendAgent[];
  total: number;
  flagged: number;
}
