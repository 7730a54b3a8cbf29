import type { ReactNode } from "react";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireRole } from "@/server/auth/guard";

// The messages this section's client components use (components/i18n/client-messages.tsx). Admins
// only, checked before loading.tsx streams anything (a real redirect or 403); every page checks again.
// The tabs (users, approval rules, profiles) stay above each page and its loading state.
export default async function Layout({ children }: { children: ReactNode }) {
  await requireRole("admin");
  return (
    <ClientMessages namespaces={["admin", "auth"]}>
      <AdminTabs />
      {children}
    </ClientMessages>
  );
}
