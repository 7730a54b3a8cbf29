// The production build (the one these tests run against) carries TanStack Query and not its
// devtools: the devtools are for `next dev` only (components/query/query-provider.tsx).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DIST_DIR, storageStatePath } from "./support/env";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function filesContaining(dir: string, marker: string): string[] {
  return filesUnder(dir).filter((file) => /\.(js|mjs|cjs)$/.test(file) && readFileSync(file, "utf8").includes(marker));
}

/** Strings only the devtools hold (their panel's title and button labels). */
const DEVTOOLS_MARKERS = ["TanStack Query Devtools", "Open Tanstack query devtools", "TanstackQueryDevtools"];
/** A string of @tanstack/react-query's own (its useQueryClient error). */
const QUERY_MARKER = "No QueryClient set, use QueryClientProvider to set one";

test("[BUNDLE]: the production build holds TanStack Query but not its devtools, in the browser's files or the server's", () => {
  const devtoolsDir = path.join("node_modules", "@tanstack", "query-devtools", "build");
  // The markers are real: the devtools package carries each of them.
  for (const marker of DEVTOOLS_MARKERS) expect(filesContaining(devtoolsDir, marker).length, marker).toBeGreaterThan(0);
  expect(filesContaining(path.join(DIST_DIR, "static"), QUERY_MARKER).length).toBeGreaterThan(0);
  for (const dir of [path.join(DIST_DIR, "static"), path.join(DIST_DIR, "server")]) {
    for (const marker of DEVTOOLS_MARKERS) expect(filesContaining(dir, marker), `${marker} in ${dir}`).toEqual([]);
  }
});

/** The JavaScript a page fetches while it loads, by URL, with whether it holds TanStack Query. */
async function scriptsLoadedBy(page: import("@playwright/test").Page, path: string): Promise<{ url: string; hasQuery: boolean }[]> {
  const loaded: Promise<{ url: string; hasQuery: boolean }>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    loaded.push(response.text().then((text) => ({ url: response.url(), hasQuery: text.includes(QUERY_MARKER) })));
  });
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  return Promise.all(loaded);
}

test("[BUNDLE]: the login page loads no TanStack Query; a signed-in page does", async ({ browser }) => {
  const anonymous = await browser.newContext();
  const login = await scriptsLoadedBy(await anonymous.newPage(), "/login");
  expect(login.length).toBeGreaterThan(0);
  expect(login.filter((script) => script.hasQuery).map((script) => script.url)).toEqual([]);
  await anonymous.close();

  const agent = await browser.newContext({ storageState: storageStatePath("agent") });
  const orders = await scriptsLoadedBy(await agent.newPage(), "/orders");
  expect(orders.filter((script) => script.hasQuery)).toHaveLength(1);
  await agent.close();
});
