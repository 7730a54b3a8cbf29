// The sign-in form's schema and the rule for where to go afterwards. Error messages are keys under
// `auth.errors` in messages/<locale>/auth.json.
import { z } from "zod";

export const ZSignIn = z.object({
  email: z.string().trim().min(1, { error: "emailRequired" }).max(254, { error: "emailInvalid" }).pipe(z.email({ error: "emailInvalid" })),
  password: z.string().min(1, { error: "passwordRequired" }).max(128, { error: "passwordRequired" }),
});
export type TSignIn = z.output<typeof ZSignIn>;

/**
 * Where to send the user after signing in: a path on this site only (no `//host`, no `/\host`, no
 * scheme), never back to /login itself; anything else → "/".
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(next)) return "/";
  try {
    const parsed = new URL(next, "http://console.invalid");
    if (parsed.origin !== "http://console.invalid") return "/";
    if (parsed.pathname === "/login" || parsed.pathname.startsWith("/login/") || parsed.pathname.startsWith("/api/")) return "/";
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return "/";
  }
}

/** The login URL that brings the user back to `path` afterwards. */
export function loginUrl(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}
