// The sign-in form's schema and the rule for where to go afterwards. Error messages are keys under
// `auth.errors` in messages/<locale>/auth.json. zod/mini: this ships in the login page's bundle.
import * as z from "zod/mini";
import { maxLength, minLength } from "@/lib/zod-length";

export const ZSignIn = z.object({
  email: z.pipe(
    z.string().check(z.trim(), minLength(1, { error: "emailRequired" }), maxLength(254, { error: "emailInvalid" })),
    z.email({ error: "emailInvalid" }),
  ),
  password: z.string().check(minLength(1, { error: "passwordRequired" }), maxLength(128, { error: "passwordRequired" })),
});
export type TSignInInput = z.input<typeof ZSignIn>;
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
