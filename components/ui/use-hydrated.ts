"use client";
// Whether React owns the page yet: false in the server's HTML and during hydration, true after.
// Forms keep their controls disabled until then — a value typed into server-rendered inputs is
// overwritten (or merged with) the defaults when the form registers them, and a click on submit
// would be a native form submission instead of the form's own handler.
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
