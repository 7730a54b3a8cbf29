import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireCapability } from "@/server/auth/guard";

// Four-eyes decisions are for those who may approve (supervisors): checked here, before a page's
// loading.tsx streams anything (a real redirect or 403), and again by every page and action. The
// client parts use these namespaces (the order's state words and the form's error words included).
export default async function Layout({ children }: { children: ReactNode }) {
  await requireCapability("canApprove");
  return <ClientMessages namespaces={["approvals", "review", "orders", "orderForm", "modes", "auth"]}>{children}</ClientMessages>;
}
