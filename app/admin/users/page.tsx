import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UsersTable } from "@/components/admin/users-table";
import { requireRole } from "@/server/auth/guard";
import { listConsoleUsers } from "@/server/auth/users";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("users.metaTitle") };
}

export default async function AdminUsersPage() {
  const me = await requireRole("admin");
  const [t, users] = await Promise.all([getTranslations("admin"), getDb().then(listConsoleUsers)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("users.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("users.intro")}</p>
      </div>
      <CreateUserForm />
      <UsersTable users={users} currentUserId={me.id} />
    </div>
  );
}
