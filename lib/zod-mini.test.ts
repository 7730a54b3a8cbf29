// The lib/ modules the browser bundles (the order forms and the Payscore schemas they build on) use
// zod/mini, imported as a namespace so bundlers can tree-shake it: full "zod" would add ~20 kB gzip
// to the order page, and `import { z } from "zod/mini"` defeats tree-shaking (all of zod and every
// locale end up in the bundle). A type-only import costs nothing at runtime and is allowed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BROWSER_DIRS = ["payscore", "orders", "review", "approvals"];

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

// The order page renders and hydrates without zod: the modules its components import while rendering
// must not reach zod through any chain of value imports (the schemas load on the first validation,
// components/forms/lazy-resolver.ts). Type-only imports are erased and do not count.
// The admin pages (users, approval rules) are held to the same: their schemas load the same way.
describe("the order and admin pages' lib modules load no zod", () => {
  const root = join(import.meta.dirname, "..");
  const components = ["orders", "admin"].flatMap((dir) =>
    readdirSync(join(root, "components", dir))
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts") && !/-resolvers?\.ts$/.test(f))
      .map((f) => join("components", dir, f)),
  );

  /** Specifiers of the value imports and re-exports of a module (not `import type`, not `import()`). */
  function valueImports(file: string): string[] {
    const text = readFileSync(file, "utf8");
    const found: string[] = [];
    for (const [, clause, from] of text.matchAll(/^(?:import|export)\s+([^;]*?)\s*from\s+["']([^"']+)["']/gms)) {
      if (clause === undefined || from === undefined || /^type\b/.test(clause)) continue;
      const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
      // `import { type A, type B }` is erased like `import type`.
      if (names !== undefined && names.split(",").every((name) => name.trim() === "" || /^type\s/.test(name.trim()))) continue;
      found.push(from);
    }
    return found;
  }

  function resolveLib(from: string, specifier: string): string | null {
    const base = specifier.startsWith("@/") ? join(root, specifier.slice(2)) : specifier.startsWith(".") ? join(from, "..", specifier) : null;
    if (base === null || !base.startsWith(join(root, "lib"))) return null;
    return `${base}.ts`;
  }

  function zodChain(file: string, seen: Set<string>, chain: string[]): string[] | null {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const specifier of valueImports(file)) {
      if (specifier === "zod" || specifier.startsWith("zod/")) return [...chain, file];
      const next = resolveLib(file, specifier);
      const found = next ? zodChain(next, seen, [...chain, file]) : null;
      if (found) return found;
    }
    return null;
  }

  it("finds the components", () => {
    expect(components.length).toBeGreaterThanOrEqual(17);
    expect(components).toContain(join("components", "admin", "policy-editor.tsx"));
  });

  it.each(components)("%s", (file) => {
    const chain = zodChain(join(root, file), new Set(), []);
    expect(chain?.map((f) => f.slice(root.length + 1)).join(" → ") ?? null).toBeNull();
  });
});
