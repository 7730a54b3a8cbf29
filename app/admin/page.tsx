import { redirect } from "next/navigation";
import { requireRole } from "@/server/auth/guard";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  await requireRole("admin");
  redirect("/admin/users");
}
