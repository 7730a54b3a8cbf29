"use client";
// The confirmation before money moves: old → new per line (paired by name) and in total, with the
// difference and the submission's other facts, restated in a modal the agent confirms or cancels.
import { useId, useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { Dialog, DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { cn } from "@/components/ui/variants";
import { formatFen, formatFenDelta } from "@/lib/money";
import { compareLines, type LineChange, type LineSnapshot } from "@/lib/orders/line-changes";
import type { TServiceOrder } from "@/lib/payscore/order";

function LineText({ line }: { line: LineSnapshot | null }) {
  const t = useTranslations("orderForm.confirm");
  if (!line) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-col">
      {line.amount !== undefined ? <span className="font-medium tabular-nums">{formatFen(line.amount)}</span> : null}
      {line.description !== undefined ? <span className="text-slate-600">{line.description}</span> : null}
      {line.count !== undefined ? <span className="text-xs text-slate-500">{t("count", { count: line.count })}</span> : null}
      {line.amount === undefined && line.description === undefined && line.count === undefined ? <span className="text-slate-400">—</span> : null}
    </span>
  );
}

const CHANGE_TONE: Record<LineChange["kind"], BadgeTone> = { added: "success", removed: "danger", changed: "warning", same: "neutral" };

function ChangesTable({ caption, changes }: { caption: string; changes: LineChange[] }) {
  const t = useTranslations("orderForm.confirm");
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="mb-1 text-left font-medium text-slate-900">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
          <th scope="col" className="py-1.5 pr-3 font-medium">
            {t("name")}
          </th>
          <th scope="col" className="py-1.5 pr-3 font-medium">
            {t("before")}
          </th>
          <th scope="col" className="py-1.5 pr-3 font-medium">
            {t("after")}
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i} className={cn("border-b border-slate-100 align-top", c.kind === "same" && "text-slate-500")}>
            <th scope="row" className="py-2 pr-3 text-left font-medium">
              <span className="block">{c.name || "—"}</span>
              <Badge tone={CHANGE_TONE[c.kind]} className="mt-1">
                {t(`kind.${c.kind}`)}
              </Badge>
            </th>
            <td className={cn("py-2 pr-3", c.kind === "removed" && "line-through")}>
              <LineText line={c.before} />
            </td>
            <td className="py-2 pr-3">
              <LineText line={c.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ConfirmDialogProps {
  kind: "modify" | "complete";
  open: boolean;
  sending: boolean;
  order: TServiceOrder;
  body: {
    post_payments: LineSnapshot[];
    post_discounts: LineSnapshot[];
    total_amount: number;
  } | null;
  totalBefore: number | null;
  /** Extra facts of this submission (reason, times, location…), as label → value. */
  facts: { label: string; value: ReactNode }[];
  /** The policy wants a supervisor: confirming submits a request, WeChat Pay is not called. */
  needsApproval?: boolean;
  onCancel(): void;
  onConfirm(): void;
}

export function ConfirmDialog({ kind, open, sending, order, body, totalBefore, facts, needsApproval = false, onCancel, onConfirm }: ConfirmDialogProps) {
  const t = useTranslations("orderForm.confirm");
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const delta = body && totalBefore !== null ? body.total_amount - totalBefore : null;
  const discountChanges = body ? compareLines(order.post_discounts, body.post_discounts) : [];
  return (
    <Dialog open={open && body !== null} onClose={onCancel} labelledBy={titleId} dismissible={!sending} initialFocus={headingRef}>
      {body ? (
        <>
          <DialogHeader>
            <h2 id={titleId} ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
              {t(kind === "modify" ? "titleModify" : "titleComplete")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {t("order")} <span className="font-mono">{order.out_order_no}</span>
            </p>
          </DialogHeader>
          <DialogBody>
            <div className="grid grid-cols-3 gap-3 rounded-lg bg-slate-50 p-3 text-sm">
              <div>
                <p className="text-xs text-slate-500">{t("totalBefore")}</p>
                <p className="text-base font-medium tabular-nums">{totalBefore === null ? "—" : formatFen(totalBefore)}</p>
              </div>
              <div>
                <p className="text-xs text-slate-500">{t("totalAfter")}</p>
                <p className="text-base font-semibold tabular-nums" data-testid="confirm-total">
                  {formatFen(body.total_amount)}
                </p>
              </div>
              <div>
                <p className="text-xs text-slate-500">{t("delta")}</p>
                <p className={cn("text-base font-medium tabular-nums", delta !== null && delta < 0 && "text-emerald-700", delta !== null && delta > 0 && kind === "modify" && "text-red-700")}>
                  {delta === null ? "—" : formatFenDelta(delta)}
                </p>
              </div>
            </div>
            <ChangesTable caption={t("payments")} changes={compareLines(order.post_payments, body.post_payments)} />
            {discountChanges.length > 0 ? <ChangesTable caption={t("discounts")} changes={discountChanges} /> : null}
            {facts.length > 0 ? (
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
                {facts.map((f) => (
                  <div key={f.label} className="contents">
                    <dt className="text-slate-500">{f.label}</dt>
                    <dd className="break-words">{f.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <p className="text-sm text-slate-600">{t(needsApproval ? "warningApproval" : kind === "modify" ? "warningModify" : "warningComplete")}</p>
          </DialogBody>
          <DialogFooter>
            <Button onClick={onCancel} disabled={sending}>
              {t("cancel")}
            </Button>
            <Button variant="primary" onClick={onConfirm} disabled={sending} aria-busy={sending || undefined}>
              {sending ? <Spinner /> : null}
              {sending ? t("sending") : t(needsApproval ? "confirmApproval" : kind === "modify" ? "confirmModify" : "confirmComplete")}
            </Button>
          </DialogFooter>
        </>
      ) : null}
    </Dialog>
  );
}
