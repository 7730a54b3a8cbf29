// Bulk adjustments on PostgreSQL (required on CI), pg-boss included (tests/support/bulk-suite.ts).
import { describe, vi } from "vitest";
import { requirePostgres } from "./support/action-harness";
import { defineBulkSuite } from "./support/bulk-suite";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

if (await requirePostgres()) defineBulkSuite("postgres");
else describe.skip("[BULK][postgres] PostgreSQL not reachable", () => undefined);
