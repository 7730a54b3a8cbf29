// The answer of a modify or complete that went through: what the browser shows after confirming.
import type { TServiceOrder } from "../payscore/order";
import type { TrailRowView } from "./snapshot";
import type { ApprovalReason } from "../approvals/policy";

export interface OperationSuccess {
  trailId: string;
  /**
   * succeeded: WeChat applied it. awaiting_approval: the four-eyes policy asks for a second person —
   * nothing was sent, the order is held until a supervisor decides (approvalReasons say why).
   */
  status: "succeeded" | "awaiting_approval";
  /** The order as WeChat answered (or as queried after a 204); null when that query failed. */
  order: TServiceOrder | null;
  totalBefore: number | null;
  totalAfter: number | null;
  delta: number | null;
  requestId: string | null;
  /** True when this answer is the stored result of an earlier identical submission. */
  replayed: boolean;
  /** The trail row as the order page shows it: the browser puts it into its cache without a refetch. */
  trailRow: TrailRowView;
  approvalReasons?: ApprovalReason[];
  /** awaiting_approval: until when a supervisor may approve it. */
  expiresAt?: string;
}
