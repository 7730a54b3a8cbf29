import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Providers } from "@/components/providers";
import { AppHeader } from "@/components/shell/app-header";
import { isSandboxMode } from "@/server/env";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: t("name"), description: t("tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        {/* Locale and time zone for client components; their messages come from each section's
            layout, and only the error page's words (app/error.tsx) from here. */}
        <ClientMessages namespaces={[]}>
          <Providers>
            <AppHeader isSandbox={isSandboxMode()} />
            <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
          </Providers>
        </ClientMessages>
      </body>
    </html>
  );
}
