// The label → value facts of an answer (new state, total, Request-ID, WeChat's code, trail row),
// laid out as a definition list inside the answer's alert.
import type { ReactNode } from "react";

export interface Fact {
  label: string;
  value: ReactNode;
  testId?: string;
}

export function Facts({ rows }: { rows: Fact[] }) {
  return (
    <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
      {rows.map((r) => (
        <div key={r.label} className="contents">
          <dt className="opacity-75">{r.label}</dt>
          <dd className="break-all" data-testid={r.testId}>
            {r.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
