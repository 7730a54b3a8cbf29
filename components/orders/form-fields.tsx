"use client";
// Form-bound fields of the order forms: a label tied to its control, the control's aria-invalid and
// aria-describedby, and the field's error in the agent's language. Schema and rule messages are
// codes ("too_long;max=30", see lib/payscore/issues); they are decoded and translated here.
import { useCallback, useId, type HTMLAttributes, type InputHTMLAttributes, type ReactNode } from "react";
import { get, useFormContext, useFormState, type FieldErrors } from "react-hook-form";
import { useTranslations } from "next-intl";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Checkbox, Input, Textarea } from "@/components/ui/input";
import { cn } from "@/components/ui/variants";
import { formatFen } from "@/lib/money";
import { issueMessageValues } from "@/lib/orders/issue-values";
import { ruleIssueFromMessage, type RuleIssue } from "@/lib/payscore/issues";

/** Turns a schema/rule message code (or a RuleIssue) into a sentence without the field's name. */
export function useIssueText(): (message: string | RuleIssue | undefined) => string | undefined {
  const t = useTranslations("orderForm.issues");
  return useCallback(
    (message) => {
      if (message === undefined || message === "") return undefined;
      const issue = typeof message === "string" ? ruleIssueFromMessage([], message) : message;
      if (!issue) return t("invalid_value", issueMessageValues({ path: [], code: "invalid_value" }, formatFen));
      return t(issue.code, issueMessageValues(issue, formatFen));
    },
    [t],
  );
}

/** The raw message of a field's error; for a list (payments, discounts) its root error. */
export function errorMessageAt(errors: FieldErrors, name: string): string | undefined {
  const error: unknown = get(errors, name);
  if (!error || typeof error !== "object") return undefined;
  const own = (error as { message?: unknown }).message;
  if (typeof own === "string" && own !== "") return own;
  const root = (error as { root?: { message?: unknown } }).root?.message;
  return typeof root === "string" && root !== "" ? root : undefined;
}

/** The translated error of one field (re-renders only when that field's error changes). */
export function useFieldErrorText(name: string): string | undefined {
  const { errors } = useFormState({ name: name as never });
  const text = useIssueText();
  return text(errorMessageAt(errors, name));
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined === "" ? undefined : joined;
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "children"> {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  fieldClassName?: string;
  /** Shown after the label (e.g. a character count). */
  aside?: ReactNode;
}

/** A labelled text input (or textarea) registered with the surrounding form. */
export function TextField({ name, label, hint, required, multiline, rows, fieldClassName, aside, className, ...inputProps }: TextFieldProps) {
  const { register } = useFormContext();
  const t = useTranslations("orderForm");
  const id = useId();
  const message = useFieldErrorText(name);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const aria = {
    id,
    "aria-invalid": message ? true : undefined,
    "aria-describedby": describedBy(message !== undefined && errorId, hint !== undefined && hintId),
    "aria-required": required || undefined,
  };
  return (
    <Field invalid={message !== undefined} className={fieldClassName}>
      <div className="flex items-baseline justify-between gap-2">
        <FieldLabel htmlFor={id} required={required} requiredLabel={t("common.required")}>
          {label}
        </FieldLabel>
        {aside}
      </div>
      {multiline ? (
        <Textarea rows={rows ?? 3} className={className} {...aria} {...register(name)} />
      ) : (
        <Input autoComplete="off" className={className} {...aria} {...inputProps} {...register(name)} />
      )}
      {hint !== undefined ? <FieldDescription id={hintId}>{hint}</FieldDescription> : null}
      <FieldError id={errorId}>{message}</FieldError>
    </Field>
  );
}

export function CheckboxField({ name, label, hint }: { name: string; label: ReactNode; hint?: ReactNode }) {
  const { register } = useFormContext();
  const id = useId();
  const message = useFieldErrorText(name);
  return (
    <Field invalid={message !== undefined}>
      <div className="flex items-start gap-2">
        <Checkbox
          id={id}
          className="mt-0.5"
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(hint !== undefined && `${id}-hint`, message !== undefined && `${id}-error`)}
          {...register(name)}
        />
        <div>
          <FieldLabel htmlFor={id}>{label}</FieldLabel>
          {hint !== undefined ? <FieldDescription id={`${id}-hint`}>{hint}</FieldDescription> : null}
        </div>
      </div>
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </Field>
  );
}

/**
 * An error that belongs to no single input (a whole list, a computed total): focusable, so "focus
 * the first error" can land on it.
 */
export function AnchoredError({ name, className }: { name: string; className?: string }) {
  const message = useFieldErrorText(name);
  if (message === undefined) return null;
  return (
    <p data-error-anchor="" tabIndex={-1} className={cn("rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 focus-visible:outline-2 focus-visible:outline-red-600", className)}>
      {message}
    </p>
  );
}

/** A read-only value with a label (the mode's own fields: appid, sub_mchid…). */
export function ReadOnlyValue({ label, value, mono = true, ...props }: { label: ReactNode; value: ReactNode; mono?: boolean } & HTMLAttributes<HTMLDivElement>) {
  return (
    <div className="min-w-0" {...props}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={cn("mt-0.5 text-sm break-all text-slate-900", mono && "font-mono")}>{value}</dd>
    </div>
  );
}

/** First invalid control or error anchor in document order, i.e. the first error as the agent sees it. */
export function focusFirstError(root: HTMLElement | null): boolean {
  const target = root?.querySelector<HTMLElement>('[aria-invalid="true"], [data-error-anchor]');
  if (!target) return false;
  target.focus({ preventScroll: true });
  // Centre it: a bar stuck to the bottom of the viewport must not cover the field.
  target.scrollIntoView({ block: "center" });
  return true;
}
