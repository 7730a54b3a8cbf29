// The order as WeChat Pay returned it, readably: state badges with a plain-language explanation,
// lines, discounts, risk fund, total, collection, time range and location. Amounts as ¥0.00.
import { useTranslations } from "next-intl";
import { formatPayscoreTime } from "@/lib/payscore/beijing-time";
import type { TServiceOrder } from "@/lib/payscore/order";
import { formatFen } from "@/lib/money";

type Tone = "slate" | "blue" | "amber" | "green" | "red";

const TONES: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-800 ring-slate-300",
  blue: "bg-blue-50 text-blue-800 ring-blue-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  green: "bg-green-50 text-green-800 ring-green-300",
  red: "bg-red-50 text-red-800 ring-red-300",
};

function StateBadge({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${TONES[tone]}`}>{children}</span>;
}

const STATE_TONE: Record<TServiceOrder["state"], Tone> = { CREATED: "slate", DOING: "blue", DONE: "green", REVOKED: "red", EXPIRED: "red" };

export function explanationKey(order: TServiceOrder): "CREATED" | "USER_CONFIRM" | "MCH_COMPLETE" | "DONE" | "REVOKED" | "EXPIRED" {
  if (order.state === "DOING") return order.state_description === "MCH_COMPLETE" ? "MCH_COMPLETE" : "USER_CONFIRM";
  return order.state;
}

export function OrderStateBadges({ order }: { order: TServiceOrder }) {
  const t = useTranslations("orders.states");
  return (
    <span className="flex flex-wrap gap-1.5">
      <StateBadge tone={STATE_TONE[order.state]}>
        {t(order.state)} <span className="ml-1 font-mono">{order.state}</span>
      </StateBadge>
      {order.state_description ? (
        <StateBadge tone={order.state_description === "MCH_COMPLETE" ? "amber" : "blue"}>
          {t(order.state_description)} <span className="ml-1 font-mono">{order.state_description}</span>
        </StateBadge>
      ) : null}
      {order.collection?.state ? (
        <StateBadge tone={order.collection.state === "USER_PAID" ? "green" : "amber"}>
          {t(order.collection.state)} <span className="ml-1 font-mono">{order.collection.state}</span>
        </StateBadge>
      ) : null}
    </span>
  );
}

function Lines({ title, lines, empty }: { title: string; lines: { name?: string; amount?: number; description?: string; count?: number }[]; empty?: string }) {
  const t = useTranslations("orders.order");
  return (
    <section aria-label={title} className="space-y-1.5">
      <h3 className="text-sm font-medium text-slate-700">{title}</h3>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-normal">{t("name")}</th>
                <th scope="col" className="py-1 pr-3 font-normal">{t("description")}</th>
                <th scope="col" className="py-1 pr-3 text-right font-normal">{t("count")}</th>
                <th scope="col" className="py-1 text-right font-normal">{t("amount")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {lines.map((line, index) => (
                <tr key={`${line.name ?? ""}-${index}`}>
                  <td className="py-1.5 pr-3 font-medium">{line.name ?? "—"}</td>
                  <td className="py-1.5 pr-3 text-slate-700">{line.description ?? "—"}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{line.count ?? "—"}</td>
                  <td className="py-1.5 text-right tabular-nums">{line.amount === undefined ? "—" : formatFen(line.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function OrderCard({ order }: { order: TServiceOrder }) {
  const t = useTranslations("orders.order");
  const te = useTranslations("orders.explain");
  const tp = useTranslations("orders.paidTypes");
  const collection = order.collection;
  const start = formatPayscoreTime(order.time_range?.start_time);
  const end = formatPayscoreTime(order.time_range?.end_time);
  return (
    <article className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" aria-labelledby="order-card-title">
      {/* The page's h1 names the order too; this h2 keeps the outline in order (h1 → h2 → h3). */}
      <h2 id="order-card-title" className="sr-only">
        {t("title", { no: order.out_order_no })}
      </h2>
      <div className="space-y-2">
        <OrderStateBadges order={order} />
        <p className="text-sm text-slate-700" data-testid="state-explanation">{te(explanationKey(order))}</p>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs text-slate-500">{t("serviceIntroduction")}</dt>
          <dd>{order.service_introduction}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("orderId")}</dt>
          <dd className="font-mono break-all">{order.order_id ?? "—"}</dd>
        </div>
      </dl>
      <Lines title={t("payments")} lines={order.post_payments ?? []} empty="—" />
      <Lines title={t("discounts")} lines={order.post_discounts ?? []} empty={t("noDiscounts")} />
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">{t("total")}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="order-total">
            {order.total_amount === undefined ? "—" : formatFen(order.total_amount)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("riskFund")}</dt>
          <dd className="tabular-nums">
            {order.risk_fund ? `${formatFen(order.risk_fund.amount)}` : "—"}
            {order.risk_fund ? (
              <span className="block text-xs text-slate-500" title={order.risk_fund.name} data-testid="risk-fund-name">
                {t(`riskFundNames.${order.risk_fund.name}`)}
              </span>
            ) : null}
          </dd>
        </div>
        {collection ? (
          <>
            <div>
              <dt className="text-xs text-slate-500">{t("paidAmount")}</dt>
              <dd className="tabular-nums">{formatFen(collection.paid_amount ?? 0)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("payingAmount")}</dt>
              <dd className="tabular-nums">{formatFen(collection.paying_amount ?? 0)}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {collection?.details && collection.details.length > 0 ? (
        <section className="space-y-1.5" aria-label={t("paymentDetails")}>
          <h3 className="text-sm font-medium text-slate-700">{t("paymentDetails")}</h3>
          <ul className="space-y-1 text-sm">
            {collection.details.map((detail, index) => (
              <li key={index} className="flex flex-wrap gap-x-4">
                <span className="tabular-nums">{formatFen(detail.amount ?? 0)}</span>
                <span>{detail.paid_type ? tp(detail.paid_type === "MCH" ? "MCH" : "NEWTON") : "—"}</span>
                <span className="text-slate-500">{formatPayscoreTime(detail.paid_time) ?? "—"}</span>
                <span className="font-mono text-xs text-slate-500">{detail.transaction_id ?? ""}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 border-t border-slate-100 pt-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs text-slate-500">{t("timeRange")}</dt>
          <dd>
            {t("start")}: {start ?? t("notSet")}
            {order.time_range?.start_time_remark ? ` (${order.time_range.start_time_remark})` : ""}
            <br />
            {t("end")}: {end ?? t("notSet")}
            {order.time_range?.end_time_remark ? ` (${order.time_range.end_time_remark})` : ""}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("location")}</dt>
          <dd>
            {t("start")}: {order.location?.start_location ?? t("notSet")}
            <br />
            {t("end")}: {order.location?.end_location ?? t("notSet")}
          </dd>
        </div>
      </dl>
    </article>
  );
}
