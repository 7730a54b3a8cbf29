"use client";
// A failed read of the review pages (e.g. the database is unreachable): say so, offer a retry.
// (No loading.tsx here: its Suspense boundary would send 200 before the guard could answer 403 or
// redirect to the login page.)
import { ErrorPanel } from "@/components/shell/error-panel";

export default function ReviewError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} />;
}
