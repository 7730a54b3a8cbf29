"use client";
// What modify and complete share after the fields: validation that adds the order rules to the
// schema's (so the first error is focused before anything is sent), the confirmation step, one send
// per confirmation (a double click cannot send twice), the idempotency key kept for retries of the
// same submission, and what each answer does to the form. Money is never shown optimistically:
// the result panel shows what the server answered.
import { useCallback, useEffect, useId, useRef, useState, type BaseSyntheticEvent } from "react";
import { get, set, type FieldValues, type Path, type Resolver, type UseFormReturn } from "react-hook-form";
import type { ActionResult, AppErrorInfo, HeldBy } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { describeOrderChanges, orderVersion, type OrderChange } from "@/lib/orders/order-version";
import { encodeIssueMessage, type RuleIssue } from "@/lib/payscore/issues";
import type { TServiceOrder } from "@/lib/payscore/order";
import { whenSchemaUnavailable } from "@/components/forms/lazy-resolver";
import { errorMessageAt, focusFirstError } from "./form-fields";
import { createIdempotencyKeeper, submissionFingerprint } from "@/lib/orders/idempotency";
import { formPathForIssue } from "@/lib/orders/issue-paths";

export type Outcome =
  | { kind: "success"; data: OperationSuccess; totalBefore: number | null }
  | { kind: "changed"; changes: OrderChange[]; current: TServiceOrder | null; result: ActionResult<OperationSuccess> }
  /** Another write held the order (ORDER_BUSY): who, and — once it settled — what the order became. */
  | { kind: "busy"; heldBy: HeldBy | null; changes: OrderChange[]; current: TServiceOrder | null; result: ActionResult<OperationSuccess> }
  | { kind: "reloaded" }
  | { kind: "error"; error: AppErrorInfo; unmapped: RuleIssue[] }
  | { kind: "unreachable" }
  /** The form's checks (its schema chunk) could not be fetched: nothing was checked or sent. */
  | { kind: "notLoaded" };

export interface OperationInputBase extends FieldValues {
  idempotencyKey: string;
  basedOn: TServiceOrder;
}

/** Where an issue lands in RHF's error tree: a whole list's error is its `root`. */
function errorPath(formPath: string): string {
  return formPath === "payments" || formPath === "discounts" ? `${formPath}.root` : formPath;
}

function lineExists(values: FieldValues, formPath: string): boolean {
  const m = /^(payments|discounts)\.(\d+)/.exec(formPath);
  if (!m) return true;
  const list: unknown = values[m[1] as string];
  return Array.isArray(list) && Number(m[2]) < list.length;
}

/**
 * The order an ORDER_CHANGED (or a settled ORDER_BUSY) answer carries, checked against the order
 * schema; null for any other answer, or when it does not parse (or the schema cannot be loaded). The
 * schema is imported here, not with the page: zod loads on a form's first validation
 * (components/forms/lazy-resolver.ts), before any answer.
 */
async function changedOrderOf(result: ActionResult<OperationSuccess> | null): Promise<TServiceOrder | null> {
  if (result === null || result.ok || (result.error.code !== "ORDER_CHANGED" && result.error.code !== "ORDER_BUSY")) return null;
  if (result.error.currentOrder === undefined) return null;
  try {
    const { ZServiceOrder } = await import("@/lib/payscore/order");
    const parsed = ZServiceOrder.safeParse(result.error.currentOrder);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Wraps the schema's resolver: when the schema passes (or fails), `extraIssues` adds the rules the
 * schema cannot know (the order's, the mode's) as field errors, in the same message-code format.
 */
export function withRuleIssues<TIn extends FieldValues, TOut>(
  base: Resolver<TIn, unknown, TOut>,
  extraIssues: (values: TIn, output: TOut | null) => RuleIssue[],
): Resolver<TIn, unknown, TOut> {
  return async (values, context, options) => {
    const result = await base(values, context, options);
    const passed = Object.keys(result.errors).length === 0;
    const issues = extraIssues(values, passed ? (result.values as TOut) : null);
    if (issues.length === 0) return result;
    const errors = result.errors;
    for (const issue of issues) {
      const formPath = formPathForIssue(issue.path);
      const at = formPath && lineExists(values, formPath) ? errorPath(formPath) : "root.rules";
      if (errorMessageAt(errors, formPath ?? "root.rules") !== undefined || get(errors, at) !== undefined) continue;
      set(errors, at, { type: "rule", message: encodeIssueMessage(issue.code, issue.params) });
    }
    return { values: {}, errors };
  };
}

export interface UseOrderOperationOptions<TIn extends OperationInputBase, TOut> {
  form: UseFormReturn<TIn, unknown, TOut>;
  /** The order as the page has it now (it may be refreshed while the form is open). */
  order: TServiceOrder;
  action(input: TIn): Promise<ActionResult<OperationSuccess>>;
  /** Form values after a success, from the order as it is now and what was just sent. */
  valuesAfterSuccess(order: TServiceOrder, sent: TIn): TIn;
  onSettled(result: ActionResult<OperationSuccess>): void;
  /** Something (the order's state) forbids sending at all. */
  isBlocked(): boolean;
  notify: {
    success(data: OperationSuccess): void;
    failure(outcome: Outcome): void;
  };
}

export function useOrderOperation<TIn extends OperationInputBase, TOut>(options: UseOrderOperationOptions<TIn, TOut>) {
  const { form, order } = options;
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const [shownOrder, setShownOrder] = useState<TServiceOrder>(order);
  // The version of the `order` prop the form last took in. A prop that differs from it AND from the
  // order shown is news (the page refreshed it); a parent that keeps passing the order it opened
  // the form with does not make a notice appear after a success.
  const [propSeen, setPropSeen] = useState(() => orderVersion(order));
  const [confirming, setConfirming] = useState<{ input: TIn; output: TOut } | null>(null);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [lastInput, setLastInput] = useState<TIn | null>(null);
  const [keeper] = useState(() => createIdempotencyKeeper());
  const sendingRef = useRef(false);
  // Elements are found by id (not refs) so the returned object stays plain data and callbacks.
  const formId = useId();
  const outcomeId = useId();
  const [focusRequest, setFocusRequest] = useState<{ target: "errors" | "outcome"; n: number } | null>(null);

  useEffect(() => {
    if (!focusRequest) return;
    // Fields re-render with their errors through their own form-state subscriptions, which may
    // commit a frame later than this component: look for the first error for a few frames.
    let frame = 0;
    let handle = 0;
    const attempt = () => {
      if (focusRequest.target === "errors" && focusFirstError(document.getElementById(formId))) return;
      if (focusRequest.target === "errors" && frame++ < 3) {
        handle = requestAnimationFrame(attempt);
        return;
      }
      document.getElementById(outcomeId)?.focus();
    };
    handle = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(handle);
  }, [focusRequest, formId, outcomeId]);

  const requestFocus = useCallback((target: "errors" | "outcome") => {
    setFocusRequest((prev) => ({ target, n: (prev?.n ?? 0) + 1 }));
  }, []);

  /** Take the order the page has now as the one the form is based on (the agent has seen it). */
  const adoptOrder = useCallback(
    (next: TServiceOrder) => {
      setShownOrder(next);
      form.setValue("basedOn" as Path<TIn>, next as TIn[Path<TIn>]);
    },
    [form],
  );

  const propVersion = orderVersion(order);
  // While a send is under way the page may already show its answer (the mutation puts it into the
  // cache before the form hears back): that is not news to announce.
  const drift: OrderChange[] | null =
    sending || propVersion === propSeen || propVersion === orderVersion(shownOrder) ? null : describeOrderChanges(shownOrder, order);

  const handleResult = useCallback(
    (result: ActionResult<OperationSuccess> | null, sent: TIn, changedOrder: TServiceOrder | null) => {
      const opts = latest.current;
      if (result === null) {
        const next: Outcome = { kind: "unreachable" };
        setOutcome(next);
        opts.notify.failure(next);
        requestFocus("outcome");
        return;
      }
      if (result.ok) {
        const after = result.data.order ?? sent.basedOn;
        setOutcome({ kind: "success", data: result.data, totalBefore: result.data.totalBefore });
        setShownOrder(after);
        form.reset(opts.valuesAfterSuccess(after, sent));
        setLastInput(null);
        opts.notify.success(result.data);
        opts.onSettled(result);
        requestFocus("outcome");
        return;
      }
      const error = result.error;
      if (error.code === "ORDER_CHANGED") {
        const current = changedOrder;
        const next: Outcome = { kind: "changed", changes: current ? describeOrderChanges(sent.basedOn, current) : [], current, result };
        setOutcome(next);
        opts.notify.failure(next);
        requestFocus("outcome");
        return;
      }
      if (error.code === "ORDER_BUSY") {
        const current = changedOrder;
        const next: Outcome = { kind: "busy", heldBy: error.heldBy ?? null, changes: current ? describeOrderChanges(sent.basedOn, current) : [], current, result };
        setOutcome(next);
        opts.notify.failure(next);
        requestFocus("outcome");
        return;
      }
      const unmapped: RuleIssue[] = [];
      if (error.code === "RULE_VIOLATION" || error.code === "INVALID_INPUT") {
        const seen = new Set<string>();
        for (const issue of error.issues ?? []) {
          const formPath = formPathForIssue(issue.path);
          if (formPath === null || !lineExists(sent, formPath)) {
            unmapped.push(issue);
            continue;
          }
          if (seen.has(formPath)) continue;
          seen.add(formPath);
          form.setError(errorPath(formPath) as Path<TIn>, { type: "server", message: encodeIssueMessage(issue.code, issue.params) });
        }
      }
      // The form keeps what the agent typed: the page is not asked to refetch (which may remount
      // the form) unless the agent chooses "reload the order".
      const next: Outcome = { kind: "error", error, unmapped };
      setOutcome(next);
      opts.notify.failure(next);
      requestFocus(error.code === "RULE_VIOLATION" || error.code === "INVALID_INPUT" ? "errors" : "outcome");
    },
    [form, requestFocus],
  );

  const send = useCallback(
    async (input: TIn) => {
      // The ref, not the state: a second click in the same frame must not send again.
      if (sendingRef.current) return;
      sendingRef.current = true;
      setSending(true);
      // The previous answer belongs to the previous attempt: it must not stand while this one runs.
      setOutcome(null);
      setLastInput(input);
      const idempotencyKey = keeper.keyFor(submissionFingerprint(input));
      let result: ActionResult<OperationSuccess> | null;
      try {
        result = await latest.current.action({ ...input, idempotencyKey });
      } catch {
        result = null;
      }
      const changedOrder = await changedOrderOf(result);
      keeper.settle(result);
      sendingRef.current = false;
      setSending(false);
      setConfirming(null);
      handleResult(result, input, changedOrder);
    },
    [handleResult, keeper],
  );

  const onSubmit = (event?: BaseSyntheticEvent) =>
    whenSchemaUnavailable(
      form.handleSubmit(
        (output) => {
          if (latest.current.isBlocked()) {
            requestFocus("errors");
            return;
          }
          // The values exactly as validated: the confirmation shows them and the send uses them.
          setConfirming({ input: { ...form.getValues(), basedOn: shownOrder }, output });
        },
        () => requestFocus("errors"),
      ),
      // The form's schema could not be fetched (components/forms/lazy-resolver.ts): nothing was checked
      // or sent. Submitting again fetches it again.
      () => {
        const next: Outcome = { kind: "notLoaded" };
        setOutcome(next);
        latest.current.notify.failure(next);
        requestFocus("outcome");
      },
    )(event);

  return {
    formId,
    outcomeId,
    shownOrder,
    drift,
    confirming,
    sending,
    outcome,
    onSubmit,
    confirm: () => {
      if (confirming) void send(confirming.input);
    },
    cancel: () => {
      if (!sendingRef.current) setConfirming(null);
    },
    /** Same values, same key: the server replays or reconciles instead of sending twice. */
    retry: lastInput ? () => void send(lastInput) : null,
    useCurrentOrder: () => {
      adoptOrder(order);
      setPropSeen(propVersion);
    },
    /**
     * After ORDER_CHANGED (or a state refusal, or an unknown outcome): base the form on the order
     * as it is now where the answer carried it, keep what was typed, and let the page refetch.
     */
    reload: () => {
      if (outcome?.kind === "changed" || outcome?.kind === "busy") {
        if (outcome.current) adoptOrder(outcome.current);
        setOutcome({ kind: "reloaded" });
        latest.current.onSettled(outcome.result);
      } else if (outcome?.kind === "error") {
        setOutcome(null);
        latest.current.onSettled({ ok: false, error: outcome.error });
      }
    },
    dismissOutcome: () => setOutcome(null),
  };
}

export type OrderOperation = ReturnType<typeof useOrderOperation>;
