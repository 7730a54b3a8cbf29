// Four-eyes approval through the server actions, on PostgreSQL (required on CI) (tests/support/approvals-suite.ts).
import { describe, vi } from "vitest";
import { requirePostgres } from "./support/action-harness";
import { defineApprovalsSuite } from "./support/approvals-suite";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

if (await requirePostgres()) defineApprovalsSuite("postgres");
else describe.skip("[APPROVAL][postgres] PostgreSQL not reachable", () => undefined);
