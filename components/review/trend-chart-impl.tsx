"use client";
// The Recharts charts of the trends view (loaded lazily by ./trend-chart). Amounts are integer 分
// end to end; only tick and tooltip labels format them (formatFen), nothing is converted to floats.
import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatFen } from "@/lib/money";
import { REASON_CATEGORIES } from "@/lib/orders/reasons";
import { reasonLabel } from "@/lib/orders/reasons";
import type { TrendAgent, TrendDay } from "@/lib/review/view";

export type TrendChartProps =
  | { kind: "perDay"; days: TrendDay[] }
  | { kind: "amount"; days: TrendDay[] }
  | { kind: "flaggedShare"; days: TrendDay[] }
  | { kind: "agents"; agents: TrendAgent[] };

const REASON_COLORS: Record<string, string> = {
  billing_error: "#2563eb",
  user_complaint: "#d97706",
  device_fault: "#7c3aed",
  compensation: "#059669",
  other: "#64748b",
};

const HEIGHT = 260;
const AXIS = { fontSize: 11, fill: "#475569" };

function shortDay(day: string): string {
  return day.slice(5);
}

function yuanTick(fen: number): string {
  // Whole 元 on the axis (the tooltip shows the exact amount).
  const yuan = Math.trunc(fen / 100);
  return Math.abs(yuan) >= 10_000 ? `¥${Math.trunc(yuan / 1000)}k` : `¥${yuan}`;
}

export function TrendChartImpl(props: TrendChartProps) {
  const t = useTranslations("review");
  const locale = useLocale();
  const style = { width: "100%", height: HEIGHT };
  switch (props.kind) {
    case "perDay": {
      const data = props.days.map((day) => ({ day: day.day, ...day.byReason }));
      return (
        <BarChart responsive style={style} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} minTickGap={12} />
          <YAxis allowDecimals={false} tick={AXIS} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {REASON_CATEGORIES.map((category) => (
            <Bar key={category} dataKey={category} name={reasonLabel(category, locale)} stackId="reasons" fill={REASON_COLORS[category]} isAnimationActive={false} />
          ))}
        </BarChart>
      );
    }
    case "amount": {
      const data = props.days.map((day) => ({ day: day.day, net: day.netDeltaFen, reduced: day.reducedFen }));
      return (
        <BarChart responsive style={style} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} minTickGap={12} />
          <YAxis tickFormatter={yuanTick} tick={AXIS} width={56} />
          <Tooltip formatter={(value) => (typeof value === "number" ? formatFen(value) : String(value))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="reduced" name={t("trends.reduced")} fill="#10b981" isAnimationActive={false} />
          <Bar dataKey="net" name={t("trends.net")} fill="#2563eb" isAnimationActive={false} />
        </BarChart>
      );
    }
    case "flaggedShare": {
      const data = props.days.map((day) => ({ day: day.day, share: day.total === 0 ? 0 : Math.round((day.flagged / day.total) * 1000) / 10 }));
      return (
        <LineChart responsive style={style} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} minTickGap={12} />
          <YAxis unit="%" tick={AXIS} allowDecimals={false} />
          <Tooltip formatter={(value) => `${String(value)}%`} />
          <Line type="linear" dataKey="share" name={t("trends.share")} stroke="#d97706" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      );
    }
    case "agents": {
      const data = props.agents.map((agent) => ({ name: agent.userName, flagged: agent.flagged, other: agent.changes - agent.flagged }));
      return (
        <BarChart
          responsive
          layout="vertical"
          style={{ width: "100%", height: Math.max(160, 28 * data.length + 60) }}
          data={data}
          margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={AXIS} />
          <YAxis type="category" dataKey="name" tick={AXIS} width={88} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="other" name={t("trends.notFlagged")} stackId="a" fill="#2563eb" isAnimationActive={false} />
          <Bar dataKey="flagged" name={t("trends.flagged")} stackId="a" fill="#d97706" isAnimationActive={false} />
        </BarChart>
      );
    }
  }
}
