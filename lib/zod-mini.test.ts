// The lib/ modules the browser bundles (the order forms and the Payscore schemas they build on) use
// zod/mini, imported as a namespace so bundlers can tree-shake it: full "zod" would add ~20 kB gzip
// to the order page, and `import { z } from "zod/mini"` defeats tree-shaking (all of zod and every
// locale end up in the bundle). A type-only import costs nothing at runtime and is allowed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BROWSER_DIRS = ["payscore", "orders", "review"];

const files = BROWSER_DIRS.flatMap((dir) =>
  readdirSync(join(import.meta.dirname, dir))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => join(import.meta.dirname, dir, f)),
);

describe("browser lib modules use zod/mini", () => {
  it("finds the modules", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files)("%s", (file) => {
    const text = readFileSync(file, "utf8");
    const valueImports = [...text.matchAll(/^import\s+(?!type\b)(.+?)\s+from\s+["'](zod[^"']*)["']/gm)];
    for (const [, what, from] of valueImports) {
      expect(from, `${file}: value import from "${from}"`).toBe("zod/mini");
      expect(what, `${file}: import zod/mini as a namespace`).toMatch(/^\*\s+as\s+z$/);
    }
  });
});
