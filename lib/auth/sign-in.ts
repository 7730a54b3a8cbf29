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

const PROBE_ORIGIN = "http://console.invalid";

/** A path that starts one at the root of this site (not `//host` or `/\\host`, which leave it). */
function isRootedPath(path: string): boolean {
  return path.startsWith("/") && path[1] !== "/" && path[1] !== "\\";
}

/**
 * Where to send the user after signing in: a path on this site only (no `//host`, no `/\\host`, no
 * scheme), never back to /login itself; anything else → "/". The check is made on the path *after*
 * normalisation as well: dot segments can collapse into a protocol-relative URL
 * (`/.//host`, `/%2e//host`, `/a/..//host` all become `//host`), which a browser would leave for.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000) return "/";
  if (!isRootedPath(next)) return "/";
  if (/[\u0000-\u001f\u007f]/.test(next)) return "/";
  try {
    const parsed = new URL(next, PROBE_ORIGIN);
    if (parsed.origin !== PROBE_ORIGIN) return "/";
    if (parsed.pathname === "/login" || parsed.pathname.startsWith("/login/") || parsed.pathname.startsWith("/api/")) return "/";
    const out = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    if (!isRootedPath(out)) return "/";
    // What goes out must resolve to the same place again (a second pass changes nothing).
    const again = new URL(out, PROBE_ORIGIN);
    if (again.origin !== PROBE_ORIGIN || `${again.pathname}${again.search}${again.hash}` !== out) return "/";
    return out;
  } catch {
    return "/";
  }
}

/** The login URL that brings the user back to `path` afterwards. */
export function loginUrl(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}
