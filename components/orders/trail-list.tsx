// This order's trail rows, newest first: who, when, what, before → after, status, and the WeChat
// code and Request-ID of failures.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { reconcileAction } from "@/server/actions/reconcile";
import type { TrailRowView } from "@/lib/orders/snapshot";
import { formatFen, formatFenDelta } from "@/lib/money";
import { isReasonCategory, reasonLabel } from "@/lib/orders/reasons";
import { TrailNoteText } from "./trail-note";
import { UserText } from "@/components/text/user-text";
import { ReasonList } from "./approval-notes";

/** Four-eyes on a trail row: who approved or rejected it (with the comment), or until when it waits. */
function ApprovalLine({ row }: { row: TrailRowView }) {
  const t = useTranslations("orderForm.approval");
  const dateTime = useDateTime();
  const approval = row.approval;
  if (!approval) return null;
  const when = (iso: string) => dateTime(iso, "shortShort");
  return (
    <div className="text-xs text-slate-700" data-testid="trail-approval">
      {row.status === "awaiting_approval" ? <ReasonList reasons={approval.reasons} /> : null}
      {row.status === "awaiting_approval" && approval.expiresAt ? <p>{t("awaiting", { time: when(approval.expiresAt) })}</p> : null}
      {row.status === "rejected" && approval.decidedBy ? (
        <p className="text-red-800">
          {t("rejectedBy", { name: approval.decidedBy, comment: "" })}
          <UserText text={approval.comment ?? ""} />
        </p>
      ) : null}
      {(row.status === "succeeded" || row.status === "failed" || row.status === "unknown" || row.status === "pending") && approval.decidedBy ? (
        <p>{t("decidedBy", { name: approval.decidedBy })}</p>
      ) : null}
    </div>
  );
}

const STATUS_TONE: Record<TrailRowView["status"], string> = {
  pending: "bg-slate-100 text-slate-800",
  succeeded: "bg-green-50 text-green-800",
  failed: "bg-red-50 text-red-800",
  unknown: "bg-amber-50 text-amber-900",
  awaiting_approval: "bg-blue-50 text-blue-800",
  rejected: "bg-red-50 text-red-800",
  withdrawn: "bg-slate-100 text-slate-700",
  expired: "bg-slate-100 text-slate-700",
};

/** Settles a pending/unknown row now by querying the order (the server decides by the evidence). */
function ReconcileButton({ trailId, onDone }: { trailId: string; onDone: () => void }) {
  const t = useTranslations("orders.order");
  // A write like the others: through a mutation; whatever the answer, the page reads the order again.
  const reconcile = useMutation({ mutationFn: reconcileAction, onSettled: onDone });
  return (
    <button
      type="button"
      disabled={reconcile.isPending}
      onClick={() => reconcile.mutate({ trailId })}
      className="rounded border border-amber-300 bg-white px-2 py-0.5 text-xs text-amber-900 hover:bg-amber-50 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60"
    >
      {t("reconcile")}
    </button>
  );
}

export function TrailList({ rows, locale, canReconcile = false, onReconciled }: { rows: TrailRowView[]; locale: string; canReconcile?: boolean; onReconciled?: () => void }) {
  const t = useTranslations("orders");
  const dateTime = useDateTime();
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("order.trailEmpty")}</p>;
  return (
    <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label={t("order.trail")}>
      {rows.map((row) => (
        <li key={row.id} className="space-y-1 p-3 text-sm" data-testid="trail-row" data-status={row.status}>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONE[row.status]}`}>{t(`trailStatus.${row.status}`)}</span>
            <span className="font-medium">{t(`operations.${row.operation}`)}</span>
            {row.appliedLate ? (
              <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900" data-testid="applied-late-badge">
                {t("order.appliedLateBadge")}
              </span>
            ) : null}
            <span className="text-slate-600">
              {row.operation === "external" ? t("order.externalActor") : <UserText text={row.userName} />} · {dateTime(row.createdAt, "shortMedium")}
            </span>
            {row.totalBefore !== null && row.totalAfter !== null ? (
              <span className="tabular-nums">
                {formatFen(row.totalBefore)} → {formatFen(row.totalAfter)}{" "}
                <span className={row.delta !== null && row.delta < 0 ? "text-green-700" : "text-slate-600"}>({formatFenDelta(row.delta ?? 0)})</span>
              </span>
            ) : null}
          </div>
          {row.reasonText || isReasonCategory(row.reasonCategory) ? (
            <p className="text-slate-700">
              {reasonLabel(row.reasonCategory, locale)}
              {row.reasonText ? (
                <>
                  ：<UserText text={row.reasonText} />
                </>
              ) : null}
            </p>
          ) : null}
          <ApprovalLine row={row} />
          {row.wechatCode ? (
            <p className="text-xs text-red-800">
              <span className="font-mono">{row.wechatCode}</span> {row.wechatMessage}
            </p>
          ) : null}
          {row.requestId ? <p className="font-mono text-xs text-slate-500">Request-ID {row.requestId}</p> : null}
          {row.reconcileNote ? (
            <p className="text-xs text-slate-500">
              <TrailNoteText note={row.reconcileNote} />
            </p>
          ) : null}
          {row.appliedLate ? (
            <p className="text-xs text-amber-900">
              {t("order.appliedLate", {
                time: dateTime(row.appliedLate.detectedAt, "shortMedium"),
                total: row.appliedLate.totalSeen === null ? "—" : formatFen(row.appliedLate.totalSeen),
                delta: formatFenDelta(row.appliedLate.delta ?? 0),
              })}
            </p>
          ) : null}
          {canReconcile && (row.status === "pending" || row.status === "unknown") ? (
            <ReconcileButton trailId={row.id} onDone={() => onReconciled?.()} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
