// Runs before every page request: hands the requested path to server components (which cannot see
// the URL) so that the auth guard can send a signed-out user to /login?next=<that path>. It does no
// authorization itself — every page and action checks the session (server/auth/guard.ts).
import { type NextRequest, NextResponse } from "next/server";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Always overwritten, so a client cannot choose it (and the guard sanitizes it anyway).
  headers.set("x-console-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|api/|favicon.ico).*)"],
};
