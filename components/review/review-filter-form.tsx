// The review filters as a plain GET form: submitting puts them in the URL (a view can be shared and
// bookmarked), it works before any JavaScript has loaded, and it adds nothing to the bundle. The
// server parses the same keys with lib/review/filters.ts. The approval queue uses it too, without the
// filters it fixes and with its own default order (lib/approvals/queue.ts).
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, FieldDescription, FieldLabel } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { REASON_CATEGORIES } from "@/lib/orders/reasons";
import { REVIEW_SORTS, type ReviewFilterKey, type ReviewFilters, type ReviewSort } from "@/lib/review/filters";
import { reasonLabel } from "@/lib/orders/reasons";
import { REVIEW_STATES, TRAIL_OPERATION_VALUES, TRAIL_STATUS_VALUES } from "@/lib/review/states";
import type { AgentOption } from "@/lib/review/view";

interface Props {
  /** Where the form submits (the list or the trends view). */
  action: string;
  filters: ReviewFilters;
  agents: AgentOption[] | null;
  profiles: { id: string; label: string }[];
  showSort?: boolean;
  /** Filters this view does not offer. */
  omit?: readonly ReviewFilterKey[];
  /** The order an empty sort means (the review list: newest first). */
  defaultSort?: ReviewSort;
}

const MODES = ["merchant", "partner", "institution"] as const;

export async function ReviewFilterForm({ action, filters, agents, profiles, showSort = true, omit = [], defaultSort = "newest" }: Props) {
  const [t, tOrders, tModes, locale] = await Promise.all([getTranslations("review"), getTranslations("orders"), getTranslations("modes"), getLocale()]);
  const select = (
    name: keyof ReviewFilters,
    label: string,
    anyLabel: string,
    options: readonly { value: string; label: string }[],
  ) =>
    omit.includes(name) ? null : (
      <Field>
        <FieldLabel htmlFor={`filter-${name}`}>{label}</FieldLabel>
        <Select id={`filter-${name}`} name={name} defaultValue={filters[name] ?? ""}>
          <option value="">{anyLabel}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
    );
  return (
    <form method="get" action={action} role="search" aria-labelledby="review-filters-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="review-filters-title" className="sr-only">
        {t("filters.legend")}
      </h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
        <Field>
          <FieldLabel htmlFor="filter-from">{t("filters.from")}</FieldLabel>
          <Input id="filter-from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </Field>
        <Field>
          <FieldLabel htmlFor="filter-to">{t("filters.to")}</FieldLabel>
          <Input id="filter-to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </Field>
        {agents
          ? select(
              "agent",
              t("filters.agent"),
              t("filters.anyAgent"),
              agents.map((agent) => ({ value: agent.id, label: agent.name })),
            )
          : null}
        {select(
          "profile",
          t("filters.profile"),
          t("filters.anyProfile"),
          profiles.map((profile) => ({ value: profile.id, label: profile.label })),
        )}
        {select(
          "mode",
          t("filters.mode"),
          t("filters.anyMode"),
          MODES.map((mode) => ({ value: mode, label: tModes(mode) })),
        )}
        {select(
          "operation",
          t("filters.operation"),
          t("filters.anyOperation"),
          TRAIL_OPERATION_VALUES.map((operation) => ({ value: operation, label: tOrders(`operations.${operation}`) })),
        )}
        {select(
          "reason",
          t("filters.reason"),
          t("filters.anyReason"),
          REASON_CATEGORIES.map((category) => ({ value: category, label: reasonLabel(category, locale) })),
        )}
        {select(
          "status",
          t("filters.status"),
          t("filters.anyStatus"),
          TRAIL_STATUS_VALUES.map((status) => ({ value: status, label: tOrders(`trailStatus.${status}`) })),
        )}
        {select(
          "review",
          t("filters.review"),
          t("filters.anyReview"),
          REVIEW_STATES.map((state) => ({ value: state, label: t(`reviewStates.${state}`) })),
        )}
        <Field>
          <FieldLabel htmlFor="filter-min">{t("filters.min")}</FieldLabel>
          <Input id="filter-min" name="min" inputMode="decimal" placeholder="-50" aria-describedby="filter-amount-hint" defaultValue={filters.min ?? ""} />
          <FieldDescription id="filter-amount-hint">{t("filters.amountHint")}</FieldDescription>
        </Field>
        <Field>
          <FieldLabel htmlFor="filter-max">{t("filters.max")}</FieldLabel>
          <Input id="filter-max" name="max" inputMode="decimal" placeholder="0" aria-describedby="filter-amount-hint" defaultValue={filters.max ?? ""} />
        </Field>
        <Field>
          <FieldLabel htmlFor="filter-q">{t("filters.q")}</FieldLabel>
          <Input id="filter-q" name="q" autoComplete="off" spellCheck={false} className="font-mono" aria-describedby="filter-q-hint" defaultValue={filters.q ?? ""} />
          <FieldDescription id="filter-q-hint">{t("filters.qHint")}</FieldDescription>
        </Field>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary">
          {t("filters.apply")}
        </Button>
        <Link href={action} className={buttonClass({ variant: "ghost" })}>
          {t("filters.clear")}
        </Link>
        {showSort ? (
          <div className="flex items-center gap-2 sm:ml-auto">
            <label htmlFor="filter-sort" className="text-sm font-medium whitespace-nowrap text-slate-700">
              {t("filters.sort")}
            </label>
            <Select id="filter-sort" name="sort" defaultValue={filters.sort === defaultSort ? "" : (filters.sort ?? "")} className="w-auto">
              <option value="">{t(`sorts.${defaultSort}`)}</option>
              {REVIEW_SORTS.filter((sort) => sort !== defaultSort).map((sort) => (
                <option key={sort} value={sort}>
                  {t(`sorts.${sort}`)}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
      </div>
    </form>
  );
}
