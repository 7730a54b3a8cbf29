"use client";
// What the agent sees around a send: the confirmation that restates old → new per line and in
// total, the answer (new state, difference, Request-ID — or the error in plain language with
// WeChat's code), and a notice when the order changed under an open form.
import { useId, useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { Dialog, DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { cn } from "@/components/ui/variants";
import { upstreamMessageCode } from "@/lib/actions/error-message";
import { formatFen, formatFenDelta } from "@/lib/money";
import { formPathForIssue } from "@/lib/orders/issue-paths";
import { compareLines, type LineChange, type LineSnapshot } from "@/lib/orders/line-changes";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import type { OrderChange } from "@/lib/orders/order-version";
import type { TServiceOrder } from "@/lib/payscore/order";
import { useIssueText } from "./form-fields";
import { usePlaceLabel } from "./amount-summary";
import type { Outcome } from "./use-order-operation";

type Kind = "modify" | "complete";

/** Failures after which the server queried the order to learn the outcome (and found it unchanged). */
const RECONCILED_CODES = /^(RESPONSE_|REQUEST_TIMEOUT$|NETWORK_ERROR$)/;

// ---------------------------------------------------------------------------------------------
// Confirmation
// ---------------------------------------------------------------------------------------------

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
  kind: Kind;
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
  onCancel(): void;
  onConfirm(): void;
}

export function ConfirmDialog({ kind, open, sending, order, body, totalBefore, facts, onCancel, onConfirm }: ConfirmDialogProps) {
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
            <p className="text-sm text-slate-600">{t(kind === "modify" ? "warningModify" : "warningComplete")}</p>
          </DialogBody>
          <DialogFooter>
            <Button onClick={onCancel} disabled={sending}>
              {t("cancel")}
            </Button>
            <Button variant="primary" onClick={onConfirm} disabled={sending} aria-busy={sending || undefined}>
              {sending ? <Spinner /> : null}
              {sending ? t("sending") : t(kind === "modify" ? "confirmModify" : "confirmComplete")}
            </Button>
          </DialogFooter>
        </>
      ) : null}
    </Dialog>
  );
}

// ---------------------------------------------------------------------------------------------
// Answer
// ---------------------------------------------------------------------------------------------

const STATE_TONE: Record<string, BadgeTone> = { CREATED: "neutral", DOING: "info", DONE: "success", REVOKED: "danger", EXPIRED: "danger" };

export function OrderStateBadges({ order }: { order: TServiceOrder }) {
  const t = useTranslations("orderForm.orderState");
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={STATE_TONE[order.state] ?? "neutral"}>{t(order.state)}</Badge>
      {order.state_description ? <Badge tone="info">{t(order.state_description)}</Badge> : null}
      {order.collection ? <Badge tone={order.collection.state === "USER_PAID" ? "success" : "warning"}>{t(order.collection.state)}</Badge> : null}
    </span>
  );
}

function ChangeList({ changes }: { changes: OrderChange[] }) {
  const t = useTranslations("orderForm.changes");
  const ts = useTranslations("orderForm.orderState");
  const money = (v: number | null) => (v === null ? "—" : formatFen(v));
  const state = (v: string | null) =>
    v === null
      ? "—"
      : v
          .split("/")
          .map((part) => (ts.has(part) ? ts(part) : part))
          .join(" / ");
  if (changes.length === 0) return <p>{t("other")}</p>;
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-5">
      {changes.map((c, i) => (
        <li key={i}>
          {c.field === "post_payments" || c.field === "post_discounts"
            ? t(c.field)
            : c.field === "state" || c.field === "collection_state"
              ? t(c.field, { before: state(c.before), after: state(c.after) })
              : t(c.field, { before: money(c.before), after: money(c.after) })}
        </li>
      ))}
    </ul>
  );
}

export function DriftNotice({ changes, onUseCurrent }: { changes: OrderChange[]; onUseCurrent(): void }) {
  const t = useTranslations("orderForm.drift");
  return (
    <Alert tone="warning" role="status">
      <AlertTitle>{t("title")}</AlertTitle>
      <ChangeList changes={changes} />
      <p className="mt-2">{t("body")}</p>
      <Button size="sm" className="mt-2" onClick={onUseCurrent}>
        {t("useCurrent")}
      </Button>
    </Alert>
  );
}

function Facts({ rows }: { rows: { label: string; value: ReactNode; testId?: string }[] }) {
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

/**
 * The answer of a modify or complete that went through, as the server confirmed it: new state,
 * total before → after, difference, Request-ID. Also usable by a page that shows the last result
 * after the form itself is gone (e.g. a completed order no longer offers the complete form).
 */
export function OperationResultPanel({
  kind,
  data,
  id,
  onDismiss,
}: {
  kind: Kind;
  data: OperationSuccess;
  id?: string;
  onDismiss?: () => void;
}) {
  const t = useTranslations("orderForm.outcome");
  return (
    <Alert id={id} tabIndex={-1} tone="success" role="status" data-testid="operation-result">
      <div className="flex items-start gap-2">
        <AlertTitle>{t(kind === "modify" ? "successModify" : "successComplete")}</AlertTitle>
        {onDismiss ? (
          <Button variant="ghost" size="sm" onClick={onDismiss} className="ml-auto">
            {t("dismiss")}
          </Button>
        ) : null}
      </div>
      <Facts
        rows={[
          { label: t("newState"), value: data.order ? <OrderStateBadges order={data.order} /> : t("stateUnknown") },
          {
            label: t("total"),
            value:
              data.totalAfter === null ? "—" : data.totalBefore === null ? formatFen(data.totalAfter) : `${formatFen(data.totalBefore)} → ${formatFen(data.totalAfter)}`,
            testId: "result-total",
          },
          { label: t("delta"), value: data.delta === null ? "—" : formatFenDelta(data.delta), testId: "result-delta" },
          { label: "Request-ID", value: <span className="font-mono">{data.requestId ?? t("none")}</span>, testId: "result-request-id" },
          { label: t("trail"), value: <span className="font-mono">{data.trailId}</span> },
        ]}
      />
      {data.replayed ? <p className="mt-2">{t("replayed")}</p> : null}
      {data.order === null ? <p className="mt-2">{t("orderUnknown")}</p> : null}
    </Alert>
  );
}

export interface OutcomePanelProps {
  kind: Kind;
  outcome: Outcome | null;
  panelId: string;
  lineNames: readonly string[];
  onReload(): void;
  onRetry: (() => void) | null;
  onDismiss(): void;
  sending: boolean;
}

export function OutcomePanel({ kind, outcome, panelId, lineNames, onReload, onRetry, onDismiss, sending }: OutcomePanelProps) {
  const t = useTranslations("orderForm.outcome");
  const tu = useTranslations("orderForm.upstream");
  const ts = useTranslations("orderForm.stateReason");
  const te = useTranslations("orderForm.errors");
  const text = useIssueText();
  const place = usePlaceLabel();
  if (!outcome) return <div id={panelId} tabIndex={-1} className="sr-only" />;

  const dismiss = (
    <Button variant="ghost" size="sm" onClick={onDismiss} className="ml-auto">
      {t("dismiss")}
    </Button>
  );
  const retry = onRetry ? (
    <Button size="sm" onClick={onRetry} disabled={sending}>
      {sending ? <Spinner /> : null}
      {t("retrySame")}
    </Button>
  ) : null;

  switch (outcome.kind) {
    case "success":
      return <OperationResultPanel kind={kind} data={outcome.data} id={panelId} onDismiss={onDismiss} />;
    case "changed":
      return (
        <Alert id={panelId} tabIndex={-1} tone="warning" role="alert" data-testid="operation-error" data-code="ORDER_CHANGED">
          <AlertTitle>{t("changedTitle")}</AlertTitle>
          <p className="mt-1">{t("changedBody")}</p>
          <ChangeList changes={outcome.changes} />
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" variant="primary" onClick={onReload}>
              {t("reload")}
            </Button>
          </div>
        </Alert>
      );
    case "busy": {
      const held = outcome.heldBy;
      const settled = held !== null && (held.status === "succeeded" || held.status === "failed");
      const name = held?.name ?? "—";
      return (
        <Alert id={panelId} tabIndex={-1} tone="warning" role="alert" data-testid="operation-error" data-code="ORDER_BUSY">
          <AlertTitle>{t(settled ? "busySettledTitle" : "busyTitle", { name })}</AlertTitle>
          <p className="mt-1">
            {!held || !settled ? t(held?.status === "unknown" ? "busyUnknown" : "busyPending", { name }) : held.status === "succeeded" ? t("busySucceeded", { name }) : t("busyFailed", { name })}
          </p>
          {outcome.changes.length > 0 ? <ChangeList changes={outcome.changes} /> : null}
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" variant="primary" onClick={onReload}>
              {t("reload")}
            </Button>
          </div>
        </Alert>
      );
    }
    case "reloaded":
      return (
        <Alert id={panelId} tabIndex={-1} tone="info" role="status">
          <div className="flex items-start gap-2">
            <p>{t("reloaded")}</p>
            {dismiss}
          </div>
        </Alert>
      );
    case "unreachable":
      return (
        <Alert id={panelId} tabIndex={-1} tone="danger" role="alert" data-testid="operation-error" data-code="UNREACHABLE">
          <AlertTitle>{t("unreachableTitle")}</AlertTitle>
          <p className="mt-1">{t("unreachableBody")}</p>
          <div className="mt-3 flex flex-wrap gap-2">{retry}</div>
        </Alert>
      );
    case "notLoaded":
      return (
        <Alert id={panelId} tabIndex={-1} tone="danger" role="alert" data-testid="operation-error" data-code="NOT_LOADED">
          <AlertTitle>{t("notLoadedTitle")}</AlertTitle>
          <p className="mt-1">{t("notLoadedBody")}</p>
        </Alert>
      );
    case "error": {
      const { error, unmapped } = outcome;
      const upstream = error.upstream;
      const rows: { label: string; value: ReactNode; testId?: string }[] = [];
      if (upstream) {
        rows.push({ label: t("wechatCode"), value: <span className="font-mono">{upstream.code}</span>, testId: "error-wechat-code" });
        if (upstream.message) rows.push({ label: t("wechatMessage"), value: upstream.message });
        if (upstream.httpStatus !== null) rows.push({ label: "HTTP", value: String(upstream.httpStatus) });
        rows.push({ label: "Request-ID", value: <span className="font-mono">{upstream.requestId ?? t("none")}</span>, testId: "error-request-id" });
      }
      if (error.trailId) rows.push({ label: t("trail"), value: <span className="font-mono">{error.trailId}</span> });
      const title =
        error.code === "UPSTREAM_ERROR"
          ? t("upstreamTitle")
          : error.code === "OUTCOME_UNKNOWN"
            ? t("unknownTitle")
            : error.code === "STATE_NOT_ALLOWED"
              ? t("stateTitle")
              : error.code === "RULE_VIOLATION" || error.code === "INVALID_INPUT"
                ? t("invalidTitle")
                : t("failedTitle");
      let explanation: string;
      if (error.code === "UPSTREAM_ERROR" && upstream) explanation = tu(upstreamMessageCode(upstream));
      else if (error.code === "STATE_NOT_ALLOWED") explanation = error.reason && ts.has(error.reason) ? ts(error.reason) : ts("unknown");
      else if (error.code === "RULE_VIOLATION" || error.code === "INVALID_INPUT")
        explanation = (error.issues ?? []).length > unmapped.length ? t("invalidMarked") : t("invalidGeneric");
      else explanation = te(error.code);
      return (
        <Alert id={panelId} tabIndex={-1} tone={error.code === "OUTCOME_UNKNOWN" ? "warning" : "danger"} role="alert" data-testid="operation-error" data-code={error.code}>
          <div className="flex items-start gap-2">
            <AlertTitle>{title}</AlertTitle>
            {error.code !== "OUTCOME_UNKNOWN" ? dismiss : null}
          </div>
          <p className="mt-1">{explanation}</p>
          {error.code === "UPSTREAM_ERROR" && upstream && RECONCILED_CODES.test(upstream.code) ? <p className="mt-1">{t("checked")}</p> : null}
          {unmapped.length > 0 ? (
            <ul className="mt-2 list-disc space-y-0.5 pl-5">
              {unmapped.map((issue, i) => (
                <li key={i}>
                  <span className="font-medium">{place(formPathForIssue(issue.path), lineNames)}</span>
                  {formPathForIssue(issue.path) === null ? <span className="font-mono"> ({issue.path.join(".")})</span> : null}：{text(issue)}
                </li>
              ))}
            </ul>
          ) : null}
          {rows.length > 0 ? <Facts rows={rows} /> : null}
          {error.code === "UPSTREAM_ERROR" || error.code === "RULE_VIOLATION" || error.code === "INVALID_INPUT" ? <p className="mt-2">{t("kept")}</p> : null}
          {error.code === "OUTCOME_UNKNOWN" || error.code === "INTERNAL_ERROR" || error.code === "SERVICE_UNAVAILABLE" || error.code === "STATE_NOT_ALLOWED" ? (
            <div className="mt-3 flex flex-wrap gap-2">
              {error.code !== "STATE_NOT_ALLOWED" ? retry : null}
              {error.code !== "INTERNAL_ERROR" && error.code !== "SERVICE_UNAVAILABLE" ? (
                <Button size="sm" onClick={onReload} disabled={sending}>
                  {t("reload")}
                </Button>
              ) : null}
            </div>
          ) : null}
        </Alert>
      );
    }
  }
}
