// Four-eyes approval through the server actions, on the embedded PGlite (tests/support/approvals-suite.ts).
import { vi } from "vitest";
import { defineApprovalsSuite } from "./support/approvals-suite";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

defineApprovalsSuite("pglite");
