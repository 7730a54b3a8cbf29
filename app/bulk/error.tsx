"use client";
// A failed read of the bulk pages (e.g. the database is unreachable): say so, offer a retry.
import { ErrorPanel } from "@/components/shell/error-panel";

export default function BulkError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} />;
}
