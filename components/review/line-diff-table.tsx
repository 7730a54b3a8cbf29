// The line-by-line difference of one change's post_payments or post_discounts (lib/review/line-diff.ts)
// as a table: each line before and after, the fields that changed in bold, what happened to the line
// in words (colour is never the only signal). Used by the review detail and the approval page.
import { useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";
import type { LineDiffRow, LineValues } from "@/lib/review/line-diff";

const CHANGE_CLASS: Record<LineDiffRow["change"], string> = {
  added: "bg-emerald-50",
  removed: "bg-red-50",
  changed: "bg-amber-50",
  unchanged: "",
};

function LineCell({ line, changed, missing }: { line: LineValues | null; changed: readonly string[]; missing: string }) {
  if (!line) return <span className="text-slate-400">{missing}</span>;
  const mark = (field: string) => (changed.includes(field) ? "font-semibold text-slate-900" : "text-slate-700");
  return (
    <span className="block space-y-0.5">
      {line.amount !== undefined ? <span className={`block tabular-nums ${mark("amount")}`}>{formatFen(line.amount)}</span> : null}
      {line.description !== undefined ? <span className={`block text-xs break-words ${mark("description")}`}>{line.description}</span> : null}
      {line.count !== undefined ? <span className={`block text-xs ${mark("count")}`}>× {line.count}</span> : null}
    </span>
  );
}

export function LineDiffTable({ title, rows, testId }: { title: string; rows: LineDiffRow[]; testId: string }) {
  const t = useTranslations("review");
  return (
    <div className="min-w-0">
      <h4 className="mb-1 text-sm font-medium text-slate-700">{title}</h4>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("detail.noLines")}</p>
      ) : (
        <table className="w-full border-collapse text-sm" data-testid={testId}>
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">{t("detail.lineName")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("detail.before")}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t("detail.after")}</th>
              <th scope="col" className="py-1 font-medium">{t("detail.change")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={`${row.name}-${index}`} data-change={row.change} className={`border-t border-slate-100 align-top ${CHANGE_CLASS[row.change]}`}>
                <th scope="row" className="py-1.5 pr-2 text-left font-normal break-words text-slate-800">{row.name}</th>
                <td className="py-1.5 pr-2">
                  <LineCell line={row.before} changed={row.changedFields} missing="—" />
                </td>
                <td className="py-1.5 pr-2">
                  <LineCell line={row.after} changed={row.changedFields} missing="—" />
                </td>
                <td className="py-1.5 text-xs whitespace-nowrap text-slate-700">
                  {t(`detail.changes.${row.change}`)}
                  {row.change === "changed" ? (
                    <span className="block text-slate-500">{row.changedFields.map((field) => t(`detail.fields.${field}`)).join("、")}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
