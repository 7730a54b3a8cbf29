"use client";
// What a page that failed to render shows (app/error.tsx, app/review/error.tsx): "the database is
// unavailable" when that is why (told by the error's digest, lib/service-unavailable), otherwise a
// plain "this page cannot be shown"; never the error's message or stack. Retry re-renders on the
// server. Its text (app.errorPage) is handed to every section's client messages.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useTranslations } from "next-intl";
import { isDatabaseUnavailableDigest } from "@/lib/service-unavailable";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("app.errorPage");
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const unavailable = isDatabaseUnavailableDigest(error.digest);
  return (
    <section aria-labelledby="error-page-title" className="mx-auto mt-12 max-w-lg space-y-4">
      <h1 id="error-page-title" className="text-2xl font-semibold text-slate-900">
        {unavailable ? t("unavailableTitle") : t("failedTitle")}
      </h1>
      <Alert tone="danger" role="alert" data-testid="error-page" data-reason={unavailable ? "database_unavailable" : "failed"}>
        <p>{unavailable ? t("unavailableBody") : t("failedBody")}</p>
      </Alert>
      <Button
        disabled={retrying}
        onClick={() =>
          startRetry(() => {
            router.refresh();
            reset();
          })
        }
      >
        {t("retry")}
      </Button>
    </section>
  );
}
