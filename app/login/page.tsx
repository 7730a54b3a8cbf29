import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/auth/sign-in";
import { DEMO_PASSWORD, DEMO_USERS } from "@/server/auth/demo-users";
import { getSessionUser } from "@/server/auth/guard";
import { isSandboxMode } from "@/server/env";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("login.metaTitle") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(Array.isArray(rawNext) ? rawNext[0] : rawNext);
  if (await getSessionUser()) redirect(next);
  const t = await getTranslations("auth");
  // Demo credentials exist (and are shown) in sandbox mode only.
  const sandbox = isSandboxMode();
  return (
    <div className="mx-auto mt-6 max-w-md sm:mt-12">
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-slate-900">{t("login.title")}</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">{t("login.intro")}</p>
        <LoginForm
          next={next}
          demoAccounts={sandbox ? DEMO_USERS.map((demo) => ({ ...demo })) : undefined}
          demoPassword={sandbox ? DEMO_PASSWORD : undefined}
        />
      </div>
    </div>
  );
}
