// The HTTP face of better-auth (app/api/auth/[...all]/route.ts hands every request here). better-auth
// mounts some fifty routes — sign-up, update-user, change-email, the admin plugin's set-role and
// create-user… — each with rules of its own that are not the console's (a user renaming themself,
// an admin making themself a supervisor, a one-character password). The browser needs three of
// them; every other route answers 404 whoever asks. User administration goes only through the
// console's server actions (server/auth/users.ts), which call auth.api on the server, not over HTTP.
//
// The match is exact, on method and raw path: another spelling (a trailing slash, `//`, case,
// percent-encoding) is not one of the three and is refused, whatever better-auth's router would
// have made of it.
import "server-only";
import type { Auth } from "./config";

export const AUTH_BASE_PATH = "/api/auth";

/** The only better-auth routes reachable over HTTP: what the login form, the session and sign-out use. */
export const AUTH_HTTP_ROUTES: readonly string[] = ["POST /sign-in/email", "POST /sign-out", "GET /get-session"];

const allowed = new Set(AUTH_HTTP_ROUTES.map((route) => route.replace(" ", ` ${AUTH_BASE_PATH}`)));

/** Whether a request may reach better-auth. */
export function isAllowedAuthRequest(method: string, url: string): boolean {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return false;
  }
  return allowed.has(`${method.toUpperCase()} ${pathname}`);
}

function notFound(): Response {
  return Response.json({ code: "NOT_FOUND", message: "Not found" }, { status: 404, headers: { "cache-control": "no-store" } });
}

export async function handleAuthRequest(auth: Auth, request: Request): Promise<Response> {
  if (!isAllowedAuthRequest(request.method, request.url)) return notFound();
  return auth.handler(request);
}
