"use server";
// Signing out: ends the session in the database and clears the cookie (nextCookies), then goes to
// the login page. Needs no role — only whatever session the request carries.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/server/auth";

export async function signOutAction(): Promise<void> {
  const auth = await getAuth();
  try {
    await auth.api.signOut({ headers: await headers() });
  } catch {
    // No session (already expired or revoked): nothing to end.
  }
  redirect("/login");
}
