import type { InputHTMLAttributes, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "./variants";

// Invalid state comes from aria-invalid (set by the field), so styling and accessibility agree.
const CONTROL =
  "block w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs " +
  "placeholder:text-slate-400 focus-visible:border-blue-600 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-blue-600/40 " +
  "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 read-only:bg-slate-50 " +
  "aria-invalid:border-red-500 aria-invalid:focus-visible:outline-red-500/40";

export function Input({ className, ref, ...props }: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return <input data-slot="input" ref={ref} className={cn(CONTROL, "h-9", className)} {...props} />;
}

export function Textarea({
  className,
  ref,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return <textarea data-slot="textarea" ref={ref} className={cn(CONTROL, "min-h-20 py-2", className)} {...props} />;
}

/** A native select: keyboard and screen-reader behaviour for free, no popover code in the bundle. */
export function Select({ className, ref, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return <select data-slot="select" ref={ref} className={cn(CONTROL, "h-9 pr-8", className)} {...props} />;
}

export function Checkbox({ className, ref, ...props }: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <input
      data-slot="checkbox"
      type="checkbox"
      ref={ref}
      className={cn(
        "h-4 w-4 rounded border-slate-300 accent-blue-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
        className,
      )}
      {...props}
    />
  );
}
