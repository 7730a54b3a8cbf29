"use client";
// What a page that failed to render shows (the routes' error.tsx): "the database is unavailable"
// when that is why (told by the error's digest, lib/service-unavailable), otherwise a plain "this
// page cannot be shown" (a route may word it for itself and offer a way back); never the error's
// message or stack. Retry re-renders on the server. Its text (app.errorPage) is handed to every
// section's client messages.
// The root error boundary's chunk is loaded with every page, and Turbopack copies the modules it
// imports into it: plain elements with the Alert / Button classes keep it at about 1 kB.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useTranslations } from "next-intl";
import { isDatabaseUnavailableDigest } from "@/lib/service-unavailable";

export interface ErrorPanelProps {
  error: Error & { digest?: string };
  reset: () => void;
  /** The route's own words for a failure that is not the database's. */
  failed?: { title: string; body: string };
  /** A way out besides retrying (a plain link: a full load after an error is what we want). */
  back?: { href: string; label: string };
}

export function ErrorPanel({ error, reset, failed, back }: ErrorPanelProps) {
  const t = useTranslations("app.errorPage");
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const unavailable = isDatabaseUnavailableDigest(error.digest);
  return (
    <section aria-labelledby="error-page-title" className="mx-auto mt-12 max-w-lg space-y-4">
      <h1 id="error-page-title" className="text-2xl font-semibold text-slate-900">
        {unavailable ? t("unavailableTitle") : (failed?.title ?? t("failedTitle"))}
      </h1>
      <div
        role="alert"
        data-testid="error-page"
        data-reason={unavailable ? "database_unavailable" : "failed"}
        className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-950"
      >
        <p>{unavailable ? t("unavailableBody") : (failed?.body ?? t("failedBody"))}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="h-9 rounded-md border border-slate-300 bg-white px-3.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:text-slate-400"
          disabled={retrying}
          onClick={() =>
            startRetry(() => {
              router.refresh();
              reset();
            })
          }
        >
          {t("retry")}
        </button>
        {back ? (
          <a href={back.href} className="text-sm text-blue-700 underline-offset-2 hover:underline">
            {back.label}
          </a>
        ) : null}
      </div>
    </section>
  );
}
