import type { HTMLAttributes, ReactNode } from "react";
import { useId } from "react";
import { cn } from "./variants";

/** A titled section of a page or form (the title names the region for assistive technology). */
export function Card({
  title,
  description,
  actions,
  className,
  children,
  ...props
}: Omit<HTMLAttributes<HTMLElement>, "title"> & { title?: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section
      data-slot="card"
      aria-labelledby={title ? id : undefined}
      className={cn("rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5", className)}
      {...props}
    >
      {title ? (
        <div className="mb-4 flex flex-wrap items-start gap-2">
          <div className="min-w-0">
            <h2 id={id} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
          </div>
          {actions ? <div className="ml-auto flex gap-2">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
