"use client";
// The industry lines editor: renders ANY template of lib/industries.ts for post_payments (fixed
// names as headings, free names as inputs, required groups that cannot be removed, optional groups
// added up to their maximum, exactly the fields a group takes), the template and variant switch,
// and the post_discounts editor. Both order forms use it inside their FormProvider.
import { useId, useState } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { FieldDescription, FieldLabel } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import {
  INDUSTRY_IDS,
  INDUSTRY_LABELS,
  INDUSTRY_TEMPLATES,
  isIndustryId,
  type IndustryGroup,
  type IndustryId,
  type IndustryVariantId,
  type LocalizedLabel,
} from "@/lib/industries";
import type { TMode } from "@/lib/payscore/fields";
import { fenToInput } from "@/lib/orders/amount-lines";
import type { AmountValues, LiveTotals } from "@/lib/orders/live-totals";
import {
  canAddLine,
  canRemoveLine,
  editableFields,
  emptyDiscount,
  emptyLine,
  groupIndexOfLine,
  insertIndexForGroup,
  seedPayments,
  variantOfLines,
} from "@/lib/orders/template-lines";
import { LIMITS } from "@/lib/payscore/limits";
import type { TOrderPostPayment, TServiceOrder } from "@/lib/payscore/order";
import { currentOrderTotal } from "@/lib/payscore/rules";
import { TotalField } from "./amount-summary";
import { AnchoredError, TextField } from "./form-fields";

export function useLabel(): (label: LocalizedLabel) => string {
  const locale = useLocale();
  return (label) => (locale.startsWith("zh") ? label.zh : label.en);
}

export interface PaymentLinesEditorProps {
  /** The industry of the profile / sub-merchant (the template's default). */
  defaultIndustry: IndustryId;
  /** The order's current lines, for re-seeding after a template switch. */
  orderLines: readonly TOrderPostPayment[] | undefined;
  /** Lines of the order left out when the form was first filled. */
  initialDropped: number;
  /** What the total field holds when leaving the 0-yuan variant. */
  defaultTotal: string;
}

export function PaymentLinesEditor({ defaultIndustry, orderLines, initialDropped, defaultTotal }: PaymentLinesEditorProps) {
  const t = useTranslations("orderForm");
  const label = useLabel();
  const { control, register, setValue } = useFormContext<AmountValues>();
  const { fields, insert, remove, replace } = useFieldArray({ control, name: "payments" });
  const industry = useWatch({ control, name: "industry" });
  const [dropped, setDropped] = useState(initialDropped);
  const industryId = useId();
  const headingId = useId();
  const variant = variantOfLines(industry, fields);
  const template = INDUSTRY_TEMPLATES[industry];

  function reseed(nextIndustry: IndustryId, variantId: IndustryVariantId | undefined) {
    // The variant as last rendered: the industry select's onChange runs after its value changed.
    const wasZero = variant.totalMode === "zero";
    const seeded = seedPayments(nextIndustry, variantId, orderLines);
    replace(seeded.payments);
    setDropped(seeded.dropped);
    const isZero = variantOfLines(nextIndustry, seeded.payments).totalMode === "zero";
    if (isZero) setValue("total", "0.00");
    else if (wasZero) setValue("total", defaultTotal);
  }

  const industryField = register("industry", {
    onChange: (event: { target: { value: string } }) => {
      if (isIndustryId(event.target.value)) reseed(event.target.value, undefined);
    },
  });

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <div className="flex min-w-56 flex-col gap-1.5">
          <FieldLabel htmlFor={industryId}>{t("template.industry")}</FieldLabel>
          <Select id={industryId} aria-describedby={`${industryId}-hint`} {...industryField}>
            {INDUSTRY_IDS.map((id) => (
              <option key={id} value={id}>
                {label(INDUSTRY_LABELS[id])}
              </option>
            ))}
          </Select>
          <FieldDescription id={`${industryId}-hint`}>
            {t("template.industryHint", { industry: label(INDUSTRY_LABELS[defaultIndustry]) })}
          </FieldDescription>
        </div>
        {template.variants.length > 1 ? (
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1.5 text-sm font-medium text-slate-700">{t("template.variant")}</legend>
            <div className="flex flex-wrap gap-2">
              {template.variants.map((v) => (
                <label
                  key={v.id}
                  className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm has-checked:border-blue-600 has-checked:bg-blue-50 has-focus-visible:outline-2 has-focus-visible:outline-blue-600"
                >
                  <input
                    type="radio"
                    name={`${industryId}-variant`}
                    value={v.id}
                    checked={variant.id === v.id}
                    onChange={() => reseed(industry, v.id)}
                    className="accent-blue-600"
                  />
                  {label(v.label)}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <Button variant="ghost" size="sm" onClick={() => reseed(industry, variant.id)}>
          {t("template.reseed")}
        </Button>
      </div>
      {dropped > 0 ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("template.dropped", { count: dropped })}
        </p>
      ) : null}

      <h3 id={headingId} className="text-base font-semibold text-slate-900">
        {t("lines.legend")}
      </h3>
      {variant.requireOneOf ? <p className="text-sm text-slate-600">{t("lines.requireOneOf")}</p> : null}
      <AnchoredError name="payments" />

      <div className="space-y-3">
        {variant.groups.map((group, groupIndex) => {
          const indices = fields.flatMap((f, i) => (groupIndexOfLine(variant, f) === groupIndex ? [i] : []));
          const groupLabel = group.name ?? label(group.label);
          const showEn = group.name !== null && !label(group.label).includes(group.name);
          const firstField = editableFields(group)[0];
          return (
            <div
              key={`${variant.id}-${groupIndex}`}
              role="group"
              aria-labelledby={`${headingId}-g${groupIndex}`}
              className="rounded-lg border border-slate-200 bg-slate-50/60 p-3"
            >
              <div className="flex flex-wrap items-center gap-2">
                <h4 id={`${headingId}-g${groupIndex}`} className="font-medium text-slate-900">
                  {groupLabel}
                  {showEn ? <span className="ml-1.5 text-xs font-normal text-slate-500">{label(group.label)}</span> : null}
                </h4>
                <Badge tone={group.required ? "info" : "neutral"}>{group.required ? t("lines.required") : t("lines.optional")}</Badge>
                {group.maxLines > 1 ? <span className="text-xs text-slate-500">{t("lines.upTo", { max: group.maxLines, count: indices.length })}</span> : null}
              </div>
              {indices.length > 0 ? (
                <ol className="mt-2 space-y-2">
                  {indices.map((index, ordinal) => (
                    <PaymentLineRow
                      key={fields[index]?.id ?? index}
                      index={index}
                      group={group}
                      context={group.name === null || group.maxLines > 1 ? `${groupLabel} ${ordinal + 1}` : groupLabel}
                      ordinal={ordinal + 1}
                      canRemove={canRemoveLine(variant, fields, index)}
                      onRemove={() => remove(index)}
                    />
                  ))}
                </ol>
              ) : null}
              {canAddLine(variant, fields, groupIndex) ? (
                <Button
                  size="sm"
                  variant="secondary"
                  className="mt-2"
                  onClick={() => {
                    const at = insertIndexForGroup(variant, fields, groupIndex);
                    insert(at, emptyLine(group), firstField ? { focusName: `payments.${at}.${group.name === null ? "name" : firstField}` } : { shouldFocus: false });
                  }}
                >
                  <span aria-hidden="true">＋</span>
                  {t("lines.add", { name: groupLabel })}
                </Button>
              ) : null}
            </div>
          );
        })}
      </div>
    </section>
  );
}

function PaymentLineRow({
  index,
  group,
  context,
  ordinal,
  canRemove,
  onRemove,
}: {
  index: number;
  group: IndustryGroup;
  context: string;
  ordinal: number;
  canRemove: boolean;
  onRemove(): void;
}) {
  const t = useTranslations("orderForm");
  const shown = editableFields(group);
  const example = group.examples[0];
  const ctx = <span className="sr-only">{context} </span>;
  return (
    <li className="rounded-md border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-start gap-3">
        {group.name === null ? (
          <TextField
            name={`payments.${index}.name`}
            label={
              <>
                {ctx}
                {t("lines.name")}
              </>
            }
            required
            placeholder={t("lines.namePlaceholder")}
            fieldClassName="w-full @md:w-44"
          />
        ) : group.maxLines > 1 ? (
          <span aria-hidden="true" className="mt-7 w-8 shrink-0 text-right text-sm font-medium text-slate-400 tabular-nums">
            {ordinal}
          </span>
        ) : null}
        {group.fixedDescription !== undefined ? (
          <p className="text-sm text-slate-700">
            <span className="text-slate-500">{t("lines.fixedDescription")}：</span>
            <span className="font-medium">{group.fixedDescription}</span>
            <span className="ml-2 text-xs text-slate-500">{t("lines.zeroLine")}</span>
          </p>
        ) : null}
        {shown.includes("amount") ? (
          <TextField
            name={`payments.${index}.amount`}
            label={
              <>
                {ctx}
                {t("lines.amount")}
              </>
            }
            required={group.fields.amount === "required"}
            inputMode="decimal"
            placeholder="0.00"
            fieldClassName="w-full @md:w-36"
          />
        ) : null}
        {shown.includes("description") ? (
          <TextField
            name={`payments.${index}.description`}
            label={
              <>
                {ctx}
                {t("lines.description")}
              </>
            }
            required={group.fields.description === "required"}
            placeholder={example?.description}
            fieldClassName="min-w-48 flex-1"
          />
        ) : null}
        {shown.includes("count") ? (
          <TextField
            name={`payments.${index}.count`}
            label={
              <>
                {ctx}
                {t("lines.count")}
              </>
            }
            required={group.fields.count === "required"}
            inputMode="numeric"
            placeholder="1"
            fieldClassName="w-24"
          />
        ) : null}
        {canRemove ? (
          <Button variant="ghost" size="sm" className="mt-6 ml-auto text-red-700 hover:bg-red-50" onClick={onRemove} aria-label={t("lines.remove", { name: context })}>
            {t("common.remove")}
          </Button>
        ) : null}
      </div>
      <AnchoredError name={`payments.${index}`} className="mt-2" />
    </li>
  );
}

export function DiscountLinesEditor({ mode }: { mode: TMode }) {
  const t = useTranslations("orderForm");
  const { control } = useFormContext<AmountValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "discounts" });
  const headingId = useId();
  const descriptionRequired = mode !== "merchant";
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">
          {t("discounts.legend")}
        </h3>
        <span className="text-xs text-slate-500">{t("discounts.max", { max: LIMITS.discountsMax, count: fields.length })}</span>
      </div>
      {descriptionRequired ? <p className="text-xs text-slate-500">{t("discounts.descriptionRequired")}</p> : null}
      <AnchoredError name="discounts" />
      {fields.length === 0 ? <p className="text-sm text-slate-500">{t("discounts.empty")}</p> : null}
      <ol className="space-y-2">
        {fields.map((field, index) => {
          const context = t("discounts.line", { n: index + 1 });
          const ctx = <span className="sr-only">{context} </span>;
          return (
            <li key={field.id} className="rounded-md border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-start gap-3">
                <TextField
                  name={`discounts.${index}.name`}
                  label={
                    <>
                      {ctx}
                      {t("discounts.name")}
                    </>
                  }
                  required
                  placeholder={t("discounts.namePlaceholder")}
                  fieldClassName="w-full @md:w-44"
                />
                <TextField
                  name={`discounts.${index}.amount`}
                  label={
                    <>
                      {ctx}
                      {t("discounts.amount")}
                    </>
                  }
                  required
                  inputMode="decimal"
                  placeholder="0.00"
                  fieldClassName="w-full @md:w-36"
                />
                <TextField
                  name={`discounts.${index}.description`}
                  label={
                    <>
                      {ctx}
                      {t("discounts.description")}
                    </>
                  }
                  required={descriptionRequired}
                  placeholder={t("discounts.descriptionPlaceholder")}
                  fieldClassName="min-w-48 flex-1"
                />
                <TextField
                  name={`discounts.${index}.count`}
                  label={
                    <>
                      {ctx}
                      {t("discounts.count")}
                    </>
                  }
                  inputMode="numeric"
                  fieldClassName="w-24"
                />
                <Button
                  variant="ghost"
                  size="sm"
                  className="mt-6 ml-auto text-red-700 hover:bg-red-50"
                  onClick={() => remove(index)}
                  aria-label={t("discounts.remove", { n: index + 1 })}
                >
                  {t("common.remove")}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      {fields.length < LIMITS.discountsMax ? (
        <Button size="sm" onClick={() => append(emptyDiscount(), { focusName: `discounts.${fields.length}.name` })}>
          <span aria-hidden="true">＋</span>
          {t("discounts.add")}
        </Button>
      ) : null}
    </section>
  );
}

/** The amounts section both order forms open with: lines, discounts and the total, seeded from the order. */
export function AmountsCard({
  description,
  industry,
  order,
  initialDropped,
  mode,
  totals,
}: {
  description: string;
  industry: IndustryId;
  order: TServiceOrder;
  initialDropped: number;
  mode: TMode;
  totals: LiveTotals;
}) {
  const t = useTranslations("orderForm");
  return (
    <Card title={t("sections.amounts")} description={description}>
      <div className="space-y-6">
        <PaymentLinesEditor
          defaultIndustry={industry}
          orderLines={order.post_payments}
          initialDropped={initialDropped}
          defaultTotal={fenToInput(currentOrderTotal(order))}
        />
        <DiscountLinesEditor mode={mode} />
        <TotalField totals={totals} />
      </div>
    </Card>
  );
}
