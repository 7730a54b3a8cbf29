"use client";
// What changed in an order under an open form (another change, or one made outside the console):
// the list of changes in words, and the notice above the form that offers the order as it is now.
import { useTranslations } from "next-intl";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatFen } from "@/lib/money";
import type { OrderChange } from "@/lib/orders/order-version";

export function ChangeList({ changes }: { changes: OrderChange[] }) {
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
