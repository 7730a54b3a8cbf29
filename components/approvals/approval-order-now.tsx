"use client";
// The order of a request as it is now — queried from WeChat Pay when the page was read, and kept
// current by the order's own query (components/orders/order-queries.ts: read again on demand, when the
// tab comes back, and every few seconds while the user has not paid) — beside the order the request
// was made on. While the request waits, a difference means that approving now finds it stale and
// sends nothing: the checker is told before deciding, and what changed.
import { useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { OrderStateBadges } from "@/components/orders/order-card";
import { ChangeList } from "@/components/orders/order-changes";
import { useOrderSnapshot } from "@/components/orders/order-queries";
import { formatFen } from "@/lib/money";
import { describeOrderChanges } from "@/lib/orders/order-version";
import type { OrderSnapshot } from "@/lib/orders/snapshot";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { OrderRef } from "@/lib/query-keys";

interface Props {
  order: OrderRef;
  initial: OrderSnapshot;
  trailId: string;
  /** The order as queried when the request was made. */
  requestOrder: TServiceOrder | null;
}

export function ApprovalOrderNow({ order: ref, initial, trailId, requestOrder }: Props) {
  const t = useTranslations("approvals.order");
  const dateTime = useDateTime();
  const { data, refetch, isFetching } = useOrderSnapshot(ref, initial);
  const order = data.order;
  // Waiting as far as this snapshot knows: a decision made in this tab is in it at once.
  const waiting = data.trail.find((row) => row.id === trailId)?.status === "awaiting_approval";
  const changes = waiting && requestOrder ? describeOrderChanges(requestOrder, order) : [];
  return (
    <section aria-labelledby="approval-order-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="approval-order-now">
      <div className="flex flex-wrap items-start gap-2">
        <h2 id="approval-order-title" className="text-base font-semibold text-slate-900">
          {t("title")}
        </h2>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={() => void refetch()} disabled={isFetching}>
          {isFetching ? <Spinner /> : null}
          {isFetching ? t("refreshing") : t("refresh")}
        </Button>
      </div>
      <OrderStateBadges order={order} />
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("total")}</dt>
        <dd className="font-semibold tabular-nums" data-testid="approval-order-total">
          {order.total_amount === undefined ? "—" : formatFen(order.total_amount)}
        </dd>
        {order.collection?.paid_amount ? (
          <>
            <dt className="text-slate-500">{t("paid")}</dt>
            <dd className="tabular-nums">{formatFen(order.collection.paid_amount)}</dd>
          </>
        ) : null}
      </dl>
      {changes.length > 0 ? (
        <Alert tone="warning" role="status" data-testid="approval-order-changed">
          <AlertTitle>{t("changedTitle")}</AlertTitle>
          <ChangeList changes={changes} />
          <p className="mt-2">{t("changedBody")}</p>
        </Alert>
      ) : waiting ? (
        <p className="text-sm text-slate-600">{t("unchanged")}</p>
      ) : null}
      <p className="text-xs text-slate-500">{t("fetchedAt", { time: dateTime(data.fetchedAt, "time") })}</p>
    </section>
  );
}
