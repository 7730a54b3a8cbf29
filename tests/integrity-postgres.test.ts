// The money path's integrity through the server actions, on PostgreSQL (required on CI) (tests/support/integrity-suite.ts).
import { describe, vi } from "vitest";
import { requirePostgres } from "./support/action-harness";
import { defineIntegritySuite } from "./support/integrity-suite";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

if (await requirePostgres()) defineIntegritySuite("postgres");
else describe.skip("[INTEGRITY][postgres] PostgreSQL not reachable", () => undefined);
