import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { MainNav } from "@/components/shell/main-nav";
import { SandboxBadge } from "@/components/shell/sandbox-badge";
import { UserMenu } from "@/components/auth/user-menu";
import type { Role } from "@/lib/auth/roles";
import type { NavCounts } from "@/lib/review/view";

/** Who is signed in (null: nobody, or the lookup failed) and their review counts, read by the layout. */
export interface HeaderUser {
  name: string;
  role: Role | null;
  counts: NavCounts | null;
}

export async function AppHeader({ isSandbox, user }: { isSandbox: boolean; user: HeaderUser | null }) {
  const t = await getTranslations("app");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold whitespace-nowrap text-slate-900">
          {t("name")}
        </Link>
        {isSandbox ? <SandboxBadge /> : null}
        {user ? <MainNav role={user.role} counts={user.counts} /> : null}
        <div className="ml-auto flex items-center gap-3">
          <LocaleSwitch />
          {user ? <UserMenu user={user} /> : null}
        </div>
      </div>
    </header>
  );
}
