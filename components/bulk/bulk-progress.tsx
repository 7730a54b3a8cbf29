"use client";
// A batch's live progress: one bar split by outcome (succeeded / failed / skipped / being checked,
// the rest remaining) with the figures beside it — counts, rate and time left. The bar is a
// progressbar to assistive technology (value = rows settled, its text the label); the figures are a
// description list, so nothing relies on colour. Also the dry run's simpler "checked / total".
import { useTranslations } from "next-intl";
import type { BulkProgress } from "@/lib/bulk/types";
import { useDurationText } from "./bulk-text";

const SEGMENTS = [
  { key: "succeeded", className: "bg-emerald-600" },
  { key: "failed", className: "bg-red-600" },
  { key: "skipped", className: "bg-amber-500" },
  { key: "unknown", className: "bg-violet-500" },
] as const;

function percent(part: number, total: number): number {
  return total <= 0 ? 0 : Math.min(100, (part / total) * 100);
}

export function settledOf(progress: BulkProgress): number {
  return progress.succeeded + progress.failed + progress.skipped + progress.unknown;
}

export function BulkProgressBar({ progress, label }: { progress: BulkProgress; label?: string }) {
  const t = useTranslations("bulk.progress");
  const duration = useDurationText();
  const settled = settledOf(progress);
  const text = label ?? t("label", { settled, total: progress.total });
  const rate = progress.ratePerSecond === null ? t("unknownValue") : t("rateValue", { rate: Math.round(progress.ratePerSecond * 10) / 10 });
  const eta = progress.etaSeconds === null ? t("unknownValue") : t("etaValue", { time: duration(progress.etaSeconds) });
  return (
    <div className="space-y-3" data-testid="bulk-progress">
      <p className="text-sm font-medium text-slate-800 tabular-nums" data-testid="bulk-progress-label">
        {text}
      </p>
      <div
        role="progressbar"
        aria-label={text}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={settled}
        aria-valuetext={text}
        className="flex h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        {SEGMENTS.map((segment) => {
          const width = percent(progress[segment.key], progress.total);
          return width > 0 ? <div key={segment.key} className={`${segment.className} h-full transition-[width] duration-500`} style={{ width: `${width}%` }} /> : null;
        })}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4 lg:grid-cols-7" data-testid="bulk-progress-figures">
        {(["succeeded", "failed", "skipped", "unknown", "remaining"] as const).map((key) => (
          <div key={key} data-figure={key}>
            <dt className="text-xs text-slate-500">{t(key)}</dt>
            <dd className="font-medium tabular-nums">{progress[key]}</dd>
          </div>
        ))}
        <div data-figure="rate">
          <dt className="text-xs text-slate-500">{t("rate")}</dt>
          <dd className="font-medium tabular-nums">{rate}</dd>
        </div>
        <div data-figure="eta">
          <dt className="text-xs text-slate-500">{t("eta")}</dt>
          <dd className="font-medium tabular-nums">{eta}</dd>
        </div>
      </dl>
    </div>
  );
}

/** The dry run's progress: rows checked of all. */
export function BulkCheckingBar({ checked, total }: { checked: number; total: number }) {
  const t = useTranslations("bulk.checking");
  const text = t("progress", { checked, total });
  return (
    <div className="space-y-2" data-testid="bulk-checking">
      <p className="text-sm font-medium tabular-nums">{text}</p>
      <div role="progressbar" aria-label={text} aria-valuemin={0} aria-valuemax={total} aria-valuenow={checked} aria-valuetext={text} className="h-3 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full bg-blue-600 transition-[width] duration-500" style={{ width: `${percent(checked, total)}%` }} />
      </div>
    </div>
  );
}
