import type { HTMLAttributes, Ref } from "react";
import { variants, type VariantProps } from "./variants";

const VARIANTS = {
  tone: {
    info: "border-blue-200 bg-blue-50 text-blue-950",
    success: "border-emerald-200 bg-emerald-50 text-emerald-950",
    warning: "border-amber-300 bg-amber-50 text-amber-950",
    danger: "border-red-200 bg-red-50 text-red-950",
  },
};

const alertClass = variants("rounded-lg border p-4 text-sm focus-visible:outline-2 focus-visible:outline-blue-600", VARIANTS, {
  tone: "info",
});

/** A message box. Pass role="alert" / "status" where it appears in answer to an action. */
export function Alert({
  tone,
  className,
  ref,
  ...props
}: HTMLAttributes<HTMLDivElement> & VariantProps<typeof VARIANTS> & { ref?: Ref<HTMLDivElement> }) {
  return <div data-slot="alert" ref={ref} className={alertClass({ tone, className })} {...props} />;
}

export function AlertTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  return <h3 data-slot="alert-title" className={`font-semibold ${className ?? ""}`} {...props} />;
}
