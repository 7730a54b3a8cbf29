"use client";
// The batch page's buttons and their confirmations: the maker's submit (提交执行, or 提交审批 when
// the four-eyes policy applies), a supervisor's approve / reject with a comment (never on their own
// batch: the server refuses it too), and a supervisor's pause / resume / cancel (cancel asks first).
// Each calls its server action; whatever the answer, the batch is read again and a refusal is said.
import { useLocale, useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { useId, useRef, useState, type ReactNode } from "react";
import { ApprovalReasonList } from "@/components/approvals/approval-text";
import { Alert } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { Dialog, DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { UserText } from "@/components/text/user-text";
import type { ActionResult } from "@/lib/actions/result";
import type { BulkBatchView } from "@/lib/bulk/types";
import { formatFen } from "@/lib/money";
import { useActionErrorText } from "./use-action-error";

type BatchInput = { batchId: string };

/** The server actions the batch page calls (server/actions/bulk.ts), handed down by the page. */
export interface BulkBatchActions {
  submit(input: BatchInput): Promise<ActionResult<unknown>>;
  approve(input: BatchInput & { comment?: string }): Promise<ActionResult<unknown>>;
  reject(input: BatchInput & { comment: string }): Promise<ActionResult<unknown>>;
  pause(input: BatchInput): Promise<ActionResult<unknown>>;
  resume(input: BatchInput): Promise<ActionResult<unknown>>;
  cancel(input: BatchInput): Promise<ActionResult<unknown>>;
}

/** Runs one action and reports: the refusal's text, or null. `settle` reads the batch again. */
export function useRunAction(settle: () => void) {
  const t = useTranslations("bulk.errors");
  const errorText = useActionErrorText();
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (name: string, call: () => Promise<ActionResult<unknown>>): Promise<boolean> => {
    setPending(name);
    setFailure(null);
    let ok = false;
    try {
      const result = await call();
      ok = result.ok;
      if (!result.ok) setFailure(errorText(result.error));
    } catch {
      setFailure(t("UNREACHABLE"));
    }
    setPending(null);
    settle();
    return ok;
  };
  return { run, pending, failure };
}

function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  sending,
  danger = false,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  sending: boolean;
  danger?: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
  const t = useTranslations("bulk.submit");
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <Dialog open={open} onClose={onCancel} labelledBy={titleId} dismissible={!sending} initialFocus={headingRef} size="sm">
      <DialogHeader>
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
          {title}
        </h2>
      </DialogHeader>
      <DialogBody>{children}</DialogBody>
      <DialogFooter>
        <Button onClick={onCancel} disabled={sending}>
          {cancelLabel}
        </Button>
        <Button variant={danger ? "danger" : "primary"} onClick={onConfirm} disabled={sending} aria-busy={sending || undefined}>
          {sending ? <Spinner /> : null}
          {sending ? t("sending") : confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

function Failure({ text }: { text: string | null }) {
  return text ? (
    <Alert tone="warning" role="alert" data-testid="bulk-action-failure">
      {text}
    </Alert>
  ) : null;
}

/** The maker's submit, with a confirmation restating what will be sent. */
export function SubmitPanel({ batch, isMaker, actions, settle }: { batch: BulkBatchView; isMaker: boolean; actions: BulkBatchActions; settle(): void }) {
  const t = useTranslations("bulk.submit");
  const locale = useLocale();
  const { run, pending, failure } = useRunAction(settle);
  const [open, setOpen] = useState(false);
  const needsApproval = batch.approval.required;
  const values = { sendable: batch.totals.sendable, reduction: formatFen(batch.totals.reductionFen) };
  if (!isMaker) return <p className="text-sm text-slate-600">{t("makerOnly")}</p>;
  if (batch.totals.sendable === 0) return <p className="text-sm text-slate-600" data-testid="bulk-nothing-to-send">{t("nothing")}</p>;
  return (
    <div className="space-y-3" data-testid="bulk-submit">
      {needsApproval && batch.approval.reasons.length > 0 ? <ApprovalReasonList reasons={batch.approval.reasons} locale={locale} className="list-disc space-y-0.5 pl-5 text-sm" /> : null}
      <Button variant="primary" onClick={() => setOpen(true)} disabled={pending !== null}>
        {needsApproval ? t("buttonApproval") : t("button")}
      </Button>
      <Failure text={failure} />
      <ConfirmDialog
        open={open}
        title={needsApproval ? t("confirmTitleApproval") : t("confirmTitle")}
        confirmLabel={needsApproval ? t("confirmApproval") : t("confirm")}
        cancelLabel={t("cancel")}
        sending={pending !== null}
        onCancel={() => setOpen(false)}
        onConfirm={() => void run("submit", () => actions.submit({ batchId: batch.id })).then(() => setOpen(false))}
      >
        <p className="text-sm text-slate-700" data-testid="bulk-submit-confirm-body">
          {needsApproval ? t("confirmBodyApproval", values) : t("confirmBody", values)}
        </p>
      </ConfirmDialog>
    </div>
  );
}

/** Who decided and when, with the comment. */
function DecisionFacts({ batch }: { batch: BulkBatchView }) {
  const t = useTranslations("bulk.approval");
  const dateTime = useDateTime();
  const { decidedBy, decidedAt, comment } = batch.approval;
  if (!decidedBy) return null;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm" data-testid="bulk-decision-facts">
      <dt className="text-slate-500">{t("decidedBy")}</dt>
      <dd>
        <UserText text={decidedBy} />
      </dd>
      {decidedAt ? (
        <>
          <dt className="text-slate-500">{t("decidedAt")}</dt>
          <dd>{dateTime(decidedAt, "mediumShort")}</dd>
        </>
      ) : null}
      {comment ? (
        <>
          <dt className="text-slate-500">{t("decisionComment")}</dt>
          <dd className="break-words whitespace-pre-wrap">
            <UserText text={comment} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** Awaiting approval: the reasons; approve / reject for a supervisor who is not the maker. */
export function ApprovalPanel({ batch, isMaker, canApprove, actions, settle }: { batch: BulkBatchView; isMaker: boolean; canApprove: boolean; actions: BulkBatchActions; settle(): void }) {
  const t = useTranslations("bulk.approval");
  const locale = useLocale();
  const commentId = useId();
  const { run, pending, failure } = useRunAction(settle);
  const [confirming, setConfirming] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const values = { sendable: batch.totals.sendable, reduction: formatFen(batch.totals.reductionFen) };

  const reject = () => {
    if (comment.trim() === "") return setCommentError(t("commentRequired"));
    setCommentError(null);
    void run("reject", () => actions.reject({ batchId: batch.id, comment: comment.trim() }));
  };

  return (
    <section aria-labelledby={`${commentId}-title`} className="space-y-3 rounded-xl border border-amber-300 bg-amber-50/40 p-4 sm:p-5" data-testid="bulk-approval">
      <h2 id={`${commentId}-title`} className="text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <div className="space-y-1 text-sm">
        <p className="font-medium">{t("reasons")}</p>
        {batch.totals.needsApproval > 0 ? <p>{t("batchReasons", { count: batch.totals.needsApproval })}</p> : null}
        {batch.approval.reasons.length > 0 ? <ApprovalReasonList reasons={batch.approval.reasons} locale={locale} className="list-disc space-y-0.5 pl-5" /> : null}
      </div>
      {isMaker ? (
        <p className="rounded-md bg-white px-3 py-2 text-sm text-slate-700" data-testid="bulk-approval-own">
          {t("own")}
        </p>
      ) : !canApprove ? (
        <p className="rounded-md bg-white px-3 py-2 text-sm text-slate-700" data-testid="bulk-approval-waiting">
          {t("waiting")}
        </p>
      ) : rejecting ? (
        <fieldset disabled={pending !== null} className="space-y-2">
          <Field invalid={commentError !== null}>
            <FieldLabel htmlFor={commentId} required>
              {t("comment")}
            </FieldLabel>
            <FieldDescription id={`${commentId}-hint`}>{t("commentHint")}</FieldDescription>
            <Textarea
              id={commentId}
              value={comment}
              maxLength={500}
              onChange={(event) => setComment(event.target.value)}
              aria-invalid={commentError !== null || undefined}
              aria-describedby={`${commentId}-hint${commentError ? ` ${commentId}-error` : ""}`}
            />
            <FieldError id={`${commentId}-error`}>{commentError}</FieldError>
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button variant="danger" size="sm" onClick={reject}>
              {pending === "reject" ? <Spinner /> : null}
              {pending === "reject" ? t("sending") : t("submitReject")}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setRejecting(false)}>
              {t("cancel")}
            </Button>
          </div>
        </fieldset>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" onClick={() => setConfirming(true)} disabled={pending !== null}>
            {t("approve")}
          </Button>
          <Button variant="secondary" onClick={() => setRejecting(true)} disabled={pending !== null}>
            {t("reject")}
          </Button>
        </div>
      )}
      <Failure text={failure} />
      <ConfirmDialog
        open={confirming}
        title={t("confirmTitle")}
        confirmLabel={t("confirm")}
        cancelLabel={t("cancel")}
        sending={pending !== null}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run("approve", () => actions.approve({ batchId: batch.id })).then(() => setConfirming(false))}
      >
        <p className="text-sm text-slate-700">{t("confirmBody", values)}</p>
      </ConfirmDialog>
    </section>
  );
}

/** A rejected batch: who rejected it and why. */
export function RejectedPanel({ batch }: { batch: BulkBatchView }) {
  const t = useTranslations("bulk.approval");
  return (
    <Alert tone="danger" role="status" data-testid="bulk-rejected">
      <p className="font-medium">{t("rejected")}</p>
      <div className="mt-2">
        <DecisionFacts batch={batch} />
      </div>
    </Alert>
  );
}

export { DecisionFacts };

/** Pause / resume / cancel for supervisors, and who last did which. */
export function RunControls({ batch, canControl, actions, settle }: { batch: BulkBatchView; canControl: boolean; actions: BulkBatchActions; settle(): void }) {
  const t = useTranslations("bulk.control");
  const dateTime = useDateTime();
  const { run, pending, failure } = useRunAction(settle);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const control = batch.control;
  const isLive = batch.status === "queued" || batch.status === "running" || batch.status === "paused";
  return (
    <div className="space-y-2" data-testid="bulk-controls">
      {canControl && isLive ? (
        <div className="flex flex-wrap gap-2">
          {batch.status === "paused" ? (
            <Button onClick={() => void run("resume", () => actions.resume({ batchId: batch.id }))} disabled={pending !== null}>
              {pending === "resume" ? <Spinner /> : null}
              {t("resume")}
            </Button>
          ) : (
            <Button onClick={() => void run("pause", () => actions.pause({ batchId: batch.id }))} disabled={pending !== null}>
              {pending === "pause" ? <Spinner /> : null}
              {t("pause")}
            </Button>
          )}
          <Button variant="danger" onClick={() => setConfirmCancel(true)} disabled={pending !== null}>
            {t("cancel")}
          </Button>
        </div>
      ) : null}
      {control ? (
        <p className="text-xs text-slate-600" data-testid="bulk-control-last">
          {t("by", { action: t(`actions.${control.action}`), name: control.by, at: dateTime(control.at, "shortMedium") })}
        </p>
      ) : null}
      <Failure text={failure} />
      <ConfirmDialog
        open={confirmCancel}
        title={t("cancelTitle")}
        confirmLabel={t("cancelConfirm")}
        cancelLabel={t("keep")}
        sending={pending !== null}
        danger
        onCancel={() => setConfirmCancel(false)}
        onConfirm={() => void run("cancel", () => actions.cancel({ batchId: batch.id })).then(() => setConfirmCancel(false))}
      >
        <p className="text-sm text-slate-700">{t("cancelBody", { remaining: batch.progress.remaining })}</p>
      </ConfirmDialog>
    </div>
  );
}
