// lib/ is bundled for the browser: no node: imports, no process.env, no server-only modules, no React.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const OWNED = ["text.ts", "money.ts", "industries.ts", "time-format.ts", "payscore", "review", "orders", "actions", "bulk"];

function sources(path: string): string[] {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((f) => sources(join(path, f)));
  return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
}

describe("lib purity", () => {
  const files = OWNED.flatMap((f) => sources(join(import.meta.dirname, f)));

  it("finds the modules", () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
  });

  it.each(files)("%s imports nothing server-side", (file) => {
    const text = readFileSync(file, "utf8");
    expect(text).not.toMatch(/from\s+["']node:/);
    expect(text).not.toMatch(/process\.env/);
    expect(text).not.toMatch(/server-only|@\/server\//);
    expect(text).not.toMatch(/from\s+["'](react|react-dom|next)(\/[^"']*)?["']/);
    expect(text).not.toMatch(/:\s*any\s*[;,)=|&>\]\n]|\bas\s+any\b|<any>|z\.any\(/);
  });
});
