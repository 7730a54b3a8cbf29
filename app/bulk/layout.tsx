import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireCapability } from "@/server/auth/guard";

// Bulk adjustments are for those who may change amounts (agents and supervisors); a supervisor's
// decisions on a batch are checked again by the batch page and every action. The client parts use
// these namespaces (a row's problems are worded as the order form words them, approval rules as the
// approval pages do).
export default async function Layout({ children }: { children: ReactNode }) {
  await requireCapability("canModify");
  return <ClientMessages namespaces={["bulk", "orderForm", "approvals"]}>{children}</ClientMessages>;
}
