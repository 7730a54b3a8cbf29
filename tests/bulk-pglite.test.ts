// Bulk adjustments on the embedded PGlite, pg-boss included (tests/support/bulk-suite.ts).
import { vi } from "vitest";
import { defineBulkSuite } from "./support/bulk-suite";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

defineBulkSuite("pglite");
