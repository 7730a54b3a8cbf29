// The money path's integrity through the server actions, on the embedded PGlite (tests/support/integrity-suite.ts).
import { vi } from "vitest";

import { defineIntegritySuite } from "./support/integrity-suite";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

defineIntegritySuite("pglite");
