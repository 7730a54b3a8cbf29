"use client";
// The answer panel under an order form: the new state after a success, or what went wrong in plain
// language (errorMessage, lib/actions/error-message) with WeChat's code and Request-ID beside it,
// the fields the form could not mark, and what the agent can do next (reload, retry with the same
// submission).
import { useTranslations } from "next-intl";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { errorMessage } from "@/lib/actions/error-message";
import { formPathForIssue } from "@/lib/orders/issue-paths";
import { usePlaceLabel } from "./amount-summary";
import { Facts, type Fact } from "./fact-list";
import { useIssueText } from "./form-fields";
import { OperationResultPanel } from "./operation-result-panel";
import { ChangeList } from "./order-changes";
import type { Outcome } from "./use-order-operation";

export interface OutcomePanelProps {
  kind: "modify" | "complete" | "cancel" | "sync";
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
  const tf = useTranslations("orderForm");
  const ts = useTranslations("orderForm.stateReason");
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
      const rows: Fact[] = [];
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
      const message = errorMessage(error);
      let explanation: string;
      if (error.code === "STATE_NOT_ALLOWED") explanation = error.reason && ts.has(error.reason) ? ts(error.reason) : ts("unknown");
      else if (error.code === "RULE_VIOLATION" || error.code === "INVALID_INPUT")
        explanation = (error.issues ?? []).length > unmapped.length ? t("invalidMarked") : t("invalidGeneric");
      else explanation = tf(message.key);
      return (
        <Alert id={panelId} tabIndex={-1} tone={error.code === "OUTCOME_UNKNOWN" ? "warning" : "danger"} role="alert" data-testid="operation-error" data-code={error.code}>
          <div className="flex items-start gap-2">
            <AlertTitle>{title}</AlertTitle>
            {error.code !== "OUTCOME_UNKNOWN" ? dismiss : null}
          </div>
          <p className="mt-1">{explanation}</p>
          {message.checked ? <p className="mt-1">{t("checked")}</p> : null}
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
