import type { HTMLAttributes } from "react";
import { variants, type VariantProps } from "./variants";

const VARIANTS = {
  tone: {
    neutral: "bg-slate-100 text-slate-700 ring-slate-300",
    info: "bg-blue-50 text-blue-800 ring-blue-200",
    success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
    warning: "bg-amber-50 text-amber-900 ring-amber-300",
    danger: "bg-red-50 text-red-800 ring-red-200",
  },
};

const badgeClass = variants(
  "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
  VARIANTS,
  { tone: "neutral" },
);

export type BadgeTone = keyof (typeof VARIANTS)["tone"];

export function Badge({ tone, className, ...props }: HTMLAttributes<HTMLSpanElement> & VariantProps<typeof VARIANTS>) {
  return <span data-slot="badge" className={badgeClass({ tone, className })} {...props} />;
}
