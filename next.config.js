// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

// Messages are precompiled at build time (next-intl's catalog loader, icu-minify), so the browser
// gets the small format-only runtime instead of the ICU parser. Tests that import the JSON files
// directly still see the plain strings.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships 15 MB of wasm/data: keep it out of the bundle (and out of .next/static). The sandbox's
  // certificate maker (loaded at start only when a sandbox profile is in platform-certificate mode)
  // stays out too: tsyringe needs its reflect-metadata polyfill as a real module. pg-boss (the bulk job
  // queue) is loaded as the package it is, as node-postgres is.
  serverExternalPackages: ["@electric-sql/pglite", "@peculiar/x509", "reflect-metadata", "pg-boss"],
  poweredByHeader: false,
  // PROFILE_SOURCEMAPS=1 next build: browser source maps, to read a CPU profile of the production build.
  productionBrowserSourceMaps: process.env.PROFILE_SOURCEMAPS === "1",
  // On every response (pages, API, static files). The page CSP with its nonce is set in proxy.ts;
  // API answers get a deny-all CSP of their own.
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ];
    return [
      { source: "/:path*", headers: common },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
  // forbidden() + app/forbidden.tsx: the auth guard answers a wrong role with a real 403 page.
  experimental: { authInterrupts: true },
  // `next dev` logs every server action call with its arguments — passwords included. Never.
  logging: { serverFunctions: false },
  // Tests build into their own folder so that a running `npm run dev` is left alone.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default withNextIntl(nextConfig);
