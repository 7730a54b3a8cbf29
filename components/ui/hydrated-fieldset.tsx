"use client";
// A <fieldset> that stays disabled until React owns the page (./use-hydrated.ts), and while
// `disabled` says so. It asks for the hydration state itself: when hydration ends, React re-renders
// this element alone (synchronously — useSyncExternalStore's way), not the form around it. Its
// children are the same elements as before and are not rendered again; when the whole form
// re-rendered here, React's commit of it was the order page's longest task under Lighthouse.
import type { ComponentProps } from "react";
import { useHydrated } from "./use-hydrated";

export function HydratedFieldset({ disabled = false, ...props }: ComponentProps<"fieldset">) {
  const hydrated = useHydrated();
  return <fieldset {...props} disabled={disabled || !hydrated} />;
}
