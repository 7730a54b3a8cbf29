"use client";
// TanStack Query for the signed-in app (components/providers.tsx mounts it, as a chunk of its own,
// only when someone is signed in: the login page carries none of it). The devtools exist in development only: the condition is
// a build-time constant, so a production build holds neither the import nor the devtools chunk
// (e2e/bundle.spec.ts scans the build).
import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { getQueryClient } from "./query-client";

const Devtools =
  process.env.NODE_ENV === "development"
    ? dynamic(() => import("@tanstack/react-query-devtools").then((module) => module.ReactQueryDevtools), { ssr: false })
    : null;

export function QueryProvider({ children }: { children: ReactNode }) {
  const client = getQueryClient();
  return (
    <QueryClientProvider client={client}>
      {children}
      {Devtools ? <Devtools buttonPosition="bottom-left" /> : null}
    </QueryClientProvider>
  );
}
