"use client";
// Toasts (sonner), loaded on the first toast instead of with every page: a toast only ever follows
// an agent's action and its server round trip, so sonner's ~12 kB gzip need not be in first-load JS.
// `notify` loads sonner and then shows the toast; <LazyToaster /> (in the providers) mounts sonner's
// Toaster once it is loaded. A toast published before the Toaster subscribes is replayed by sonner.
import { useEffect, useState, type ComponentType } from "react";
import type { ExternalToast, ToasterProps } from "sonner";

type Sonner = typeof import("sonner");

let sonner: Promise<Sonner> | undefined;
const waiting = new Set<(module: Sonner) => void>();

function loadSonner(): Promise<Sonner> {
  if (!sonner) {
    sonner = import("sonner");
    void sonner.then((module) => {
      for (const resolve of waiting) resolve(module);
    });
  }
  return sonner;
}

function show(kind: "success" | "error" | "warning", message: string, options?: ExternalToast): void {
  void loadSonner().then(({ toast }) => toast[kind](message, options));
}

export const notify = {
  success: (message: string, options?: ExternalToast) => show("success", message, options),
  error: (message: string, options?: ExternalToast) => show("error", message, options),
  warning: (message: string, options?: ExternalToast) => show("warning", message, options),
};

const TOASTER_PROPS: ToasterProps = { position: "top-right", richColors: true, closeButton: true, duration: 6000 };

export function LazyToaster() {
  const [Toaster, setToaster] = useState<ComponentType<ToasterProps> | null>(null);
  useEffect(() => {
    const mount = (module: Sonner) => setToaster(() => module.Toaster);
    if (sonner) void sonner.then(mount);
    else waiting.add(mount);
    return () => {
      waiting.delete(mount);
    };
  }, []);
  return Toaster ? <Toaster {...TOASTER_PROPS} /> : null;
}
