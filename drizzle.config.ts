// `npx drizzle-kit generate` writes the SQL migrations into ./drizzle (committed); the app applies
// them itself on first use of the database (server/db/index.ts), so `drizzle-kit migrate` is never
// needed — and must not be pointed at the PGlite folder of a running app.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
