import type { ButtonHTMLAttributes } from "react";
import { variants, type VariantProps } from "./variants";

const VARIANTS = {
  variant: {
    primary: "bg-blue-600 text-white shadow-sm hover:bg-blue-700 disabled:bg-blue-300",
    secondary: "border border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50 disabled:text-slate-400",
    ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-400",
    danger: "bg-red-600 text-white shadow-sm hover:bg-red-700 disabled:bg-red-300",
    link: "text-blue-700 underline-offset-2 hover:underline disabled:text-slate-400",
  },
  size: {
    sm: "h-8 px-2.5 text-sm",
    md: "h-9 px-3.5 text-sm",
    lg: "h-11 px-5 text-base",
    icon: "h-8 w-8 justify-center",
  },
};

export const buttonClass = variants(
  "inline-flex shrink-0 items-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors " +
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed",
  VARIANTS,
  { variant: "secondary", size: "md" },
);

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & VariantProps<typeof VARIANTS>;

/** A button; `type` defaults to "button" so that only the explicit submit button submits a form. */
export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button data-slot="button" type={type} className={buttonClass({ variant, size, className })} {...props} />;
}

/** A small spinner for buttons that wait (hidden from assistive technology; the label says it). */
export function Spinner({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent ${className ?? ""}`}
    />
  );
}
