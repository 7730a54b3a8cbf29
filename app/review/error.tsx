"use client";
// A failed read of the review pages (e.g. the database is unreachable): say so, offer a retry.
// (No loading.tsx here: its Suspense boundary would send 200 before the guard could answer 403 or
// redirect to the login page.)
import { useTranslations } from "next-intl";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function ReviewError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("review");
  return (
    <Alert tone="danger" role="alert" className="space-y-3">
      <AlertTitle>{t("errors.INTERNAL_ERROR")}</AlertTitle>
      <Button onClick={reset}>{t("retry")}</Button>
    </Alert>
  );
}
