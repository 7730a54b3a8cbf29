// Who is signed in, with their role, and the sign-out button
// (a plain form posting a server action: works without client JavaScript). The layout says who.
import { getTranslations } from "next-intl/server";
import type { Role } from "@/lib/auth/roles";
import { signOutAction } from "@/server/actions/auth";
import { UserText } from "@/components/text/user-text";

export async function UserMenu({ user }: { user: { name: string; role: Role | null } }) {
  const t = await getTranslations("auth");
  return (
    <div className="flex items-center gap-3">
      <p className="hidden text-right text-sm leading-tight sm:block">
        <span className="sr-only">{t("userMenu.label")}: </span>
        <UserText className="block font-medium text-slate-900" text={user.name} />
        <span className="block text-xs text-slate-500">{t(`roles.${user.role ?? "none"}`)}</span>
      </p>
      <form action={signOutAction}>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          {t("userMenu.signOut")}
        </button>
      </form>
    </div>
  );
}
