// What a route shows while the server prepares its page (the route's loading.tsx): one status line
// that assistive technology announces, and grey blocks shaped like the page (passed as children) so
// that nothing jumps when the page arrives. The region is aria-busy until the page replaces it.
import type { ReactNode } from "react";
import { Spinner } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

export function PageLoading({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div aria-busy="true" data-testid="page-loading" className="space-y-4">
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner className="text-blue-700" />
        {label}
      </p>
      {children}
    </div>
  );
}

/** The page heading's place: a title bar and, below it, an intro line. */
export function HeadingSkeleton({ intro = true }: { intro?: boolean }) {
  return (
    <div className="space-y-2">
      <Skeleton className="h-8 w-64 max-w-full" />
      {intro ? <Skeleton className="h-4 w-[32rem] max-w-full" /> : null}
    </div>
  );
}

const ROW_WIDTHS = ["w-full", "w-11/12", "w-4/5"] as const;

/** A bordered panel with `rows` lines, like a card, a list or a table. */
export function PanelSkeleton({ rows, className }: { rows: number; className?: string }) {
  return (
    <div aria-hidden="true" className={`space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className ?? ""}`}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={`h-5 ${ROW_WIDTHS[i % ROW_WIDTHS.length]}`} />
      ))}
    </div>
  );
}
