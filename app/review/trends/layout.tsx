import type { ReactNode } from "react";
import { ROLES } from "@/lib/auth/roles";
import { seesAllChanges } from "@/lib/review/states";
import { requireRole } from "@/server/auth/guard";

// Trends are for those who see every change: checked before loading.tsx streams, for a real 403.
export default async function TrendsLayout({ children }: { children: ReactNode }) {
  await requireRole(...ROLES.filter((role) => seesAllChanges(role)));
  return children;
}
