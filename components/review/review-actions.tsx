"use client";
// The review actions of one change: mark reviewed, flag with a comment, clear a flag with a
// comment. The comment form parses with the same lib/ schema as the server action; each action is a
// mutation (./review-queries.ts): after the server confirms, the detail, the counts and the list are
// read again (no optimistic state).
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { notify } from "@/components/ui/toast";
import { Button, Spinner } from "@/components/ui/button";
import { CommentField } from "@/components/forms/comment-field";
import type { AppErrorInfo } from "@/lib/actions/result";
import { lazyResolver, whenSchemaUnavailable } from "@/components/forms/lazy-resolver";
import type { TFlagChange, TFlagChangeInput } from "@/lib/review/review-actions";
import type { ReviewState } from "@/lib/review/states";
import { clearFlagAction, flagChangeAction, markReviewedAction } from "@/server/actions/review";
import { useReviewMutation } from "./review-queries";

type Mode = "flag" | "clear";

function useErrorText() {
  const t = useTranslations("review");
  return (error: AppErrorInfo | string | undefined): string | undefined => {
    if (error === undefined) return undefined;
    const key = typeof error === "string" ? error : (error.reason ?? error.code);
    return t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.INTERNAL_ERROR");
  };
}

// The schema (and zod with it) loads when a comment form first gets focus, not with the page.
const flagChangeSchema = lazyResolver<TFlagChangeInput, TFlagChange>(() =>
  import("./flag-change-resolver").then((module) => module.flagChangeResolver),
);

function CommentForm({ trailId, mode, onDone, onCancel }: { trailId: string; mode: Mode; onDone(): void; onCancel(): void }) {
  const t = useTranslations("review");
  const errorText = useErrorText();
  const id = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const flag = useReviewMutation(flagChangeAction);
  const clear = useReviewMutation(clearFlagAction);
  // ZFlagChange and ZClearFlag are the same shape: one resolver serves both forms.
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<TFlagChangeInput, unknown, TFlagChange>({ resolver: flagChangeSchema, defaultValues: { trailId, comment: "" } });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const result = mode === "flag" ? await flag.mutateAsync(values) : await clear.mutateAsync(values);
    if (!result.ok) {
      setFailure(errorText(result.error) ?? null);
      return;
    }
    notify.success(mode === "flag" ? t("actions.flagged") : t("actions.cleared"));
    onDone();
  });
  const onSubmit = whenSchemaUnavailable(submit, () => setFailure(errorText("UNREACHABLE") ?? null));

  const commentError = errorText(errors.comment?.message);
  return (
    <form onSubmit={onSubmit} onFocus={flagChangeSchema.preload} noValidate className="space-y-2" aria-label={mode === "flag" ? t("actions.flag") : t("actions.clearFlag")}>
      <fieldset disabled={isSubmitting} className="space-y-2">
        <CommentField
          id={id}
          label={t("actions.comment")}
          hint={mode === "flag" ? t("actions.flagHint") : t("actions.clearHint")}
          error={commentError}
          registration={register("comment")}
        />
        {failure ? (
          <p role="alert" className="text-sm text-red-700">
            {failure}
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" variant={mode === "flag" ? "danger" : "primary"} size="sm">
            {isSubmitting ? <Spinner /> : null}
            {isSubmitting ? t("actions.submitting") : mode === "flag" ? t("actions.submitFlag") : t("actions.submitClear")}
          </Button>
          <Button variant="ghost" size="sm" onClick={onCancel}>
            {t("actions.cancel")}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}

/**
 * `isOwnChange`: the viewer made this change. They may still flag it, but marking it reviewed and
 * clearing its flag are another supervisor's (the server refuses them too: FORBIDDEN own_change).
 */
export function ReviewActions({ trailId, state, isOwnChange }: { trailId: string; state: ReviewState; isOwnChange: boolean }) {
  const t = useTranslations("review");
  const errorText = useErrorText();
  const [mode, setMode] = useState<Mode | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const mark = useReviewMutation(markReviewedAction);
  const pending = mark.isPending;

  const markReviewed = () => {
    setFailure(null);
    mark.mutate(
      { trailIds: [trailId] },
      {
        onSuccess: (result) => {
          if (!result.ok) {
            setFailure(errorText(result.error) ?? null);
            return;
          }
          notify.success(t("actions.reviewed"));
        },
        onError: () => setFailure(errorText("UNREACHABLE") ?? null),
      },
    );
  };

  return (
    <section aria-labelledby={`review-actions-${trailId}`} className="space-y-3 rounded-md border border-slate-200 bg-white p-3" data-testid="review-actions">
      <h4 id={`review-actions-${trailId}`} className="text-sm font-semibold text-slate-900">
        {t("actions.title")}
      </h4>
      {mode ? (
        <CommentForm
          key={mode}
          trailId={trailId}
          mode={mode}
          onCancel={() => setMode(null)}
          onDone={() => setMode(null)}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          {state === "unreviewed" && !isOwnChange ? (
            <Button variant="primary" size="sm" onClick={markReviewed} disabled={pending}>
              {pending ? <Spinner /> : null}
              {t("actions.markReviewed")}
            </Button>
          ) : null}
          {state !== "flagged" ? (
            <Button variant="secondary" size="sm" onClick={() => setMode("flag")} disabled={pending}>
              {t("actions.flag")}
            </Button>
          ) : isOwnChange ? null : (
            <Button variant="secondary" size="sm" onClick={() => setMode("clear")} disabled={pending}>
              {t("actions.clearFlag")}
            </Button>
          )}
        </div>
      )}
      {!mode && state === "reviewed" ? <p className="text-xs text-slate-500">{t("actions.alreadyReviewed")}</p> : null}
      {!mode && state === "flagged" && !isOwnChange ? <p className="text-xs text-slate-500">{t("actions.flaggedNeedsClear")}</p> : null}
      {!mode && isOwnChange && state !== "reviewed" ? (
        <p className="text-xs text-slate-600" data-testid="review-own-change">
          {t("actions.ownChange")}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="text-sm text-red-700">
          {failure}
        </p>
      ) : null}
    </section>
  );
}
