// The production build (the one these tests run against) carries TanStack Query and not its
// devtools: the devtools are for `next dev` only (components/query/query-provider.tsx).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DIST_DIR } from "./support/env";

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
