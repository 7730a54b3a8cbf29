import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["lib/**/*.test.ts", "server/**/*.test.ts", "tests/**/*.test.ts", "components/**/*.test.ts", "components/**/*.test.tsx"],
    environment: "node",
    // server-only throws outside a React Server environment; tests import server modules directly.
    alias: { "server-only": new URL("./tests/support/empty.ts", import.meta.url).pathname },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["./tests/support/fast-check-setup.ts"],
  },
});
