// Cancel (取消订单) and sync (同步订单) as write kinds. Cancel: the mode's identity and the reason;
// allowed while the user has not paid (Decision 19). Sync: the mode's identity, type Order_Paid and
// when the user paid outside WeChat, not in the future (Decision 20). runWrite does the rest: the
// claim, the re-read, the arm, the signed call, verification, reconciliation, drift detection.
import "server-only";
import { cancelStateProblem, syncStateProblem } from "@/lib/payscore/rules";
import { paidTimeToMs } from "@/lib/payscore/sync";
import type { CancelSubmission, SyncSubmission } from "@/lib/orders/lifecycle-forms";
import type { AppErrorInfo } from "@/lib/actions/result";
import type { Db } from "@/server/db";
import { runWrite, type Actor, type OperationResult, type WriteKind } from "./operation";

function stateRefusal(problem: { reason: string } | null): AppErrorInfo | null {
  return problem ? { code: "STATE_NOT_ALLOWED", reason: problem.reason } : null;
}

export const CANCEL: WriteKind<CancelSubmission, undefined> = {
  operation: "cancel",
  body: (target, adapter, s) => ({ ...adapter.identity(target), reason: s.reason }),
  context: async () => undefined,
  check: ({ target, order }) => stateRefusal(cancelStateProblem(target.profile.mode, order)),
};

export const SYNC: WriteKind<SyncSubmission, undefined> = {
  operation: "sync",
  body: (target, adapter, s) => ({ ...adapter.identity(target), type: "Order_Paid", detail: { paid_time: s.paidTime } }),
  context: async () => undefined,
  check: ({ target, submission, order, now }) => {
    const state = stateRefusal(syncStateProblem(target.profile.mode, order));
    if (state) return state;
    const paidMs = paidTimeToMs(submission.paidTime);
    if (paidMs === null) return { code: "INVALID_INPUT", issues: [{ path: ["paidAt"], code: "invalid_time" }] };
    if (paidMs > now.getTime()) return { code: "RULE_VIOLATION", issues: [{ path: ["paidAt"], code: "time_in_future" }] };
    return null;
  },
};

export function cancelOrder(db: Db, actor: Actor, submission: CancelSubmission): Promise<OperationResult> {
  return runWrite(db, actor, CANCEL, submission);
}

export function syncOrder(db: Db, actor: Actor, submission: SyncSubmission, now: () => Date = () => new Date()): Promise<OperationResult> {
  return runWrite(db, actor, SYNC, submission, now);
}
