import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Providers } from "@/components/providers";
import { AppHeader, type HeaderUser } from "@/components/shell/app-header";
import { getSessionUser } from "@/server/auth/guard";
import { describeErrorForLog } from "@/server/db/errors";
import { isSandboxMode } from "@/server/env";
import { findNavCounts } from "@/server/review/nav-counts";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: t("name"), description: t("tagline") };
}

/**
 * Who is signed in, for the header, with their review counts. A failed session lookup (the database
 * unreachable) is reported by the page below, which makes the same cached call; the header stays
 * without a user, so that the error page keeps the app's frame and language. The counts are a hint:
 * a database hiccup must not take every page's header down with it.
 */
async function headerUser(): Promise<HeaderUser | null> {
  const user = await getSessionUser().catch(() => null);
  if (!user) return null;
  const counts = await findNavCounts(user).catch((error: unknown) => {
    console.error(`[nav] review counts failed: ${describeErrorForLog(error)}`);
    return null;
  });
  return { name: user.name, role: user.role, counts };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, user] = await Promise.all([getLocale(), headerUser()]);
  const page = (
    <>
      <AppHeader isSandbox={isSandboxMode()} user={user} />
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
    </>
  );
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        {/* Locale and time zone for client components; their messages come from each section's
            layout, and only the error page's and the navigation's words from here. */}
        <ClientMessages namespaces={[]} appParts={["errorPage", "nav"]}>
          {/* TanStack Query for the signed-in app only (components/providers.tsx). */}
          <Providers signedIn={user !== null}>{page}</Providers>
        </ClientMessages>
      </body>
    </html>
  );
}
