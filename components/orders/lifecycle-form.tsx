"use client";
// 取消订单 and 同步订单 (the user paid outside WeChat): the reason (and, for a sync, when the user
// paid), a confirmation that says what will happen to the order and the money, then the server
// action through the page's data layer — the same answer panels, idempotency and "the order changed"
// handling as modify and complete (./use-order-operation.ts), and the four-eyes hint before sending.
import { useId, useState } from "react";
import { FormProvider, useController, useForm, useWatch } from "react-hook-form";
import { useTranslations } from "next-intl";
import { Button, Spinner } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogBody, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { lazyResolver } from "@/components/forms/lazy-resolver";
import type { ActionResult } from "@/lib/actions/result";
import { approvalReasons, type ApprovalPolicy } from "@/lib/approvals/policy";
import { formatFen } from "@/lib/money";
import type { CancelSubmission, SyncSubmission, TCancelFormInput, TSyncFormInput } from "@/lib/orders/lifecycle-forms";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { currentOrderTotal } from "@/lib/payscore/rules";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { PublicProfile } from "@/lib/profiles";
import { cancelOrderAction, syncOrderAction } from "@/server/actions/orders";
import { ApprovalHint } from "./approval-notes";
import { Facts } from "./fact-list";
import { useFieldErrorText } from "./form-fields";
import { DriftNotice } from "./order-changes";
import { ReasonFields } from "./order-meta-fields";
import { useOrderWrite } from "./order-queries";
import { OutcomePanel } from "./outcome-panel";
import { useOperationNotices } from "./operation-notices";
import { useOrderOperation } from "./use-order-operation";

type Kind = "cancel" | "sync";
type Input = TCancelFormInput & Partial<Pick<TSyncFormInput, "paidAt">>;
type Output = CancelSubmission | SyncSubmission;

// The schemas (and zod with them) load on the first validation, not with the page.
const cancelSchema = lazyResolver<Input, Output>(() => import("./lifecycle-form-resolver").then((module) => module.cancelFormResolver));
const syncSchema = lazyResolver<Input, Output>(() => import("./lifecycle-form-resolver").then((module) => module.syncFormResolver));

export interface LifecycleFormProps {
  kind: Kind;
  profile: PublicProfile;
  subMchid: string | null;
  order: TServiceOrder;
  approvalPolicy?: ApprovalPolicy | null;
  onSettled(result: ActionResult<OperationSuccess>): void;
}

/** "2026-12-07T14:30" in Beijing time, now (the sync form's default: the agent corrects it). */
function beijingNowInput(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);
}

function valuesFor(kind: Kind, profile: PublicProfile, subMchid: string | null, order: TServiceOrder): Input {
  return {
    profileId: profile.id,
    subMchid: subMchid ?? "",
    outOrderNo: order.out_order_no,
    idempotencyKey: "00000000-0000-4000-8000-000000000000",
    basedOn: order,
    reasonCategory: "" as Input["reasonCategory"],
    reasonText: "",
    internalNote: "",
    ...(kind === "sync" ? { paidAt: beijingNowInput() } : {}),
  };
}

/**
 * When the user paid: a day (required) and a time (optional — empty means only the day is known,
 * sent as yyyyMMdd). Both write the form's one `paidAt` value: "2026-12-07" or "2026-12-07T14:30".
 */
function PaidAtField() {
  const t = useTranslations("orderForm.lifecycle");
  const id = useId();
  const error = useFieldErrorText("paidAt");
  // Destructured: the linter takes every property of an object holding a ref for a ref.
  const {
    field: { value, onChange, onBlur, ref },
  } = useController<Input, "paidAt">({ name: "paidAt" });
  const [day = "", time = ""] = (value ?? "").split("T");
  const set = (nextDay: string, nextTime: string) => onChange(nextTime === "" ? nextDay : `${nextDay}T${nextTime}`);
  return (
    <Field invalid={error !== undefined}>
      <FieldLabel htmlFor={`${id}-day`} required>
        {t("paidAt")}
      </FieldLabel>
      <div className="flex flex-wrap gap-2">
        <Input id={`${id}-day`} type="date" className="max-w-48" aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint`} value={day} onChange={(event) => set(event.target.value, time)} onBlur={onBlur} ref={ref} />
        <Input id={`${id}-time`} type="time" className="max-w-36" aria-label={t("paidAtTime")} aria-describedby={`${id}-hint`} value={time} onChange={(event) => set(day, event.target.value)} onBlur={onBlur} />
      </div>
      <FieldDescription id={`${id}-hint`}>{t("paidAtHint")}</FieldDescription>
      <FieldError>{error}</FieldError>
    </Field>
  );
}

export function LifecycleForm({ kind, profile, subMchid, order, approvalPolicy = null, onSettled }: LifecycleFormProps) {
  const t = useTranslations("orderForm.lifecycle");
  const titleId = useId();
  const dialogTitleId = useId();
  const schema = kind === "cancel" ? cancelSchema : syncSchema;
  const [defaults] = useState(() => valuesFor(kind, profile, subMchid, order));
  const form = useForm<Input, unknown, Output>({ defaultValues: defaults, resolver: schema, mode: "onSubmit", shouldFocusError: false });
  const notices = useOperationNotices(kind);
  const write = useOrderWrite<Input>({ profileId: profile.id, subMchid, outOrderNo: order.out_order_no }, kind === "cancel" ? cancelOrderAction : (syncOrderAction as (input: Input) => Promise<ActionResult<OperationSuccess>>));
  const op = useOrderOperation<Input, Output>({
    form,
    order,
    action: write.mutateAsync,
    valuesAfterSuccess: (after) => valuesFor(kind, profile, subMchid, after),
    onSettled,
    isBlocked: () => false,
    notify: notices,
  });
  const category = useWatch({ control: form.control, name: "reasonCategory" });
  const total = currentOrderTotal(op.shownOrder) ?? null;
  const needsApproval = approvalReasons(approvalPolicy, { operation: kind, order: op.shownOrder, newTotal: null, reasonCategory: category ?? "" });
  const sent = op.confirming?.output ?? null;
  return (
    <div className="space-y-4" data-testid={`${kind}-form`}>
      <div>
        <h2 id={titleId} className="text-xl font-semibold text-slate-900">
          {t(`${kind}.title`)}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t(`${kind}.intro`)}</p>
      </div>
      {op.drift ? <DriftNotice changes={op.drift} onUseCurrent={op.useCurrentOrder} /> : null}
      <OutcomePanel
        kind={kind}
        outcome={op.outcome}
        panelId={op.outcomeId}
        lineNames={[]}
        onReload={op.reload}
        onRetry={op.retry}
        onDismiss={op.dismissOutcome}
        sending={op.sending}
      />
      <FormProvider {...form}>
        <form id={op.formId} noValidate onSubmit={op.onSubmit} onFocus={schema.preload} aria-labelledby={titleId} aria-busy={op.sending || undefined}>
          <HydratedFieldset disabled={op.sending} className="min-w-0 space-y-4">
            <Card title={t(`${kind}.what`)}>
              <p className="mb-4 text-sm text-slate-700">{t(`${kind}.effect`, { total: total === null ? "—" : formatFen(total) })}</p>
              {kind === "sync" ? <PaidAtField /> : null}
            </Card>
            <Card title={t("reason")}>
              <ReasonFields kind={kind} />
            </Card>
            <ApprovalHint reasons={needsApproval} />
            <div className="flex justify-end">
              <Button type="submit" variant={kind === "cancel" ? "danger" : "primary"} disabled={op.sending}>
                {op.sending ? <Spinner /> : null}
                {t(`${kind}.submit`)}
              </Button>
            </div>
          </HydratedFieldset>
        </form>
      </FormProvider>
      <Dialog open={op.confirming !== null} onClose={op.cancel} labelledBy={dialogTitleId} dismissible={!op.sending} size="sm">
        <DialogHeader>
          <DialogTitle id={dialogTitleId}>{t(`${kind}.confirmTitle`)}</DialogTitle>
        </DialogHeader>
        <DialogBody>
          <p className="text-sm">{t(`${kind}.effect`, { total: total === null ? "—" : formatFen(total) })}</p>
          {sent ? (
            <Facts
              rows={[
                { label: t("order"), value: <span className="font-mono">{op.shownOrder.out_order_no}</span> },
                ...("paidTime" in sent ? [{ label: t("paidAt"), value: sent.paidTime }] : []),
                ...("reason" in sent ? [{ label: t("reasonSent"), value: sent.reason }] : sent.reasonText ? [{ label: t("reason"), value: sent.reasonText }] : []),
                ...(needsApproval.length > 0 ? [{ label: t("approval"), value: t("approvalValue") }] : []),
              ]}
            />
          ) : null}
        </DialogBody>
        <DialogFooter>
          <Button variant="ghost" onClick={op.cancel} disabled={op.sending}>
            {t("back")}
          </Button>
          <Button variant={kind === "cancel" ? "danger" : "primary"} onClick={op.confirm} disabled={op.sending}>
            {op.sending ? <Spinner /> : null}
            {needsApproval.length > 0 ? t("submitApproval") : t(`${kind}.confirm`)}
          </Button>
        </DialogFooter>
      </Dialog>
    </div>
  );
}
