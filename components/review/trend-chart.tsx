"use client";
// A trends chart, loaded on demand: Recharts (and what it pulls in) is a separate chunk fetched only
// by the trends page after it has rendered — never part of any other page's bundle. The page's data
// tables are server-rendered beside each chart, so the figures are there before (and without) it.
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import type { TrendChartProps } from "./trend-chart-impl";

const TrendChartImpl = dynamic(() => import("./trend-chart-impl").then((module) => module.TrendChartImpl), {
  ssr: false,
  loading: () => <ChartPlaceholder />,
});

function ChartPlaceholder() {
  const t = useTranslations("review");
  return (
    <div className="flex h-64 items-center justify-center rounded-md bg-slate-50 text-sm text-slate-500" aria-busy="true">
      {t("trends.loading")}
    </div>
  );
}

export function TrendChart(props: TrendChartProps) {
  return <TrendChartImpl {...props} />;
}
