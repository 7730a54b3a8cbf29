import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireCapability } from "@/server/auth/guard";

// The messages this section's client components use (components/i18n/client-messages.tsx). The role
// is checked here, before the pages' loading.tsx streams anything, so that a signed-out visitor still
// gets a real redirect and a lost database a real 500; every page checks it again for itself.
export default async function Layout({ children }: { children: ReactNode }) {
  await requireCapability("canLookup");
  return <ClientMessages namespaces={["orders", "orderForm", "modes"]}>{children}</ClientMessages>;
}
