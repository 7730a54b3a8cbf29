// The messages a part of the app's client components need, and only those: the root layout gives the
// browser none, and each section's layout passes its namespaces. Every message handed to
// NextIntlClientProvider is serialised into the page's HTML, so the order page no longer carries the
// review and admin texts (and the login page none but its own). Every subtree also gets the error
// page's few words (app.errorPage), because any section's error boundary may need them; the root
// also hands over the navigation's (app.nav), for the review counts that stay live in the header.
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { NAMESPACES } from "@/i18n/request";

type Namespace = (typeof NAMESPACES)[number];

type AppPart = "errorPage" | "nav";

export async function ClientMessages({
  namespaces,
  appParts = ["errorPage"],
  children,
}: {
  namespaces: readonly Namespace[];
  /** Which parts of the `app` namespace, when it is not passed whole. */
  appParts?: readonly AppPart[];
  children: ReactNode;
}) {
  const all = await getMessages();
  const messages = Object.fromEntries(namespaces.filter((name) => name in all).map((name) => [name, all[name]]));
  if (!namespaces.includes("app")) messages.app = Object.fromEntries(appParts.map((part) => [part, all.app[part]]));
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
