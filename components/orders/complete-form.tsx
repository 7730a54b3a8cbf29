"use client";
// 完结订单: the same industry lines, discounts and totals as modify, plus the real service time
// range, locations, profit sharing, complete_time and goods_tag — each only where the profile's
// mode takes it — then the same confirmation, one send, and the answer as the server gave it.
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/result";
import type { IndustryId } from "@/lib/industries";
import type { CompleteSubmission, TCompleteFormInput } from "@/lib/orders/complete-form";
import { localInputToPayscoreTime, payscoreTimeToLocalInput } from "@/lib/orders/datetime-input";
import { discountModeIssues, institutionTimeIssues, lengthIssues, lineLengthIssues } from "@/lib/orders/field-checks";
import { baseFormValues, deviceText } from "@/lib/orders/form-values";
import { amountFieldIssues, computeLiveTotals, draftBody, type DraftBody } from "@/lib/orders/live-totals";
import { checkCompleteAgainstOrder } from "@/lib/orders/order-checks";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { isReasonCategory, reasonLabel } from "@/lib/orders/reasons";
import { formatPayscoreTime } from "@/lib/payscore/beijing-time";
import type { TMode } from "@/lib/payscore/fields";
import { LIMITS } from "@/lib/payscore/limits";
import type { RuleIssue } from "@/lib/payscore/issues";
import type { TServiceOrder } from "@/lib/payscore/order";
import { completeStateProblem, currentOrderTotal } from "@/lib/payscore/rules";
import type { PublicProfile } from "@/lib/profiles";
import { completeOrderAction } from "@/server/actions/orders";
import { LiveSummary } from "./amount-summary";
import { CheckboxField, TextField } from "./form-fields";
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
const completeSchema = lazyResolver<TCompleteFormInput, CompleteSubmission>(() =>
  import("./complete-form-resolver").then((module) => module.completeFormResolver),
);

export interface CompleteFormProps {
  profile: PublicProfile;
  subMchid: string | null;
  order: TServiceOrder;
  /** The template to start with: the sub-merchant's (or profile's) industry. */
  industry: IndustryId;
  /**
   * Called after a success, and when the agent asks to reload the order (after ORDER_CHANGED, a
   * state refusal or an unknown outcome). Errors alone do not call it.
   */
  onSettled(result: ActionResult<OperationSuccess>): void;
  /** The four-eyes policy of this order's profile: the form says before submitting when a change needs approval. */
  approvalPolicy?: ApprovalPolicy | null;
}

export function completeFormValues(
  profile: PublicProfile,
  subMchid: string | null,
  order: TServiceOrder,
  industry: IndustryId,
): { values: TCompleteFormInput; dropped: number } {
  const { values, dropped } = baseFormValues(profile, subMchid, order, industry);
  const range = order.time_range;
  return {
    dropped,
    values: {
      ...values,
      // The planned start from the order (not "OnAccept"); the real end is the agent's to enter.
      startTime: payscoreTimeToLocalInput(range?.start_time),
      startTimeRemark: range?.start_time_remark ?? "",
      endTime: "",
      endTimeRemark: range?.end_time_remark ?? "",
      startLocation: order.location?.start_location ?? "",
      endLocation: order.location?.end_location ?? "",
      profitSharing: false,
      completeTime: "",
      goodsTag: "",
      // Completing is routine; the category is still recorded in the trail.
      reasonCategory: "other",
    },
  };
}

function timeRangeOf(values: TCompleteFormInput): { start_time?: string; end_time?: string } | undefined {
  const start = values.startTime.trim() === "" ? null : localInputToPayscoreTime(values.startTime);
  const end = values.endTime.trim() === "" ? null : localInputToPayscoreTime(values.endTime);
  if (start === null && end === null) return undefined;
  return { ...(start !== null ? { start_time: start } : {}), ...(end !== null ? { end_time: end } : {}) };
}

function completeIssues(mode: TMode, values: TCompleteFormInput, body: DraftBody | null, now: Date, schemaFailed = false): RuleIssue[] {
  const limits: Record<string, { value: string; max: number }> = {
    startTimeRemark: { value: values.startTimeRemark, max: LIMITS.timeRemark },
    endTimeRemark: { value: values.endTimeRemark, max: LIMITS.timeRemark },
    endLocation: { value: values.endLocation, max: LIMITS.location },
    goodsTag: { value: values.goodsTag, max: LIMITS.goodsTag },
  };
  if (mode !== "merchant") limits.startLocation = { value: values.startLocation, max: LIMITS.location };
  if (mode !== "institution") {
    limits["device.start_device_id"] = { value: values.device.start_device_id, max: LIMITS.device };
    limits["device.end_device_id"] = { value: values.device.end_device_id, max: LIMITS.device };
    limits["device.materiel_no"] = { value: values.device.materiel_no, max: LIMITS.device };
  }
  const issues = [
    ...(schemaFailed ? amountFieldIssues(values) : []),
    ...lineLengthIssues(values.payments, values.discounts),
    ...discountModeIssues(mode, values.discounts),
    ...institutionTimeIssues(mode, values),
    ...lengthIssues(limits),
  ];
  if (body) {
    const check = checkCompleteAgainstOrder({
      mode,
      industry: values.industry,
      order: values.basedOn,
      body: { ...body, time_range: timeRangeOf(values) },
      now,
    });
    if (!check.ok && "issues" in check) issues.push(...check.issues);
  }
  return issues;
}

/** The clock for live time checks, refreshed twice a minute (not read during render). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export function CompleteForm({ profile, subMchid, order, industry, onSettled, approvalPolicy = null }: CompleteFormProps) {
  const t = useTranslations("orderForm");
  const locale = useLocale();
  const mode = profile.mode;
  const now = useNow();
  const [initial] = useState(() => completeFormValues(profile, subMchid, order, industry));
  const form = useForm<TCompleteFormInput, unknown, CompleteSubmission>({
    defaultValues: initial.values,
    resolver: withRuleIssues(completeSchema, (values: TCompleteFormInput, output: CompleteSubmission | null) =>
      completeIssues(mode, values, output, new Date(), output === null),
    ),
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    shouldFocusError: false,
  });
  const notices = useOperationNotices("complete");
  // Through TanStack Query: the answer goes into the page's cache (./order-queries.ts).
  const write = useOrderWrite({ profileId: profile.id, subMchid, outOrderNo: order.out_order_no }, completeOrderAction);
  const op = useOrderOperation<TCompleteFormInput, CompleteSubmission>({
    form,
    order,
    action: write.mutateAsync,
    valuesAfterSuccess: (after, sent) => ({ ...completeFormValues(profile, subMchid, after, sent.industry).values, industry: sent.industry }),
    onSettled,
    isBlocked: () => completeStateProblem(mode, form.getValues("basedOn")) !== null,
    notify: notices,
  });

  const values = useWatch({ control: form.control }) as TCompleteFormInput;
  const { isSubmitted, isDirty } = form.formState;
  useEffect(() => {
    if (isSubmitted) void form.trigger();
  }, [values, isSubmitted, form]);

  const shownOrder = op.shownOrder;
  const totals = computeLiveTotals(values, shownOrder);
  const state = completeStateProblem(mode, shownOrder);
  const liveIssues = state ? [] : completeIssues(mode, { ...values, basedOn: shownOrder }, draftBody(values), now);
  const lineNames = values.payments.map((p) => p.name);
  const orderHasEnd = shownOrder.time_range?.end_time !== undefined;
  const needsApproval = approvalReasons(approvalPolicy, { operation: "complete", order: shownOrder, newTotal: totals.newTotal, reasonCategory: values.reasonCategory ?? "" });

  const sent = op.confirming?.output ?? null;
  const yes = t("common.yes");
  const no = t("common.no");
  const facts = sent
    ? [
        ...(sent.time_range
          ? [
              {
                label: t("complete.timeRange"),
                value: [
                  `${formatPayscoreTime(sent.time_range.start_time) || "—"} → ${formatPayscoreTime(sent.time_range.end_time) || "—"}`,
                  sent.time_range.start_time_remark ? `${t("complete.startRemark")}：${sent.time_range.start_time_remark}` : null,
                  sent.time_range.end_time_remark ? `${t("complete.endRemark")}：${sent.time_range.end_time_remark}` : null,
                ]
                  .filter(Boolean)
                  .join("；"),
              },
            ]
          : []),
        ...(mode !== "merchant" && sent.start_location ? [{ label: t("complete.startLocation"), value: sent.start_location }] : []),
        ...(sent.end_location ? [{ label: t("complete.endLocation"), value: sent.end_location }] : []),
        { label: t("complete.profitSharing"), value: sent.profit_sharing ? yes : no },
        ...(mode !== "merchant" && sent.complete_time ? [{ label: t("complete.completeTime"), value: sent.complete_time }] : []),
        ...(sent.goods_tag ? [{ label: t("complete.goodsTag"), value: sent.goods_tag }] : []),
        ...(mode !== "institution" && sent.device
          ? [{ label: t("identity.device"), value: deviceText(sent.device) }]
          : []),
        {
          label: t("reason.category"),
          value: isReasonCategory(sent.reasonCategory)
            ? reasonLabel(sent.reasonCategory, locale) + (sent.reasonText ? `：${sent.reasonText}` : "")
            : sent.reasonText,
        },
        ...(sent.internalNote ? [{ label: t("confirm.internalNote"), value: sent.internalNote }] : []),
        ...(needsApproval.length > 0 ? [{ label: t("approval.confirmLabel"), value: t("approval.confirmValue") }] : []),
      ]
    : [];

  return (
    <OrderFormShell
      kind="complete"
      onInteract={completeSchema.preload}
      title={t("complete.title")}
      intro={t("complete.intro")}
      form={form}
      op={op}
      lineNames={lineNames}
      confirm={{ body: sent, totalBefore: currentOrderTotal(shownOrder) ?? null, facts, needsApproval: needsApproval.length > 0 }}
      summary={
        <LiveSummary
          kind="complete"
          totals={totals}
          blockedReason={state ? t(`stateReason.${state.reason}`) : null}
          issues={liveIssues}
          showIssues={isDirty || isSubmitted}
          lineNames={lineNames}
          sending={op.sending}
          note={
            <>
              <p>{t("summary.completeCap")}</p>
              <ApprovalHint reasons={needsApproval} />
            </>
          }
        />
      }
    >
      <AmountsCard
        description={t("sections.amountsHintComplete")}
        industry={industry}
        order={shownOrder}
        initialDropped={initial.dropped}
        mode={mode}
        totals={totals}
      />
      <Card title={t("sections.service")} description={t("complete.beijingTime")}>
        <div className="space-y-4">
          <div className="grid gap-4 @xl:grid-cols-2">
            <TextField
              name="startTime"
              type="datetime-local"
              step={1}
              label={t("complete.startTime")}
              hint={mode === "institution" ? t("complete.startTimeInstitution") : t("complete.startTimeHint")}
            />
            <TextField name="startTimeRemark" label={t("complete.startRemark")} hint={t("complete.remarkHint", { max: LIMITS.timeRemark })} />
            <TextField
              name="endTime"
              type="datetime-local"
              step={1}
              label={t("complete.endTime")}
              required={!orderHasEnd}
              hint={orderHasEnd ? t("complete.endTimeOptional") : t("complete.endTimeRequired")}
            />
            <TextField name="endTimeRemark" label={t("complete.endRemark")} hint={t("complete.remarkHint", { max: LIMITS.timeRemark })} />
          </div>
          <div className="grid gap-4 @xl:grid-cols-2">
            {mode !== "merchant" ? <TextField name="startLocation" label={t("complete.startLocation")} hint={t("complete.locationHint", { max: LIMITS.location })} /> : null}
            <TextField name="endLocation" label={t("complete.endLocation")} hint={t("complete.locationHint", { max: LIMITS.location })} />
          </div>
          <div className="grid gap-4 @xl:grid-cols-2">
            {mode !== "merchant" ? (
              <TextField name="completeTime" type="datetime-local" step={1} label={t("complete.completeTime")} hint={t("complete.completeTimeHint")} />
            ) : null}
            <TextField name="goodsTag" label={t("complete.goodsTag")} hint={t("complete.goodsTagHint", { max: LIMITS.goodsTag })} />
          </div>
          <CheckboxField name="profitSharing" label={t("complete.profitSharing")} hint={t("complete.profitSharingHint")} />
        </div>
      </Card>
      <Card title={t("sections.reasonComplete")}>
        <ReasonFields kind="complete" />
      </Card>
      <Card title={t("sections.identity")}>
        <ModeFields profile={profile} subMchid={subMchid} showDevice={mode !== "institution"} />
      </Card>
    </OrderFormShell>
  );
}
