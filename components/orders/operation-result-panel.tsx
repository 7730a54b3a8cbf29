"use client";
// The answer of a modify or complete that went through, as WeChat confirmed it.
import { useTranslations } from "next-intl";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatFen, formatFenDelta } from "@/lib/money";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import type { TServiceOrder } from "@/lib/payscore/order";
import { Facts } from "./fact-list";
import { AwaitingApprovalPanel } from "./approval-notes";

const SUCCESS_TITLE = { modify: "successModify", complete: "successComplete", cancel: "successCancel", sync: "successSync" } as const;

const STATE_TONE: Record<string, BadgeTone> = { CREATED: "neutral", DOING: "info", DONE: "success", REVOKED: "danger", EXPIRED: "danger" };

function NewStateBadges({ order }: { order: TServiceOrder }) {
  const t = useTranslations("orderForm.orderState");
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={STATE_TONE[order.state] ?? "neutral"}>{t(order.state)}</Badge>
      {order.state_description ? <Badge tone="info">{t(order.state_description)}</Badge> : null}
      {order.collection ? <Badge tone={order.collection.state === "USER_PAID" ? "success" : "warning"}>{t(order.collection.state)}</Badge> : null}
    </span>
  );
}

/**
 * The answer of a modify or complete that went through, as the server confirmed it: new state,
 * total before → after, difference, Request-ID. Also usable by a page that shows the last result
 * after the form itself is gone (e.g. a completed order no longer offers the complete form).
 */
export function OperationResultPanel({
  kind,
  data,
  id,
  onDismiss,
}: {
  kind: "modify" | "complete" | "cancel" | "sync";
  data: OperationSuccess;
  id?: string;
  onDismiss?: () => void;
}) {
  const t = useTranslations("orderForm.outcome");
  // Four-eyes: nothing was sent; the request waits for a supervisor.
  if (data.status === "awaiting_approval") return <AwaitingApprovalPanel data={data} id={id} onDismiss={onDismiss} />;
  return (
    <Alert id={id} tabIndex={-1} tone="success" role="status" data-testid="operation-result">
      <div className="flex items-start gap-2">
        <AlertTitle>{t(SUCCESS_TITLE[kind])}</AlertTitle>
        {onDismiss ? (
          <Button variant="ghost" size="sm" onClick={onDismiss} className="ml-auto">
            {t("dismiss")}
          </Button>
        ) : null}
      </div>
      <Facts
        rows={[
          { label: t("newState"), value: data.order ? <NewStateBadges order={data.order} /> : t("stateUnknown") },
          {
            label: t("total"),
            value:
              data.totalAfter === null ? "—" : data.totalBefore === null ? formatFen(data.totalAfter) : `${formatFen(data.totalBefore)} → ${formatFen(data.totalAfter)}`,
            testId: "result-total",
          },
          { label: t("delta"), value: data.delta === null ? "—" : formatFenDelta(data.delta), testId: "result-delta" },
          { label: "Request-ID", value: <span className="font-mono">{data.requestId ?? t("none")}</span>, testId: "result-request-id" },
          { label: t("trail"), value: <span className="font-mono">{data.trailId}</span> },
        ]}
      />
      {data.replayed ? <p className="mt-2">{t("replayed")}</p> : null}
      {data.order === null ? <p className="mt-2">{t("orderUnknown")}</p> : null}
    </Alert>
  );
}
