"use client";
// Client-side providers for the whole app, mounted once in app/layout.tsx: TanStack Query for the
// signed-in app (./query/query-provider.tsx) and the toaster, which loads sonner on the first toast
// (components/ui/toast.tsx). The query provider is its own chunk, fetched only by pages rendered for
// someone signed in: the login page carries none of TanStack Query.
import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import { LazyToaster } from "@/components/ui/toast";

const QueryProvider = dynamic(() => import("./query/query-provider").then((module) => module.QueryProvider));

export function Providers({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  return (
    <>
      {signedIn ? <QueryProvider>{children}</QueryProvider> : children}
      <LazyToaster />
    </>
  );
}
