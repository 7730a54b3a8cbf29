// Bench section "page-weight": first-load JavaScript of the console's pages in the production build
// (`next start` of .next-bench): the `<script src>` files of each page's HTML (noModule polyfills
// left out), each compressed with gzip -9, summed — as a ratio to a bare Next.js page of the same
// versions built and served in the same run. Target ≤ 1.45× for the order page, TanStack Query
// included (the product requires it). Signed-in pages are fetched with a demo account's session
// cookie (sandbox mode).
import { gzipSync } from "node:zlib";
import { benchApp, benchBareApp, demoEmail } from "./harness";
import { rowsResult, type BenchRow } from "./rows";
import type { BenchOptions, BenchResult, BenchSection } from "./support";

const SECTION = "page-weight";
const ORDER_PAGE_TARGET = 1.45;
export const ORDER_PAGE_PATH = "/orders/demo-merchant/DEMO-M-HOTEL-PAYING-1";

export interface ScriptWeight {
  src: string;
  raw: number;
  gzip: number;
}

export interface PageWeight {
  url: string;
  scripts: ScriptWeight[];
  raw: number;
  gzip: number;
}

/** `<script … src="…">` of an HTML page, without `nomodule` ones, in document order, de-duplicated. */
export function scriptSources(html: string): string[] {
  const sources: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attributes = match[1] ?? "";
    if (/\bnomodule\b/i.test(attributes)) continue;
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
    const value = src?.[1] ?? src?.[2] ?? src?.[3];
    if (value && !sources.includes(value)) sources.push(value.replace(/&amp;/g, "&"));
  }
  return sources;
}

export async function weighPage(baseUrl: string, pathname: string, cookie?: string): Promise<PageWeight> {
  const url = new URL(pathname, baseUrl).toString();
  const response = await fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`bench: GET ${pathname} answered ${response.status}${response.headers.get("location") ? ` → ${response.headers.get("location")}` : ""}`);
  const scripts: ScriptWeight[] = [];
  for (const src of scriptSources(html)) {
    const file = await fetch(new URL(src, url));
    if (file.status !== 200) throw new Error(`bench: GET ${src} answered ${file.status}`);
    const bytes = Buffer.from(await file.arrayBuffer());
    scripts.push({ src, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return {
    url: pathname,
    scripts,
    raw: scripts.reduce((sum, s) => sum + s.raw, 0),
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
  };
}

/** Packages recognisable in a minified chunk by strings they keep. A hint for the report, not proof. */
const MARKERS: { name: string; test: (text: string) => boolean }[] = [
  { name: "react-dom", test: (t) => t.includes("__reactContainer") },
  { name: "next app router", test: (t) => t.includes("next-router-state-tree") },
  { name: "zod", test: (t) => (t.match(/_zod\b/g)?.length ?? 0) >= 20 },
  { name: "react-hook-form", test: (t) => t.includes("shouldUnregister") },
  { name: "@tanstack/react-query", test: (t) => t.includes("QueryClient") || t.includes("clearReset") || (t.match(/queryKey/g)?.length ?? 0) >= 5 },
  { name: "next-intl / use-intl", test: (t) => t.includes("MISSING_MESSAGE") },
  { name: "sonner", test: (t) => t.includes("data-sonner") },
  { name: "recharts", test: (t) => t.includes("recharts") || t.includes("CartesianGrid") },
];

async function describeChunk(baseUrl: string, src: string): Promise<string[]> {
  const text = await (await fetch(new URL(src, baseUrl))).text();
  return MARKERS.filter((marker) => marker.test(text)).map((marker) => marker.name);
}

export const pageWeightSection: BenchSection = {
  name: SECTION,
  description: `first-load JS (gzip -9 of the <script src> files) per route of the production build ÷ a bare Next.js page (target ≤ ${ORDER_PAGE_TARGET}× for the order page)`,
  async run(_options: BenchOptions): Promise<BenchResult> {
    const app = await benchApp();
    const bare = await benchBareApp();
    const barePage = await weighPage(bare.baseUrl, "/");
    const agent = await app.signIn(demoEmail("agent"));
    const admin = await app.signIn(demoEmail("admin"));
    const pages: { name: string; path: string; cookie?: string; target?: number }[] = [
      { name: "login", path: "/login" },
      { name: "orders lookup", path: "/orders", cookie: agent },
      { name: "order page", path: ORDER_PAGE_PATH, cookie: agent, target: ORDER_PAGE_TARGET },
      { name: "admin users", path: "/admin/users", cookie: admin },
    ];
    const notes: string[] = [];
    if (app.routes.includes("/review")) pages.push({ name: "review", path: "/review", cookie: await app.signIn(demoEmail("supervisor")) });
    else notes.push("no /review route in this build: the review page is not weighed");

    const weights: (PageWeight & { name: string })[] = [];
    for (const page of pages) weights.push({ name: page.name, ...(await weighPage(app.baseUrl, page.path, page.cookie)) });

    const kB = (bytes: number) => bytes / 1000;
    const rows: BenchRow[] = [
      { section: SECTION, metric: `bare Next.js page (${barePage.scripts.length} scripts, ${kB(barePage.raw).toFixed(1)} kB raw)`, value: kB(barePage.gzip), unit: "kB gzip", ratio: 1 },
    ];
    for (const [index, weight] of weights.entries()) {
      const page = pages[index] as (typeof pages)[number];
      const ratio = weight.gzip / barePage.gzip;
      rows.push({
        section: SECTION,
        metric: `${page.name} ${page.path} (${weight.scripts.length} scripts, ${kB(weight.raw).toFixed(1)} kB raw)`,
        value: kB(weight.gzip),
        unit: "kB gzip",
        ratio,
        ...(page.target !== undefined ? { target: `≤ ${page.target}×`, pass: ratio <= page.target } : {}),
      });
    }

    // Which chunks weigh most on the order page, what they look like, and whether the login page
    // loads them too (the shell every page pays for) or only the order page does.
    const order = weights.find((w) => w.name === "order page");
    const login = weights.find((w) => w.name === "login");
    let heaviest: { src: string; gzip: number; raw: number; looksLike: string[]; alsoOnLogin: boolean }[] = [];
    if (order && login) {
      const onLogin = new Set(login.scripts.map((s) => s.src));
      const sorted = [...order.scripts].sort((a, b) => b.gzip - a.gzip).slice(0, 8);
      heaviest = await Promise.all(sorted.map(async (s) => ({ ...s, looksLike: await describeChunk(app.baseUrl, s.src), alsoOnLogin: onLogin.has(s.src) })));
      const shared = order.scripts.filter((s) => onLogin.has(s.src)).reduce((sum, s) => sum + s.gzip, 0);
      notes.push(
        `order page: ${kB(shared).toFixed(1)} kB gzip in chunks the login page loads too (shell), ${kB(order.gzip - shared).toFixed(1)} kB in chunks of its own; bare Next.js page ${kB(barePage.gzip).toFixed(1)} kB`,
      );
      const allowed = barePage.gzip * ORDER_PAGE_TARGET;
      if (order.gzip > allowed) {
        notes.push(
          `order page is ${kB(order.gzip - allowed).toFixed(1)} kB gzip (${((order.gzip / allowed - 1) * 100).toFixed(0)} %) over the ${ORDER_PAGE_TARGET}× budget of ${kB(allowed).toFixed(1)} kB; heaviest chunks: ` +
            heaviest
              .map((h) => `${h.src.split("/").pop()} ${kB(h.gzip).toFixed(1)} kB [${h.looksLike.join(", ") || "app code"}${h.alsoOnLogin ? "; also on /login" : "; order page only"}]`)
              .join("; "),
        );
      }
    }
    return rowsResult(`Page weight: first-load JS, gzip -9 per file, summed; ratio column = ÷ the bare Next.js page built in this run`, rows, {
      bare: barePage,
      pages: weights,
      orderPageHeaviestChunks: heaviest,
      buildSeconds: { console: app.buildSeconds, bare: bare.buildSeconds },
      notes,
    });
  },
};
