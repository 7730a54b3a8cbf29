// The card a page shows instead of itself when it cannot be shown to this visitor: the status code
// (403 from app/forbidden.tsx, 404 from the not-found.tsx files), what happened and why that may
// be, and the way on.
import type { ReactNode } from "react";

export function StatusPanel({ code, title, body, children }: { code: string; title: string; body: string; children: ReactNode }) {
  return (
    <section aria-labelledby="status-title" data-testid={`status-${code}`} className="mx-auto mt-12 max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-medium text-slate-500">{code}</p>
      <h1 id="status-title" className="mt-2 text-2xl font-semibold text-slate-900">
        {title}
      </h1>
      <p className="mt-3 text-slate-600">{body}</p>
      <div className="mt-6">{children}</div>
    </section>
  );
}

/** The link onward, as the panel's one action. */
export const STATUS_LINK_CLASS =
  "inline-block rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
