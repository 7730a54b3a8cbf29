"use client";
// The checker's decision on one four-eyes request. While it waits: approve (after a confirmation that
// restates the totals before money moves) or reject (a comment is required; the form parses with the
// server action's own schema). Nobody decides their own request: the maker sees why instead of the
// buttons (the server refuses it too: FORBIDDEN own_request). The answer is the server's — approved
// and sent, stale (the order changed while it waited: nothing sent, and what changed), rejected, or
// already decided by someone else — and then the page is read again. A request decided before the
// page was opened shows how it ended.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { Dialog, DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { CommentField } from "@/components/forms/comment-field";
import { lazyResolver, whenSchemaUnavailable } from "@/components/forms/lazy-resolver";
import { ChangeList } from "@/components/orders/order-changes";
import { UserText } from "@/components/text/user-text";
import type { ActionResult, AppErrorInfo } from "@/lib/actions/result";
import { errorMessage } from "@/lib/actions/error-message";
import type { TRejectRequestInput } from "@/lib/approvals/actions";
import type { ApprovalView } from "@/lib/approvals/view";
import { formatFen, formatFenDelta } from "@/lib/money";
import { describeOrderChanges, type OrderChange } from "@/lib/orders/order-version";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { ruleIssueFromMessage } from "@/lib/payscore/issues";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { OrderRef } from "@/lib/query-keys";
import { useApproveRequest, useRejectRequest } from "./approval-queries";
import { ApprovalDecisionFacts } from "./approval-summary";

export interface DecisionRequest {
  trailId: string;
  order: OrderRef;
  makerName: string;
  /** The viewer made it: another supervisor decides. */
  isOwn: boolean;
  /** Past its time when the page was read (the reconciler closes it within a round). */
  isExpired: boolean;
  approval: ApprovalView;
  totalBefore: number | null;
  totalAfter: number | null;
  delta: number | null;
  /** The order as queried when the request was made: a stale answer is compared with it. */
  requestOrder: TServiceOrder | null;
}

type Answer =
  | { kind: "approved"; success: OperationSuccess }
  | { kind: "rejected" }
  | { kind: "stale"; changes: OrderChange[] }
  | { kind: "refused"; message: string };

const rejectSchema = lazyResolver<TRejectRequestInput, TRejectRequestInput>(() =>
  import("./reject-request-resolver").then((module) => module.rejectRequestResolver),
);

/** What a refusal says, in the checker's words. */
function useRefusalText() {
  const t = useTranslations("approvals");
  const tOrders = useTranslations("orders");
  const tForm = useTranslations("orderForm");
  return (error: AppErrorInfo): string => {
    if (error.code === "ALREADY_DECIDED") {
      const status = error.reason ?? "";
      const label = status === "expired" ? t("outcomes.expired") : tOrders.has(`trailStatus.${status}`) ? tOrders(`trailStatus.${status}`) : status;
      return t("decision.alreadyDecided", { status: label });
    }
    if (error.code === "FORBIDDEN" && error.reason === "own_request") return t("errors.own_request");
    const message = errorMessage(error);
    return message.wechatCode ? `${tForm(message.key)} (${message.wechatCode})` : tForm(message.key);
  };
}

function useCommentErrorText() {
  const t = useTranslations("approvals.errors");
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    const issue = ruleIssueFromMessage(["comment"], message);
    const code = issue?.code ?? message;
    return t.has(code) ? t(code, issue?.params) : t("required");
  };
}

function RejectForm({ request, onAnswer, onCancel }: { request: DecisionRequest; onAnswer(answer: Answer): void; onCancel(): void }) {
  const t = useTranslations("approvals");
  const refusalText = useRefusalText();
  const commentErrorText = useCommentErrorText();
  const id = useId();
  const reject = useRejectRequest(request.order);
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TRejectRequestInput, unknown, TRejectRequestInput>({ resolver: rejectSchema, defaultValues: { trailId: request.trailId, comment: "" } });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    let result: ActionResult<{ trailId: string }>;
    try {
      result = await reject.mutateAsync(values);
    } catch {
      setFailure(t("errors.UNREACHABLE"));
      return;
    }
    if (result.ok) return onAnswer({ kind: "rejected" });
    const issue = result.error.issues?.find((entry) => entry.path[0] === "comment");
    if (issue) return setError("comment", { message: issue.code });
    onAnswer({ kind: "refused", message: refusalText(result.error) });
  });
  const onSubmit = whenSchemaUnavailable(submit, () => setFailure(t("errors.UNREACHABLE")));
  const commentError = commentErrorText(errors.comment?.message);

  return (
    <form onSubmit={onSubmit} onFocus={rejectSchema.preload} noValidate className="space-y-2" aria-label={t("decision.reject")}>
      <fieldset disabled={isSubmitting} className="space-y-2">
        <CommentField id={id} label={t("decision.comment")} hint={t("decision.commentHint")} error={commentError} registration={register("comment")} />
        {failure ? (
          <p role="alert" className="text-sm text-red-700">
            {failure}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger" size="sm">
            {isSubmitting ? <Spinner /> : null}
            {isSubmitting ? t("decision.rejecting") : t("decision.submitReject")}
          </Button>
          <Button variant="ghost" size="sm" onClick={onCancel}>
            {t("decision.cancel")}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}

function ConfirmApproval({ request, open, sending, onCancel, onConfirm }: { request: DecisionRequest; open: boolean; sending: boolean; onCancel(): void; onConfirm(): void }) {
  const t = useTranslations("approvals");
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const money = (fen: number | null) => (fen === null ? "—" : formatFen(fen));
  return (
    <Dialog open={open} onClose={onCancel} labelledBy={titleId} dismissible={!sending} initialFocus={headingRef} size="sm">
      <DialogHeader>
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
          {t("decision.confirmTitle")}
        </h2>
        <p className="mt-1 font-mono text-sm text-slate-600">{request.order.outOrderNo}</p>
      </DialogHeader>
      <DialogBody>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">{t("detail.total")}</dt>
          <dd className="font-medium tabular-nums" data-testid="approval-confirm-total">
            {money(request.totalBefore)} → {money(request.totalAfter)}
            {request.delta !== null ? <span className="ml-1 text-slate-600">({formatFenDelta(request.delta)})</span> : null}
          </dd>
          <dt className="text-slate-500">{t("detail.maker")}</dt>
          <dd>
            <UserText text={request.makerName} />
          </dd>
        </dl>
        <p className="text-sm text-slate-600">{t("decision.confirmBody")}</p>
      </DialogBody>
      <DialogFooter>
        <Button onClick={onCancel} disabled={sending}>
          {t("decision.cancel")}
        </Button>
        <Button variant="primary" onClick={onConfirm} disabled={sending} aria-busy={sending || undefined}>
          {sending ? <Spinner /> : null}
          {sending ? t("decision.sending") : t("decision.confirm")}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

function AnswerPanel({ answer }: { answer: Answer }) {
  const t = useTranslations("approvals.decision");
  switch (answer.kind) {
    case "approved": {
      const { totalBefore, totalAfter, delta, requestId } = answer.success;
      return (
        <Alert tone="success" role="status" data-testid="approval-answer" data-answer="approved">
          <AlertTitle>{t("approvedTitle")}</AlertTitle>
          <p className="mt-1 tabular-nums">
            {t("approvedBody", {
              before: totalBefore === null ? "—" : formatFen(totalBefore),
              after: totalAfter === null ? "—" : formatFen(totalAfter),
              delta: delta === null ? "—" : formatFenDelta(delta),
            })}
          </p>
          {requestId ? (
            <p className="mt-1 font-mono text-xs break-all">
              {t("requestId")} {requestId}
            </p>
          ) : null}
        </Alert>
      );
    }
    case "stale":
      return (
        <Alert tone="warning" role="status" data-testid="approval-answer" data-answer="stale">
          <AlertTitle>{t("staleTitle")}</AlertTitle>
          <p className="mt-1">{t("staleBody")}</p>
          <ChangeList changes={answer.changes} />
        </Alert>
      );
    case "rejected":
      return (
        <Alert tone="info" role="status" data-testid="approval-answer" data-answer="rejected">
          <AlertTitle>{t("rejectedTitle")}</AlertTitle>
          <p className="mt-1">{t("rejectedBody")}</p>
        </Alert>
      );
    case "refused":
      return (
        <Alert tone="warning" role="alert" data-testid="approval-answer" data-answer="refused">
          {answer.message}
        </Alert>
      );
  }
}

/** How a request decided before the page was read ended, with who decided and when. */
function DecidedSummary({ approval }: { approval: ApprovalView }) {
  const t = useTranslations("approvals.decision");
  const note: Partial<Record<ApprovalView["outcome"], string>> = {
    approved: t("approvedOutcome"),
    stale: t("staleOutcome"),
    withdrawn: t("withdrawn"),
    expired: t("expiredOutcome"),
  };
  return (
    <div className="space-y-2 text-sm" data-testid="approval-decided">
      {note[approval.outcome] ? <p className="text-slate-700">{note[approval.outcome]}</p> : null}
      <ApprovalDecisionFacts approval={approval} />
    </div>
  );
}

export function ApprovalDecision({ request }: { request: DecisionRequest }) {
  const t = useTranslations("approvals");
  const router = useRouter();
  const refusalText = useRefusalText();
  const approve = useApproveRequest(request.order);
  const [confirming, setConfirming] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  // The server's answer to this page's own decision; it stays while the page is read again.
  const [answer, setAnswer] = useState<Answer | null>(null);

  const settle = (next: Answer) => {
    setConfirming(false);
    setRejecting(false);
    setAnswer(next);
    router.refresh();
  };

  const confirmApproval = () =>
    approve.mutate(
      { trailId: request.trailId },
      {
        onSuccess: (result) => {
          if (result.ok) return settle({ kind: "approved", success: result.data });
          if (result.error.code === "ORDER_CHANGED" && result.error.reason === "stale") {
            const now = result.error.currentOrder as TServiceOrder | undefined;
            return settle({ kind: "stale", changes: request.requestOrder && now ? describeOrderChanges(request.requestOrder, now) : [] });
          }
          settle({ kind: "refused", message: refusalText(result.error) });
        },
        onError: () => settle({ kind: "refused", message: t("errors.UNREACHABLE") }),
      },
    );

  const waiting = request.approval.outcome === "waiting";
  return (
    <section aria-labelledby="approval-decision-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="approval-decision">
      <h2 id="approval-decision-title" className="text-base font-semibold text-slate-900">
        {t("decision.title")}
      </h2>
      {answer ? (
        <AnswerPanel answer={answer} />
      ) : !waiting ? (
        <DecidedSummary approval={request.approval} />
      ) : request.isOwn ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="approval-own">
          {t("decision.own")}
        </p>
      ) : request.isExpired ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">{t("decision.expired")}</p>
      ) : rejecting ? (
        <RejectForm request={request} onAnswer={settle} onCancel={() => setRejecting(false)} />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" onClick={() => setConfirming(true)} disabled={approve.isPending}>
            {t("decision.approve")}
          </Button>
          <Button variant="secondary" onClick={() => setRejecting(true)} disabled={approve.isPending}>
            {t("decision.reject")}
          </Button>
        </div>
      )}
      <ConfirmApproval request={request} open={confirming} sending={approve.isPending} onCancel={() => setConfirming(false)} onConfirm={confirmApproval} />
    </section>
  );
}
