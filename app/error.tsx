"use client";
// A page that failed to render (the database unreachable, or anything else): say so plainly, offer a retry.
import { ErrorPanel } from "@/components/shell/error-panel";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} />;
}
