"use client";
// Client-side providers for the whole app, mounted once in app/layout.tsx: only the toaster, which
// loads sonner on the first toast (components/ui/toast.tsx).
import type { ReactNode } from "react";
import { LazyToaster } from "@/components/ui/toast";

export function Providers({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <LazyToaster />
    </>
  );
}
