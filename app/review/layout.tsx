import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireCapability } from "@/server/auth/guard";

// The messages this section's client components use (components/i18n/client-messages.tsx). The role
// is checked here, before a page's loading.tsx streams anything (a real redirect, 403 or 500); the
// list's loading.tsx sits in the (list) group so that it does not wrap trends/, whose own layout
// refuses agents with a real 403. Every page checks again for itself.
export default async function Layout({ children }: { children: ReactNode }) {
  await requireCapability("canViewTrail");
  return <ClientMessages namespaces={["review", "approvals", "orders", "modes", "auth"]}>{children}</ClientMessages>;
}
