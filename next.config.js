// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships 15 MB of wasm/data: keep it out of the bundle (and out of .next/static).
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // forbidden() + app/forbidden.tsx: the auth guard answers a wrong role with a real 403 page.
  experimental: { authInterrupts: true },
  // `next dev` logs every server action call with its arguments — passwords included. Never.
  logging: { serverFunctions: false },
  // Tests build into their own folder so that a running `npm run dev` is left alone.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default withNextIntl(nextConfig);
