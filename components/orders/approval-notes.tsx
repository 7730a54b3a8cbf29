"use client";
// Four-eyes on the order page: what a change that needs a supervisor's approval looks like before it
// is submitted (the hint, while the agent types), after (the request waits: nothing was sent), and
// while it holds the order (the banner, with "withdraw" for its maker).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ApprovalReason } from "@/lib/approvals/policy";
import { formatFen } from "@/lib/money";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import type { TrailRowView } from "@/lib/orders/snapshot";
import { queryKeys } from "@/lib/query-keys";
import { withdrawRequestAction } from "@/server/actions/approvals";
import { Facts } from "./fact-list";

/** Each rule a change breaks, in a sentence of the reader's language. */
export function useApprovalReasonText(): (reason: ApprovalReason) => string {
  const t = useTranslations("orderForm.approval.reasons");
  return (reason) => {
    switch (reason.rule) {
      case "reduction_amount":
        return t("reduction_amount", { actual: formatFen(reason.actual), limit: formatFen(reason.limit) });
      case "reduction_percent":
        return t("reduction_percent", { actual: reason.actual, limit: reason.limit });
      case "complete_risk_percent":
        return t("complete_risk_percent", { actual: reason.actual, limit: reason.limit });
      case "reason_category":
        return t("reason_category");
      case "cancel_completed":
        return t("cancel_completed", { forgone: formatFen(reason.forgone) });
    }
  };
}

function isReasonList(value: unknown): value is ApprovalReason[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === "object" && entry !== null && "rule" in entry);
}

export function ReasonList({ reasons }: { reasons: unknown }) {
  const text = useApprovalReasonText();
  if (!isReasonList(reasons) || reasons.length === 0) return null;
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-5">
      {reasons.map((reason, index) => (
        <li key={index}>{text(reason)}</li>
      ))}
    </ul>
  );
}

/** Before submitting: this change will wait for a supervisor, and why. */
export function ApprovalHint({ reasons }: { reasons: ApprovalReason[] }) {
  const t = useTranslations("orderForm.approval");
  if (reasons.length === 0) return null;
  return (
    <div className="mt-2 rounded-md border border-blue-200 bg-blue-50 p-2 text-blue-900" data-testid="approval-hint">
      <p className="font-medium">{t("hintTitle")}</p>
      <ReasonList reasons={reasons} />
    </div>
  );
}

/** Withdraws the viewer's own waiting request; the open order pages and the review reads follow. */
function useWithdraw() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: withdrawRequestAction,
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.orders() }), client.invalidateQueries({ queryKey: queryKeys.review() })]),
  });
}

function WithdrawButton({ trailId }: { trailId: string }) {
  const t = useTranslations("orderForm.approval");
  const withdraw = useWithdraw();
  const refused = withdraw.data && !withdraw.data.ok ? withdraw.data.error.code : null;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <Button size="sm" onClick={() => withdraw.mutate({ trailId })} disabled={withdraw.isPending || withdraw.data?.ok === true}>
        {withdraw.data?.ok ? t("withdrawn") : t("withdraw")}
      </Button>
      {refused ? <span role="alert" className="text-sm text-red-800">{t("withdrawRefused", { code: refused })}</span> : null}
    </div>
  );
}

/** After submitting: the request waits for a supervisor; nothing was sent to WeChat Pay. */
export function AwaitingApprovalPanel({ data, id, onDismiss }: { data: OperationSuccess; id?: string; onDismiss?: () => void }) {
  const t = useTranslations("orderForm.approval");
  const dateTime = useDateTime();
  return (
    <Alert id={id} tabIndex={-1} tone="info" role="status" data-testid="operation-result" data-status="awaiting_approval">
      <div className="flex items-start gap-2">
        <AlertTitle>{t("requestedTitle")}</AlertTitle>
        {onDismiss ? (
          <Button variant="ghost" size="sm" onClick={onDismiss} className="ml-auto">
            {t("dismiss")}
          </Button>
        ) : null}
      </div>
      <p className="mt-1">{t("requestedBody")}</p>
      <ReasonList reasons={data.approvalReasons} />
      <Facts
        rows={[
          {
            label: t("requestedTotal"),
            value: data.totalAfter === null ? "—" : `${data.totalBefore === null ? "—" : formatFen(data.totalBefore)} → ${formatFen(data.totalAfter)}`,
            testId: "result-total",
          },
          ...(data.expiresAt ? [{ label: t("expiresAt"), value: dateTime(data.expiresAt, "shortShort") }] : []),
          { label: t("trail"), value: <span className="font-mono">{data.trailId}</span> },
        ]}
      />
      <WithdrawButton trailId={data.trailId} />
    </Alert>
  );
}

/** A request holds the order: no other change may start until a supervisor decides or its maker withdraws it. */
export function AwaitingApprovalBanner({ row, viewerId }: { row: TrailRowView; viewerId: string }) {
  const t = useTranslations("orderForm.approval");
  const dateTime = useDateTime();
  const mine = row.userId === viewerId;
  return (
    <Alert tone="info" role="status" data-testid="awaiting-approval">
      <AlertTitle>{t("bannerTitle")}</AlertTitle>
      <p className="mt-1">
        {t(mine ? "bannerMine" : "bannerOther", { name: row.userName, time: dateTime(row.createdAt, "shortShort") })}
      </p>
      {row.totalBefore !== null && row.totalAfter !== null ? (
        <p className="mt-1 tabular-nums">
          {t("requestedTotal")}: {formatFen(row.totalBefore)} → {formatFen(row.totalAfter)}
        </p>
      ) : null}
      <ReasonList reasons={row.approval?.reasons} />
      {mine ? <WithdrawButton trailId={row.id} /> : null}
    </Alert>
  );
}
