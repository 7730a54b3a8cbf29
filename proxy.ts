// Runs before every page request:
// - hands the requested path to server components (which cannot see the URL) so that the auth guard
//   can send a signed-out user to /login?next=<that path>. It does no authorization itself — every
//   page and action checks the session (server/auth/guard.ts);
// - sets a per-request nonce Content-Security-Policy: Next.js reads it from the request and puts the
//   nonce on its own scripts, so no other script (an injected one included) can run;
// - refuses a path whose percent-encoding cannot be decoded (a lone "%", broken UTF-8) with 400:
//   Next itself fails on it while matching a dynamic route, after this proxy, and answers a bare 500.
//   API paths come here only when they contain a "%" (the second matcher), and only for this check;
// - drops the review filter form's empty fields from the URL (a plain GET form submits them all), so
//   that the view can be shared — on the review list and the approval queue, which uses the same
//   form; here rather than in the page, whose loading.tsx streams before it.
import { type NextRequest, NextResponse } from "next/server";
import { isDecodablePath } from "@/lib/orders/order-address";
import { QUEUE_DEFAULT_SORT } from "@/lib/approvals/queue";
import { tidyReviewSearch } from "@/lib/review/filters";

export function contentSecurityPolicy(nonce: string, isDev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // Tailwind ships a stylesheet; React and sonner set a few inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function undecodablePath(isApi: boolean): NextResponse {
  const headers = { "Cache-Control": "no-store" };
  if (isApi) return NextResponse.json({ ok: false, error: { code: "INVALID_INPUT", reason: "undecodable_path" } }, { status: 400, headers });
  return new NextResponse(
    "400 地址无法解析：其中的百分号编码（%）无效，请检查链接。\n400 The address cannot be decoded: its percent-encoding (%) is invalid. Check the link.\n",
    { status: 400, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } },
  );
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  if (pathname.includes("%") && !isDecodablePath(pathname)) return undecodablePath(isApi);
  if (isApi) return NextResponse.next();
  if (pathname === "/review" || pathname === "/approvals") {
    const tidy = tidyReviewSearch(request.nextUrl.searchParams, pathname === "/approvals" ? QUEUE_DEFAULT_SORT : "newest");
    if (tidy !== null) {
      const url = request.nextUrl.clone();
      url.search = tidy;
      return NextResponse.redirect(url, 307);
    }
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  // Always overwritten, so a client cannot choose it (and the guard sanitizes it anyway).
  headers.set("x-console-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image|api/|favicon.ico).*)", missing: [{ type: "header", key: "next-router-prefetch" }] },
    { source: "/api/:path(.*%.*)" },
  ],
};
