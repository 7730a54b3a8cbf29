"use client";
// 修改订单金额: the industry lines pre-filled from the order, live totals and every order rule
// checked before sending, a confirmation that restates old → new, then modifyOrderAction.
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/result";
import type { IndustryId } from "@/lib/industries";
import { formatFen } from "@/lib/money";
import type { ModifySubmission, TModifyFormInput } from "@/lib/orders/modify-form";
import { discountModeIssues, lengthIssues, lineLengthIssues, reasonTextIssues } from "@/lib/orders/field-checks";
import { baseFormValues, deviceText } from "@/lib/orders/form-values";
import { amountFieldIssues, computeLiveTotals, draftBody, type DraftBody } from "@/lib/orders/live-totals";
import { checkModifyAgainstOrder } from "@/lib/orders/order-checks";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { isReasonCategory, reasonLabel } from "@/lib/orders/reasons";
import type { TMode } from "@/lib/payscore/fields";
import { LIMITS } from "@/lib/payscore/limits";
import type { RuleIssue } from "@/lib/payscore/issues";
import type { TServiceOrder } from "@/lib/payscore/order";
import { currentOrderTotal, modifyStateProblem } from "@/lib/payscore/rules";
import type { PublicProfile } from "@/lib/profiles";
import { modifyOrderAction } from "@/server/actions/orders";
import { LiveSummary } from "./amount-summary";
import { AmountsCard } from "./lines-editor";
import { ModeFields, ReasonFields } from "./order-meta-fields";
import { OrderFormShell } from "./order-form-shell";
import { useOperationNotices } from "./operation-notices";
import { useOrderOperation, withRuleIssues } from "./use-order-operation";
import { useOrderWrite } from "./order-queries";
import { lazyResolver } from "@/components/forms/lazy-resolver";
import { approvalReasons, type ApprovalPolicy } from "@/lib/approvals/policy";
import { ApprovalHint } from "./approval-notes";

// The schema (and zod with it) loads on the first validation, not with the page (components/forms/lazy-resolver.ts).
const modifySchema = lazyResolver<TModifyFormInput, ModifySubmission>(() =>
  import("./modify-form-resolver").then((module) => module.modifyFormResolver),
);

export interface ModifyFormProps {
  profile: PublicProfile;
  subMchid: string | null;
  order: TServiceOrder;
  /** The template to start with: the sub-merchant's (or profile's) industry. */
  industry: IndustryId;
  /** Modifies that succeeded on this order so far (from the trail); partner mode allows one. */
  modifyCount: number;
  /**
   * Called after a success, and when the agent asks to reload the order (after ORDER_CHANGED, a
   * state refusal or an unknown outcome) — the page refetches. Errors alone do not call it, so a
   * parent that remounts the form on it never throws away what the agent typed.
   */
  onSettled(result: ActionResult<OperationSuccess>): void;
  /** The four-eyes policy of this order's profile: the form says before submitting when a change needs approval. */
  approvalPolicy?: ApprovalPolicy | null;
}

/** The values a fresh form starts from: this order's lines in the chosen template. */
export function modifyFormValues(
  profile: PublicProfile,
  subMchid: string | null,
  order: TServiceOrder,
  industry: IndustryId,
): { values: TModifyFormInput; dropped: number } {
  const { values, dropped } = baseFormValues(profile, subMchid, order, industry);
  // The empty choice: the schema refuses it until the agent picks a category.
  return { dropped, values: { ...values, reasonCategory: "" as TModifyFormInput["reasonCategory"] } };
}

/**
 * Rules beyond the form schema: the mode's (discount descriptions, lengths) and, with a body, the
 * order's. `schemaFailed`: the schema stopped before its transform, so add the transform's own
 * field checks (amounts, reason text) to show every error at once.
 */
function modifyIssues(mode: TMode, modifyCount: number, values: TModifyFormInput, body: DraftBody | null, schemaFailed = false): RuleIssue[] {
  const issues = [
    ...(schemaFailed ? [...amountFieldIssues(values), ...reasonTextIssues(values)] : []),
    ...lineLengthIssues(values.payments, values.discounts),
    ...discountModeIssues(mode, values.discounts),
    ...(mode === "institution"
      ? []
      : lengthIssues({
          "device.start_device_id": { value: values.device.start_device_id, max: LIMITS.device },
          "device.end_device_id": { value: values.device.end_device_id, max: LIMITS.device },
          "device.materiel_no": { value: values.device.materiel_no, max: LIMITS.device },
        })),
  ];
  if (body) {
    const check = checkModifyAgainstOrder({ mode, industry: values.industry, order: values.basedOn, modifyCount, body });
    if (!check.ok && "issues" in check) issues.push(...check.issues);
  }
  return issues;
}

export function ModifyForm({ profile, subMchid, order, industry, modifyCount, onSettled, approvalPolicy = null }: ModifyFormProps) {
  const t = useTranslations("orderForm");
  const locale = useLocale();
  const mode = profile.mode;
  const [initial] = useState(() => modifyFormValues(profile, subMchid, order, industry));
  const form = useForm<TModifyFormInput, unknown, ModifySubmission>({
    defaultValues: initial.values,
    // Rebuilt each render (react-hook-form takes the latest options), so it sees the current modifyCount.
    resolver: withRuleIssues(modifySchema, (values: TModifyFormInput, output: ModifySubmission | null) =>
      modifyIssues(mode, modifyCount, values, output, output === null),
    ),
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    // Focus goes to the first error in page order (see focusFirstError), not registration order.
    shouldFocusError: false,
  });
  const notices = useOperationNotices("modify");
  // Through TanStack Query: the answer goes into the page's cache (./order-queries.ts).
  const write = useOrderWrite({ profileId: profile.id, subMchid, outOrderNo: order.out_order_no }, modifyOrderAction);
  const op = useOrderOperation<TModifyFormInput, ModifySubmission>({
    form,
    order,
    action: write.mutateAsync,
    valuesAfterSuccess: (after, sent) => ({ ...modifyFormValues(profile, subMchid, after, sent.industry).values, industry: sent.industry }),
    onSettled,
    isBlocked: () => modifyStateProblem(mode, form.getValues("basedOn"), modifyCount) !== null,
    notify: notices,
  });

  const values = useWatch({ control: form.control }) as TModifyFormInput;
  const { isSubmitted, isDirty } = form.formState;
  // After a first submit, every change re-checks the whole form, so cross-field errors never go stale.
  useEffect(() => {
    if (isSubmitted) void form.trigger();
  }, [values, isSubmitted, form]);

  const shownOrder = op.shownOrder;
  const totals = computeLiveTotals(values, shownOrder);
  const state = modifyStateProblem(mode, shownOrder, modifyCount);
  const liveIssues = state ? [] : modifyIssues(mode, modifyCount, { ...values, basedOn: shownOrder }, draftBody(values));
  const lineNames = values.payments.map((p) => p.name);
  const needsApproval = approvalReasons(approvalPolicy, { operation: "modify", order: shownOrder, newTotal: totals.newTotal, reasonCategory: values.reasonCategory ?? "" });

  const confirming = op.confirming?.output ?? null;
  const category = op.confirming?.output.reasonCategory;
  const facts = confirming
    ? [
        { label: t("confirm.reasonSent"), value: confirming.reason },
        ...(category && isReasonCategory(category)
          ? [{ label: t("reason.category"), value: reasonLabel(category, locale) }]
          : []),
        ...(confirming.internalNote ? [{ label: t("confirm.internalNote"), value: confirming.internalNote }] : []),
        ...(confirming.device
          ? [{ label: t("identity.device"), value: deviceText(confirming.device) }]
          : []),
        ...(confirming.post_discounts.length === 0 && (shownOrder.post_discounts?.length ?? 0) > 0
          ? [{ label: t("confirm.discounts"), value: t("confirm.discountsRemoved") }]
          : []),
        ...(needsApproval.length > 0 ? [{ label: t("approval.confirmLabel"), value: t("approval.confirmValue") }] : []),
      ]
    : [];

  return (
    <OrderFormShell
      kind="modify"
      onInteract={modifySchema.preload}
      title={t("modify.title")}
      intro={t("modify.intro")}
      form={form}
      op={op}
      lineNames={lineNames}
      confirm={{
        body: confirming,
        totalBefore: currentOrderTotal(shownOrder) ?? null,
        facts,
        needsApproval: needsApproval.length > 0,
      }}
      summary={
        <LiveSummary
          kind="modify"
          totals={totals}
          blockedReason={state ? t(`stateReason.${state.reason}`) : null}
          issues={liveIssues}
          showIssues={isDirty || isSubmitted}
          lineNames={lineNames}
          sending={op.sending}
          note={
            <>
              <p>{t("summary.modifyCount", { count: modifyCount })}</p>
              {mode === "partner" ? <p>{modifyCount >= 1 ? t("summary.partnerNoneLeft") : t("summary.partnerOneLeft")}</p> : null}
              {totals.oldTotal !== null ? <p>{t("summary.onlyLower", { current: formatFen(totals.oldTotal) })}</p> : null}
              <ApprovalHint reasons={needsApproval} />
            </>
          }
        />
      }
    >
      <AmountsCard
        description={t("sections.amountsHint")}
        industry={industry}
        order={shownOrder}
        initialDropped={initial.dropped}
        mode={mode}
        totals={totals}
      />
      <Card title={t("sections.reason")}>
        <ReasonFields kind="modify" />
      </Card>
      <Card title={t("sections.identity")}>
        <ModeFields profile={profile} subMchid={subMchid} showDevice={mode !== "institution"} />
      </Card>
    </OrderFormShell>
  );
}

