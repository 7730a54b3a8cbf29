import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { MainNav } from "@/components/shell/main-nav";
import { SandboxBadge } from "@/components/shell/sandbox-badge";
import { UserMenu } from "@/components/auth/user-menu";

export async function AppHeader({ isSandbox }: { isSandbox: boolean }) {
  const t = await getTranslations("app");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold whitespace-nowrap text-slate-900">
          {t("name")}
        </Link>
        {isSandbox ? <SandboxBadge /> : null}
        <MainNav />
        <div className="ml-auto flex items-center gap-3">
          <LocaleSwitch />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
