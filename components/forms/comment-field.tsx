// The required comment of a one-field form (a review flag, clearing it, rejecting a four-eyes
// request): its label, the hint that says who will read it, and the error in its place of the hint,
// wired with aria-invalid / aria-describedby. The form registers the field and words the error.
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";

export function CommentField({ id, label, hint, error, registration }: { id: string; label: string; hint: string; error: string | undefined; registration: UseFormRegisterReturn }) {
  return (
    <Field invalid={Boolean(error)}>
      <FieldLabel htmlFor={`${id}-comment`} required>
        {label}
      </FieldLabel>
      <Textarea id={`${id}-comment`} autoFocus rows={3} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : `${id}-hint`} {...registration} />
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : <FieldDescription id={`${id}-hint`}>{hint}</FieldDescription>}
    </Field>
  );
}
