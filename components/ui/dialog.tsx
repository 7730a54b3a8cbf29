"use client";
// A modal dialog on the native <dialog> element: showModal() gives the focus trap, the inert
// background and Esc for free, with no dialog library in the bundle. `dismissible={false}` blocks
// Esc while something is in flight. `size`: "md" for content such as the order confirmation, "sm"
// for a short question or a one-field form.
import { useEffect, useRef, type HTMLAttributes, type ReactNode, type RefObject } from "react";
import { cn, variants, type VariantProps } from "./variants";

const VARIANTS = {
  size: { md: "w-[min(48rem,calc(100vw-2rem))]", sm: "w-[min(28rem,calc(100vw-2rem))]" },
};

const dialogClass = variants(
  "m-auto max-h-[90vh] overflow-y-auto rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/50",
  VARIANTS,
  { size: "md" },
);

export interface DialogProps extends VariantProps<typeof VARIANTS> {
  open: boolean;
  onClose(): void;
  /** id of the element that names the dialog. */
  labelledBy: string;
  describedBy?: string;
  dismissible?: boolean;
  /** Element focused when the dialog opens (defaults to the browser's choice: the first focusable). */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  children: ReactNode;
}

export function Dialog({ open, onClose, labelledBy, describedBy, dismissible = true, initialFocus, size, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      initialFocus?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  return (
    <dialog
      ref={ref}
      data-slot="dialog"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose();
      }}
      onClose={() => {
        if (open) onClose();
      }}
      className={dialogClass({ size, className })}
    >
      {open ? children : null}
    </dialog>
  );
}

export function DialogHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("border-b border-slate-200 px-6 py-4", className)} {...props} />;
}

export function DialogBody({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("space-y-4 px-6 py-4", className)} {...props} />;
}

export function DialogFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3", className)} {...props} />;
}

export function DialogTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  return <h2 data-slot="dialog-title" className={cn("text-lg font-semibold", className)} {...props} />;
}
