"use client";
// The frame both order forms share: the answer panel and the "order changed" notice above, the
// fields (one <fieldset>, disabled while a request is in flight) beside an always-visible summary
// with the submit button (a sticky bar at tablet width), and the confirmation dialog.
import { useId, type ReactNode } from "react";
import { FormProvider, type UseFormReturn } from "react-hook-form";
import { ConfirmDialog, type ConfirmDialogProps } from "./confirm-dialog";
import { DriftNotice } from "./order-changes";
import { OutcomePanel } from "./outcome-panel";
import type { OperationInputBase, OrderOperation } from "./use-order-operation";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";

export interface OrderFormShellProps<TIn extends OperationInputBase, TOut> {
  kind: "modify" | "complete";
  /** Focus inside the form (any time; must be idempotent): a chance to start loading what submitting needs (the schema). */
  onInteract?: () => void;
  title: string;
  intro: ReactNode;
  form: UseFormReturn<TIn, unknown, TOut>;
  op: OrderOperation;
  lineNames: readonly string[];
  summary: ReactNode;
  confirm: Pick<ConfirmDialogProps, "body" | "totalBefore" | "facts" | "needsApproval">;
  children: ReactNode;
}

export function OrderFormShell<TIn extends OperationInputBase, TOut>({
  kind,
  onInteract,
  title,
  intro,
  form,
  op,
  lineNames,
  summary,
  confirm,
  children,
}: OrderFormShellProps<TIn, TOut>) {
  const titleId = useId();
  return (
    <div className="@container/orderform space-y-4" data-testid={`${kind}-form`}>
      <div>
        <h2 id={titleId} className="text-xl font-semibold text-slate-900">
          {title}
        </h2>
        <div className="mt-1 text-sm text-slate-600">{intro}</div>
      </div>
      {op.drift ? <DriftNotice changes={op.drift} onUseCurrent={op.useCurrentOrder} /> : null}
      <OutcomePanel
        kind={kind}
        outcome={op.outcome}
        panelId={op.outcomeId}
        lineNames={lineNames}
        onReload={op.reload}
        onRetry={op.retry}
        onDismiss={op.dismissOutcome}
        sending={op.sending}
      />
      <FormProvider {...form}>
        <form
          id={op.formId}
          noValidate
          onSubmit={op.onSubmit}
          onFocus={onInteract}
          aria-labelledby={titleId}
          aria-busy={op.sending || undefined}
          className="grid gap-6 @4xl/orderform:grid-cols-[minmax(0,1fr)_18rem] @4xl/orderform:items-start"
        >
          {/* Nothing can be typed or submitted before hydration (components/ui/use-hydrated.ts). */}
          <HydratedFieldset disabled={op.sending} className="min-w-0">
            <div className="@container space-y-6">{children}</div>
          </HydratedFieldset>
          {/* Beside the fields when there is room; else a bar stuck to the bottom of the viewport. */}
          <HydratedFieldset className="@container sticky bottom-0 z-10 min-w-0 pb-1 @4xl/orderform:top-4 @4xl/orderform:bottom-auto @4xl/orderform:pb-0">
            {summary}
          </HydratedFieldset>
        </form>
      </FormProvider>
      <ConfirmDialog
        kind={kind}
        open={op.confirming !== null}
        sending={op.sending}
        order={op.shownOrder}
        onCancel={op.cancel}
        onConfirm={op.confirm}
        {...confirm}
      />
    </div>
  );
}
