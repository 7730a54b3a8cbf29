"use client";
// The lookup page's "recent orders": the server-rendered list, kept fresh by TanStack Query
// (refetched when the tab comes back and after every write made in this tab).
import Link from "next/link";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import type { RecentOrder } from "@/lib/orders/recent";
import { orderPagePath } from "@/lib/orders/snapshot";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/components/query/fetch-json";
import { UserText } from "@/components/text/user-text";

export function recentOrdersQuery(initial: RecentOrder[]) {
  return queryOptions({
    queryKey: queryKeys.recentOrders(),
    queryFn: async ({ signal }) => (await fetchJson<{ ok: true; orders: RecentOrder[] }>("/api/orders/recent", signal)).orders,
    initialData: initial,
  });
}

export function RecentOrders({ initial }: { initial: RecentOrder[] }) {
  const t = useTranslations("orders");
  const dateTime = useDateTime();
  const { data: orders } = useQuery(recentOrdersQuery(initial));
  if (orders.length === 0) return <p className="text-sm text-slate-500">{t("lookup.recentEmpty")}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="recent-orders">
      {orders.map((row) => (
        <li key={row.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
          <Link className="font-mono text-blue-700 hover:underline" href={orderPagePath(row.profileId, row.outOrderNo, row.subMchid)}>
            {row.outOrderNo}
          </Link>
          <span>{t(`operations.${row.operation}`)}</span>
          <UserText className="text-slate-600" text={row.userName} />
          <span className="text-slate-500">{dateTime(row.createdAt, "shortShort")}</span>
          <span className="text-slate-600">{t(`trailStatus.${row.status}`)}</span>
        </li>
      ))}
    </ul>
  );
}
