"use client";
// The total field (typed, computed from the lines, or fixed at 0 — as the template says) and the
// always-visible summary: old total, new total, difference, and every rule that would refuse the
// request, before anything is sent.
import { useId, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button, Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/variants";
import { formatFen, formatFenDelta } from "@/lib/money";
import { formPathForIssue } from "@/lib/orders/issue-paths";
import type { LiveTotals } from "@/lib/orders/live-totals";
import type { RuleIssue } from "@/lib/payscore/issues";
import { AnchoredError, TextField, useIssueText } from "./form-fields";

export function TotalField({ totals }: { totals: LiveTotals }) {
  const t = useTranslations("orderForm");
  const id = useId();
  if (totals.mode === "entered") {
    return (
      <TextField
        name="total"
        label={t("total.label")}
        required
        inputMode="decimal"
        placeholder="0.00"
        hint={t("total.entered")}
        fieldClassName="max-w-xs"
      />
    );
  }
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium text-slate-700" id={id}>
        {t("total.computedLabel")}
      </p>
      <output aria-labelledby={id} className="block text-lg font-semibold tabular-nums text-slate-900">
        {totals.newTotal === null ? t("summary.unknown") : formatFen(totals.newTotal)}
      </output>
      <p className="text-xs text-slate-500">{totals.mode === "zero" ? t("total.zero") : t("total.computed")}</p>
      <AnchoredError name="total" />
    </div>
  );
}

/** "付费项目 2「骑行费用」· 金额" for a form path, so a problem in the summary says where it is. */
export function usePlaceLabel(): (formPath: string | null, lineNames: readonly string[]) => string {
  const t = useTranslations("orderForm.place");
  return (formPath, lineNames) => {
    if (formPath === null) return t("request");
    const [head, index, field] = formPath.split(".");
    if (head === "payments" || head === "discounts") {
      if (index === undefined) return t(head);
      const n = Number(index) + 1;
      const line = head === "payments" ? t("paymentLine", { n, name: lineNames[Number(index)] ?? "" }) : t("discountLine", { n });
      return field === undefined ? line : `${line} · ${t(`field.${field}`)}`;
    }
    if (head === "device" && index !== undefined) return t(`device.${index}`);
    return t.has(`top.${head}`) ? t(`top.${head}`) : formPath;
  };
}

export interface LiveSummaryProps {
  kind: "modify" | "complete";
  totals: LiveTotals;
  /** Why the order cannot take this operation now (state), if it cannot. */
  blockedReason: string | null;
  /** Rule problems with the values as typed (shown once the agent has touched the form). */
  issues: RuleIssue[];
  showIssues: boolean;
  lineNames: readonly string[];
  sending: boolean;
  /** Extra lines under the totals (modify count). */
  note?: ReactNode;
}

export function LiveSummary({ kind, totals, blockedReason, issues, showIssues, lineNames, sending, note }: LiveSummaryProps) {
  const t = useTranslations("orderForm");
  const text = useIssueText();
  const place = usePlaceLabel();
  const headingId = useId();
  const deltaTone =
    totals.delta === null || totals.delta === 0
      ? "text-slate-700"
      : kind === "modify"
        ? totals.delta < 0
          ? "text-emerald-700"
          : "text-red-700"
        : "text-slate-900";
  const money = (fen: number | null) => (fen === null ? t("summary.unknown") : formatFen(fen));
  const visibleIssues = showIssues ? issues : [];
  const pair = (label: string, value: ReactNode, opts: { testId?: string; strong?: boolean; tone?: string; barHidden?: boolean } = {}) => (
    <div className={cn("flex items-baseline justify-between gap-3 @lg:block", opts.barHidden && "@lg:hidden")}>
      <dt className="text-slate-500 @lg:text-xs">{label}</dt>
      <dd className={cn("text-right tabular-nums @lg:text-left", opts.strong && "text-base font-semibold @lg:text-lg", opts.tone)} data-testid={opts.testId}>
        {value}
      </dd>
    </div>
  );
  // In a narrow column (beside the fields) the summary is a card; in a wide one (below the fields,
  // stuck to the bottom of the viewport) it is a compact bar. Container queries, not the viewport.
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm @lg:px-4 @lg:py-3 @lg:shadow-[0_-4px_16px_rgba(15,23,42,0.10)]"
    >
      <h2 id={headingId} className="text-base font-semibold @lg:sr-only">
        {t("summary.title")}
      </h2>
      <div className="@lg:flex @lg:items-center @lg:gap-6">
        <dl className="mt-3 space-y-1.5 text-sm @lg:mt-0 @lg:flex @lg:gap-6 @lg:space-y-0">
          {pair(t(kind === "modify" ? "summary.old" : "summary.oldComplete"), money(totals.oldTotal))}
          {pair(t("summary.new"), money(totals.newTotal), { testId: "new-total", strong: true })}
          {pair(t("summary.delta"), totals.delta === null ? t("summary.unknown") : formatFenDelta(totals.delta), { testId: "total-delta", tone: cn("font-medium", deltaTone) })}
          {pair(t("summary.riskFund"), money(totals.riskFund), { barHidden: true })}
          {totals.mode === "sum" ? (
            <>
              {pair(t("summary.payments"), money(totals.paymentsFen), { barHidden: true })}
              {pair(t("summary.discounts"), money(totals.discountsFen), { barHidden: true })}
            </>
          ) : null}
        </dl>
        <Button
          type="submit"
          variant="primary"
          size="lg"
          className="mt-4 w-full justify-center @lg:mt-0 @lg:ml-auto @lg:w-auto"
          disabled={sending || blockedReason !== null}
        >
          {sending ? <Spinner /> : null}
          {sending ? t("actions.sending") : t(kind === "modify" ? "actions.reviewModify" : "actions.reviewComplete")}
        </Button>
      </div>
      {note ? <div className="mt-3 text-sm text-slate-600 @lg:mt-2 @lg:text-xs">{note}</div> : null}

      <div aria-live="polite" className="mt-3 max-h-48 space-y-2 overflow-y-auto @lg:mt-2 @lg:max-h-32">
        {blockedReason ? (
          <p data-error-anchor="" tabIndex={-1} className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
            {blockedReason}
          </p>
        ) : null}
        {visibleIssues.length > 0 ? (
          <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="live-problems">
            <p className="font-medium">{t("summary.problems")}</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {visibleIssues.slice(0, 8).map((issue, i) => (
                <li key={i}>
                  <span className="font-medium">{place(formPathForIssue(issue.path), lineNames)}</span>：{text(issue)}
                </li>
              ))}
              {visibleIssues.length > 8 ? <li>{t("summary.moreProblems", { count: visibleIssues.length - 8 })}</li> : null}
            </ul>
          </div>
        ) : null}
        <AnchoredError name="root.rules" />
      </div>
      <p className="mt-2 text-xs text-slate-500 @lg:hidden">{t("actions.reviewHint")}</p>
    </section>
  );
}
