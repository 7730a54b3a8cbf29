import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The messages this section's client components use (components/i18n/client-messages.tsx).
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["review", "orders", "modes", "auth"]}>{children}</ClientMessages>;
}
