// Field layout primitives (shadcn's Field / FieldLabel / FieldError, owned here): the control
// carries aria-invalid and aria-describedby; FieldError is the element those ids point at.
import type { HTMLAttributes, LabelHTMLAttributes, ReactNode } from "react";
import { cn } from "./variants";

export function Field({ className, invalid, ...props }: HTMLAttributes<HTMLDivElement> & { invalid?: boolean }) {
  return <div data-slot="field" data-invalid={invalid || undefined} className={cn("flex min-w-0 flex-col gap-1.5", className)} {...props} />;
}

export function FieldLabel({
  className,
  required,
  requiredLabel,
  children,
  ...props
}: LabelHTMLAttributes<HTMLLabelElement> & { required?: boolean; requiredLabel?: string }) {
  return (
    <label data-slot="field-label" className={cn("text-sm font-medium text-slate-700", className)} {...props}>
      {children}
      {required ? (
        <span className="ml-0.5 text-red-600" title={requiredLabel}>
          <span aria-hidden="true">*</span>
          {requiredLabel ? <span className="sr-only">{requiredLabel}</span> : null}
        </span>
      ) : null}
    </label>
  );
}

export function FieldDescription({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p data-slot="field-description" className={cn("text-xs text-slate-500", className)} {...props} />;
}

/** The error under a control; renders nothing without a message so aria-describedby stays clean. */
export function FieldError({ id, children, className }: { id?: string; children?: ReactNode; className?: string }) {
  if (children === undefined || children === null || children === "") return null;
  return (
    <p id={id} data-slot="field-error" className={cn("text-xs font-medium text-red-700", className)}>
      {children}
    </p>
  );
}

export function FieldSet({ className, ...props }: HTMLAttributes<HTMLFieldSetElement>) {
  return <fieldset data-slot="field-set" className={cn("min-w-0 space-y-3", className)} {...props} />;
}

export function FieldLegend({ className, ...props }: HTMLAttributes<HTMLLegendElement>) {
  return <legend data-slot="field-legend" className={cn("mb-2 text-base font-semibold text-slate-900", className)} {...props} />;
}
