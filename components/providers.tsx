"use client";
// Client-side providers for the whole app: TanStack Query (a new QueryClient per server render,
// one for the life of the browser tab) and sonner's toaster. Mounted once in app/layout.tsx.
import { QueryClient, QueryClientProvider, isServer } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Toaster } from "sonner";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Server-rendered data is fresh on arrival; avoid an immediate refetch on hydration.
      queries: { staleTime: 10_000, refetchOnWindowFocus: true },
      // Money-moving calls are never retried behind the agent's back.
      mutations: { retry: false },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Toaster position="top-right" richColors closeButton duration={6000} />
    </QueryClientProvider>
  );
}
