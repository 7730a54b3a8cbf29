"use client";
// The parts of both forms around the amounts: why (category, text, internal note) and who (the
// mode's own identity, read-only from the profile, plus the optional device block).
import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { cn } from "@/components/ui/variants";
import { LIMITS } from "@/lib/payscore/limits";
import { INTERNAL_NOTE_MAX, REASON_CATEGORIES, isReasonCategory, reasonLabel, reasonTextMax } from "@/lib/orders/reasons";
import type { PublicProfile } from "@/lib/profiles";
import { charLength } from "@/lib/text";
import { ReadOnlyValue, TextField, useFieldErrorText } from "./form-fields";

function Counter({ used, max }: { used: number; max?: number }) {
  const t = useTranslations("orderForm.reason");
  const over = max !== undefined && used > max;
  return (
    <span className={cn("text-xs tabular-nums", over ? "font-medium text-red-700" : "text-slate-500")} aria-live="polite">
      {max === undefined ? t("countOnly", { used }) : t("remaining", { remaining: max - used, max })}
    </span>
  );
}

interface ReasonValues {
  reasonCategory: string;
  reasonText: string;
  internalNote: string;
}

export function ReasonFields({ kind }: { kind: "modify" | "complete" | "cancel" | "sync" }) {
  // A cancel's reason is sent to WeChat (required, ≤ 50 with its category) like a modify's; a
  // sync's is the console's own, like a complete's.
  const sent = kind === "modify" || kind === "cancel";
  const t = useTranslations("orderForm.reason");
  const tc = useTranslations("orderForm.common");
  const locale = useLocale();
  const { register, control } = useFormContext<ReasonValues>();
  const [category, reasonText, internalNote] = useWatch({ control, name: ["reasonCategory", "reasonText", "internalNote"] });
  const id = useId();
  const categoryError = useFieldErrorText("reasonCategory");
  // Before a category is chosen, count against the longest category label (the smallest room).
  const textMax = isReasonCategory(category) ? reasonTextMax(category) : Math.min(...REASON_CATEGORIES.map(reasonTextMax));
  return (
    <div className="space-y-4">
      <div className="grid gap-4 @2xl:grid-cols-[14rem_minmax(0,1fr)]">
        <Field invalid={categoryError !== undefined}>
          <FieldLabel htmlFor={id} required requiredLabel={tc("required")}>
            {t("category")}
          </FieldLabel>
          <Select
            id={id}
            aria-invalid={categoryError ? true : undefined}
            aria-describedby={categoryError ? `${id}-error` : undefined}
            aria-required
            {...register("reasonCategory")}
          >
            {kind !== "complete" ? <option value="">{t("choose")}</option> : null}
            {REASON_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {reasonLabel(c, locale)}
              </option>
            ))}
          </Select>
          <FieldError id={`${id}-error`}>{categoryError === undefined ? undefined : t("categoryMissing")}</FieldError>
        </Field>
        <TextField
          name="reasonText"
          label={t(kind === "modify" ? "text" : kind === "cancel" ? "textCancel" : "textComplete")}
          required={sent}
          multiline
          rows={2}
          hint={sent ? t("textHint", { max: LIMITS.reason }) : t("textHintComplete")}
          aside={sent ? <Counter used={charLength((reasonText ?? "").trim())} max={textMax} /> : <Counter used={charLength((reasonText ?? "").trim())} />}
        />
      </div>
      <TextField
        name="internalNote"
        label={t("note")}
        multiline
        rows={2}
        hint={t("noteHint")}
        aside={<Counter used={charLength((internalNote ?? "").trim())} max={INTERNAL_NOTE_MAX} />}
      />
    </div>
  );
}

export function ModeFields({ profile, subMchid, showDevice }: { profile: PublicProfile; subMchid: string | null; showDevice: boolean }) {
  const t = useTranslations("orderForm.identity");
  const sub = profile.subMerchants.find((s) => s.sub_mchid === subMchid);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <dl className="grid gap-3 @md:grid-cols-2 @2xl:grid-cols-3">
        <ReadOnlyValue label={t("mode")} value={t(`modes.${profile.mode}`)} mono={false} />
        <ReadOnlyValue label={t("profile")} value={profile.label} mono={false} />
        <ReadOnlyValue label={t(profile.mode === "merchant" ? "mchid" : profile.mode === "partner" ? "spMchid" : "institutionMchid")} value={profile.mchid} />
        {profile.mode === "merchant" ? <ReadOnlyValue label="appid" value={profile.appid ?? t("missing")} /> : null}
        <ReadOnlyValue label="service_id" value={profile.service_id} />
        {profile.mode !== "merchant" ? (
          <ReadOnlyValue label={t("subMchid")} value={subMchid ? (sub ? `${subMchid} · ${sub.label}` : subMchid) : t("missing")} />
        ) : null}
        {profile.mode === "institution" ? <ReadOnlyValue label="channel_id" value={profile.channel_id ?? t("channelAbsent")} /> : null}
      </dl>
      {showDevice ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t("device")}</legend>
          <FieldDescription>{t("deviceHint")}</FieldDescription>
          <div className="grid gap-3 @xl:grid-cols-3">
            <TextField name="device.start_device_id" label={t("startDevice")} />
            <TextField name="device.end_device_id" label={t("endDevice")} />
            <TextField name="device.materiel_no" label={t("materielNo")} />
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
