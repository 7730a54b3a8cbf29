"use client";
// The order page failed to render (not an answer from WeChat Pay: those the page shows itself):
// say that nothing was changed, offer a retry and the way back to the lookup.
import { useTranslations } from "next-intl";
import { ErrorPanel } from "@/components/shell/error-panel";

export default function OrderError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("orders.order");
  return <ErrorPanel error={error} reset={reset} failed={{ title: t("errorTitle"), body: t("errorBody") }} back={{ href: "/orders", label: t("back") }} />;
}
