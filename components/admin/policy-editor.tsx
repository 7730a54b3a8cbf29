"use client";
// The approval-rule editor: choose a scope (a profile, or one of its sub-merchants), type each rule
// (empty = off), save; or remove the scope's own rules. Validation runs the lib/ schema the server
// action parses with, loaded on the form's first focus; the server re-renders the page's list and
// history after a change (revalidatePath), and the form then shows what was saved.
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useSearchParams } from "next/navigation";
import { get, useForm, type FieldErrors } from "react-hook-form";
import { lazyResolver, whenSchemaUnavailable } from "@/components/forms/lazy-resolver";
import { Alert } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import type { ActionResult, AppErrorInfo } from "@/lib/actions/result";
import type { PolicySubmission, TPolicyFormInput } from "@/lib/approvals/policy-form";
import { MAX_EXPIRES_HOURS, parseScopeKey, policyFormValues, scopeKey } from "@/lib/approvals/policy-values";
import type { PolicyProfileView, PolicyState, SavedPolicy } from "@/lib/approvals/policy-view";
import { formatFen } from "@/lib/money";
import { REASON_CATEGORIES, reasonLabel } from "@/lib/orders/reasons";
import { encodeIssueMessage, ruleIssueFromMessage } from "@/lib/payscore/issues";
import { savePolicyAction } from "@/server/actions/approval-policies";
import { useAdminMessages } from "./use-admin-messages";

const policySchema = lazyResolver<TPolicyFormInput, PolicySubmission>(() =>
  import("./admin-form-resolvers").then((module) => module.policyResolver),
);

type TextFieldName = "maxReductionYuan" | "maxReductionPercent" | "maxCompleteRiskPercent" | "expiresHours";
const FORM_FIELDS: readonly string[] = ["maxReductionYuan", "maxReductionPercent", "maxCompleteRiskPercent", "reasonCategories", "cancelCompleted", "expiresHours"];

interface ScopeInfo {
  profile: PolicyProfileView;
  subLabel: string | null;
  own: PolicyState | null;
  /** A sub-merchant without its own rules follows these (the profile's), if any. */
  inherited: PolicyState | null;
}

function findScope(profiles: readonly PolicyProfileView[], key: string): ScopeInfo | null {
  const { profileId, subMchid } = parseScopeKey(key);
  const profile = profiles.find((candidate) => candidate.id === profileId);
  if (!profile) return null;
  if (subMchid === "") return { profile, subLabel: null, own: profile.own, inherited: null };
  const sub = profile.subMerchants.find((candidate) => candidate.subMchid === subMchid);
  return sub ? { profile, subLabel: sub.label, own: sub.own, inherited: profile.own } : null;
}

function startValues(key: string, info: ScopeInfo | null): TPolicyFormInput {
  return policyFormValues(parseScopeKey(key), info?.own?.policy ?? info?.inherited?.policy ?? null);
}

type Status = { kind: "ok" | "error"; text: string } | null;

/**
 * Which scope is open: the address's `?scope=` (the list's Edit links navigate there), else the
 * server's choice; changed in place by the select. The form below is keyed by the scope, so each
 * scope starts from its own values; the status line survives the re-render a save causes.
 */
export function PolicyEditor({ profiles, initialScope }: { profiles: PolicyProfileView[]; initialScope: string }) {
  const asked = useSearchParams().get("scope");
  const requested = asked !== null && findScope(profiles, asked) ? asked : initialScope;
  const [scope, setScope] = useState(requested);
  const [seen, setSeen] = useState(requested);
  const [status, setStatus] = useState<Status>(null);
  if (requested !== seen) {
    // An Edit link was followed: open what it names.
    setSeen(requested);
    setScope(requested);
    setStatus(null);
  }
  const chooseScope = (key: string) => {
    setScope(key);
    setSeen(key);
    setStatus(null);
    // Keep the choice in the address (a reload, a shared link), without a server round trip.
    window.history.replaceState(null, "", `?scope=${encodeURIComponent(key)}`);
  };
  return <PolicyForm key={scope} profiles={profiles} scope={scope} onScope={chooseScope} status={status} setStatus={setStatus} />;
}

function PolicyForm({
  profiles,
  scope,
  onScope,
  status,
  setStatus,
}: {
  profiles: PolicyProfileView[];
  scope: string;
  onScope: (key: string) => void;
  status: Status;
  setStatus: (status: Status) => void;
}) {
  const t = useTranslations("admin.policies");
  const locale = useLocale();
  const messages = useAdminMessages();
  const id = useId();
  // The fieldset is disabled while the server answers (not while the browser validates: a disabled
  // input takes no focus, and the first wrong field must get it).
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState(false);
  const info = findScope(profiles, scope);
  const scopeName = info ? (info.subLabel === null ? info.profile.label : `${info.profile.label} · ${info.subLabel}`) : scope;

  const {
    register,
    handleSubmit,
    getValues,
    reset,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<TPolicyFormInput, unknown, PolicySubmission>({ resolver: policySchema, defaultValues: startValues(scope, info) });
  const busy = saving || removing;

  const issueText = (message: string | undefined): string | undefined => {
    if (!message) return undefined;
    const issue = ruleIssueFromMessage([], message);
    if (!issue) return t("issues.invalid_value");
    if (issue.code === "too_large") return t("issues.too_large", { max: formatFen(Number(issue.params?.max ?? 0)) });
    const key = `issues.${issue.code}`;
    return t.has(key) ? t(key, { min: issue.params?.min ?? "", max: issue.params?.max ?? "" }) : t("issues.invalid_value");
  };
  const rulesError = (get(errors as FieldErrors, "rules") as { message?: string } | undefined)?.message ? t("issues.rulesRequired") : undefined;
  const actionText = (error: AppErrorInfo) => (error.code === "FORBIDDEN" ? t("errors.FORBIDDEN") : messages.action(error));


  /** The action's answer: the saved rules in the form, or the server's field errors on their fields. */
  const report = (result: ActionResult<SavedPolicy>) => {
    if (result.ok) {
      const { policy, changed } = result.data;
      reset(policyFormValues(parseScopeKey(scope), policy ?? info?.inherited?.policy ?? null));
      setStatus({ kind: "ok", text: !changed ? t("editor.unchanged") : policy ? t("editor.saved", { scope: scopeName }) : t("editor.removed", { scope: scopeName }) });
      return;
    }
    for (const issue of result.error.issues ?? []) {
      const field = String(issue.path[0] ?? "");
      const name = FORM_FIELDS.includes(field) ? field : field === "rules" ? "rules" : null;
      if (name) setError(name as TextFieldName, { message: encodeIssueMessage(issue.code, issue.params) });
    }
    const unknownScope = result.error.issues?.some((issue) => issue.path[0] === "profileId" || issue.path[0] === "subMchid");
    setStatus({ kind: "error", text: unknownScope ? t("issues.invalid_value") : actionText(result.error) });
  };

  const submit = handleSubmit(
    async () => {
      setStatus(null);
      setSaving(true);
      try {
        // The form's own text, as typed: the server parses it with the same schema.
        report(await savePolicyAction({ ...getValues(), enabled: true }));
      } catch {
        setStatus({ kind: "error", text: messages.unreachable() });
      } finally {
        setSaving(false);
      }
    },
    (invalid) => {
      // "No rule at all" belongs to no single input (react-hook-form focuses the others): start at the first rule.
      if (Object.keys(invalid).length === 1 && get(invalid as FieldErrors, "rules")) setFocus("maxReductionYuan");
    },
  );
  const onSubmit = whenSchemaUnavailable(submit, () => setStatus({ kind: "error", text: messages.unreachable() }));

  const remove = async () => {
    setStatus(null);
    setRemoving(true);
    try {
      report(await savePolicyAction({ ...getValues(), enabled: false }));
    } catch {
      setStatus({ kind: "error", text: messages.unreachable() });
    } finally {
      setRemoving(false);
    }
  };

  const stateText = !info
    ? null
    : info.own
      ? t("editor.stateOwn")
      : info.subLabel === null
        ? t("editor.stateNone")
        : info.inherited
          ? t("editor.stateInherits")
          : t("editor.stateInheritsNone");

  const textField = (name: TextFieldName, label: string, options: { inputMode: "decimal" | "numeric"; hint?: string; placeholder?: string; narrow?: boolean }) => {
    const error = issueText(errors[name]?.message);
    const fieldId = `${id}-${name}`;
    return (
      <Field invalid={error !== undefined}>
        <FieldLabel htmlFor={fieldId}>{label}</FieldLabel>
        <Input
          id={fieldId}
          type="text"
          autoComplete="off"
          inputMode={options.inputMode}
          placeholder={options.placeholder}
          className={options.narrow ? "max-w-40 tabular-nums" : "tabular-nums"}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? `${fieldId}-error` : "", options.hint ? `${fieldId}-hint` : ""].filter(Boolean).join(" ") || undefined}
          {...register(name)}
        />
        {options.hint ? <FieldDescription id={`${fieldId}-hint`}>{options.hint}</FieldDescription> : null}
        <FieldError id={`${fieldId}-error`}>{error}</FieldError>
      </Field>
    );
  };

  return (
    <section id="policy-editor" aria-labelledby={`${id}-title`} className="@container scroll-mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {t("editor.title")}
      </h2>
      <form onSubmit={onSubmit} onFocus={policySchema.preload} noValidate className="mt-4">
        <fieldset disabled={busy} className="min-w-0 space-y-5">
          <Field>
            <FieldLabel htmlFor={`${id}-scope`}>{t("editor.scope")}</FieldLabel>
            <Select id={`${id}-scope`} value={scope} onChange={(event) => onScope(event.target.value)} aria-describedby={`${id}-scope-state`}>
              {profiles.map((profile) => (
                <optgroup key={profile.id} label={profile.label}>
                  <option value={scopeKey({ profileId: profile.id, subMchid: "" })}>{t("editor.scopeWhole", { profile: profile.label })}</option>
                  {profile.subMerchants.map((sub) => (
                    <option key={sub.subMchid} value={scopeKey({ profileId: profile.id, subMchid: sub.subMchid })}>
                      {t("editor.scopeSub", { label: sub.label, subMchid: sub.subMchid })}
                      {sub.own ? ` · ${t("ownRules")}` : ""}
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
            <FieldDescription id={`${id}-scope-state`}>{stateText}</FieldDescription>
          </Field>

          <fieldset className="min-w-0 space-y-4" aria-describedby={rulesError ? `${id}-rules-error` : undefined}>
            <legend className="mb-3 text-sm font-semibold text-slate-900">{t("editor.rulesLegend")}</legend>
            <div className="grid gap-4 @lg:grid-cols-3">
              {textField("maxReductionYuan", t("editor.maxReductionYuan"), { inputMode: "decimal", placeholder: t("editor.off") })}
              {textField("maxReductionPercent", t("editor.maxReductionPercent"), { inputMode: "numeric", placeholder: t("editor.off") })}
              {textField("maxCompleteRiskPercent", t("editor.maxCompleteRiskPercent"), { inputMode: "numeric", placeholder: t("editor.off") })}
            </div>
            <fieldset className="min-w-0">
              <legend className="text-sm font-medium text-slate-700">{t("editor.reasonCategories")}</legend>
              <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
                {REASON_CATEGORIES.map((category) => (
                  <label key={category} className="inline-flex items-center gap-2 text-sm text-slate-800">
                    <Checkbox value={category} {...register("reasonCategories")} />
                    {reasonLabel(category, locale)}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex items-start gap-2">
              <Checkbox id={`${id}-cancel`} className="mt-0.5" aria-describedby={`${id}-cancel-hint`} {...register("cancelCompleted")} />
              <div>
                <FieldLabel htmlFor={`${id}-cancel`}>{t("editor.cancelCompleted")}</FieldLabel>
                <FieldDescription id={`${id}-cancel-hint`}>{t("editor.cancelCompletedHint")}</FieldDescription>
              </div>
            </div>
            {rulesError ? (
              <p id={`${id}-rules-error`} className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
                {rulesError}
              </p>
            ) : null}
          </fieldset>

          {textField("expiresHours", t("editor.expiresHours"), { inputMode: "numeric", narrow: true, hint: t("editor.expiresHoursHint", { min: 1, max: MAX_EXPIRES_HOURS }) })}

          <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
            <Button type="submit" variant="primary">
              {saving ? <Spinner /> : null}
              {saving ? t("editor.submitting") : t("editor.submit")}
            </Button>
            {info?.own ? (
              <Button variant="secondary" className="text-red-700" onClick={remove}>
                {removing ? <Spinner /> : null}
                {removing ? t("editor.removing") : t("editor.remove")}
              </Button>
            ) : null}
          </div>
        </fieldset>
        <div role="status" aria-live="polite" className={status ? "mt-3" : "sr-only"}>
          {status ? (
            <Alert tone={status.kind === "ok" ? "success" : "danger"} className="px-3 py-2">
              {status.text}
            </Alert>
          ) : null}
        </div>
      </form>
    </section>
  );
}
