// Every protected page and every server action × (no session, agent, supervisor, admin), asserted
// exactly — server actions called by direct HTTP POST, as a hostile client would, not through the UI.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { actionResultCode, postServerAction } from "./support/actions";
import { APP_URL, SANDBOX_URL, storageStatePath, type E2ERole } from "./support/env";

type Who = "anonymous" | E2ERole;
const WHO: readonly Who[] = ["anonymous", "agent", "supervisor", "admin"];

// Expected page outcome: "ok" (200), "login" (redirect to /login?next=…), "forbidden" (403 page),
// "missing" (allowed in, and there is no such thing: the route's 404, streamed after its
// loading.tsx, so with status 200 and Next's not-found marker for the browser).
const PAGES: { path: string; expect: Record<Who, "ok" | "login" | "forbidden" | "missing"> }[] = [
  { path: "/orders", expect: { anonymous: "login", agent: "ok", supervisor: "ok", admin: "ok" } },
  {
    path: "/orders/demo-merchant/DEMO-M-HOTEL-PAID-1",
    expect: { anonymous: "login", agent: "ok", supervisor: "ok", admin: "ok" },
  },
  { path: "/review", expect: { anonymous: "login", agent: "ok", supervisor: "ok", admin: "ok" } },
  { path: "/review/trends", expect: { anonymous: "login", agent: "forbidden", supervisor: "ok", admin: "ok" } },
  // Four-eyes decisions: supervisors only (canApprove); admins administer, they do not approve.
  { path: "/approvals", expect: { anonymous: "login", agent: "forbidden", supervisor: "ok", admin: "forbidden" } },
  {
    path: "/approvals/00000000-0000-4000-8000-000000000000",
    expect: { anonymous: "login", agent: "forbidden", supervisor: "missing", admin: "forbidden" },
  },
  { path: "/admin/users", expect: { anonymous: "login", agent: "forbidden", supervisor: "forbidden", admin: "ok" } },
  { path: "/admin/profiles", expect: { anonymous: "login", agent: "forbidden", supervisor: "forbidden", admin: "ok" } },
  { path: "/admin/approvals", expect: { anonymous: "login", agent: "forbidden", supervisor: "forbidden", admin: "ok" } },
];

// Each action with an input that is invalid on purpose: an allowed caller gets past the guard and
// is refused by the schema (INVALID_INPUT), so nothing upstream is touched.
const ACTIONS: { file: string; name: string; args: unknown[]; expect: Record<Who, string> }[] = [
  {
    file: "server/actions/orders.ts",
    name: "modifyOrderAction",
    args: [{ profileId: "demo-merchant", outOrderNo: "x" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/orders.ts",
    name: "completeOrderAction",
    args: [{ profileId: "demo-merchant", outOrderNo: "x" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/reconcile.ts",
    name: "reconcileAction",
    args: [{ trailId: "not-a-uuid" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/review.ts",
    name: "markReviewedAction",
    args: [{ trailIds: [] }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/review.ts",
    name: "flagChangeAction",
    args: [{ trailId: "not-a-uuid", comment: "" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/review.ts",
    name: "clearFlagAction",
    args: [{ trailId: "not-a-uuid", comment: "" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/approvals.ts",
    name: "approveRequestAction",
    args: [{ trailId: "not-a-uuid" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/approvals.ts",
    name: "rejectRequestAction",
    args: [{ trailId: "not-a-uuid", comment: "" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/approvals.ts",
    name: "withdrawRequestAction",
    args: [{ trailId: "not-a-uuid" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/orders.ts",
    name: "cancelOrderAction",
    args: [{ profileId: "demo-merchant", outOrderNo: "x" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/orders.ts",
    name: "syncOrderAction",
    args: [{ profileId: "demo-merchant", outOrderNo: "x" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  // The sandbox's "user" controls: whoever may change orders, and only in sandbox mode.
  {
    file: "server/actions/sandbox.ts",
    name: "sandboxUserAction",
    args: [{ profileId: "demo-merchant", subMchid: null, outOrderNo: "x", action: "refund" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/admin-users.ts",
    name: "createUserAction",
    args: [{ email: "not-an-email", role: "agent" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "FORBIDDEN", admin: "INVALID_INPUT" },
  },
  {
    file: "server/actions/admin-users.ts",
    name: "changeRoleAction",
    args: [{ userId: "", role: "root" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "FORBIDDEN", admin: "INVALID_INPUT" },
  },
  {
    file: "server/actions/admin-users.ts",
    name: "resetPasswordAction",
    args: [{ userId: "", password: "x" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "FORBIDDEN", admin: "INVALID_INPUT" },
  },
  {
    file: "server/actions/admin-users.ts",
    name: "setActiveAction",
    args: [{ userId: "", active: "maybe" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "FORBIDDEN", admin: "INVALID_INPUT" },
  },
  {
    file: "server/actions/approval-policies.ts",
    name: "savePolicyAction",
    args: [{ profileId: "", subMchid: "", enabled: "maybe" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "FORBIDDEN", admin: "INVALID_INPUT" },
  },
  // Bulk adjustments (issue #14): submit by whoever may change orders (the maker, checked inside);
  // approve / reject / pause / resume / cancel by supervisors.
  {
    file: "server/actions/bulk.ts",
    name: "uploadBulkFileAction",
    // Not a FormData with a file: refused by the schema once past the guard.
    args: [{ file: "x" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  {
    file: "server/actions/bulk.ts",
    name: "submitBulkBatchAction",
    args: [{ batchId: "not-a-uuid" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "INVALID_INPUT", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  },
  ...(["approveBulkBatchAction", "rejectBulkBatchAction", "pauseBulkBatchAction", "resumeBulkBatchAction", "cancelBulkBatchAction"] as const).map((name) => ({
    file: "server/actions/bulk.ts",
    name,
    args: [{ batchId: "not-a-uuid", comment: "" }],
    expect: { anonymous: "UNAUTHENTICATED", agent: "FORBIDDEN", supervisor: "INVALID_INPUT", admin: "FORBIDDEN" },
  })),
];

// Route handlers: expected HTTP status per caller.
const ROUTES: { path: string; expect: Record<Who, number> }[] = [
  { path: "/api/review/export?reason=device_fault", expect: { anonymous: 401, agent: 403, supervisor: 200, admin: 200 } },
  // The browser's data layer (TanStack Query) reads these.
  { path: "/api/review/counts", expect: { anonymous: 401, agent: 200, supervisor: 200, admin: 200 } },
  { path: "/api/orders/recent", expect: { anonymous: 401, agent: 200, supervisor: 200, admin: 200 } },
  { path: "/api/review/changes/00000000-0000-4000-8000-000000000000", expect: { anonymous: 401, agent: 404, supervisor: 404, admin: 404 } },
  { path: "/api/review/changes/not-a-uuid", expect: { anonymous: 401, agent: 400, supervisor: 400, admin: 400 } },
  // Bulk adjustments: any signed-in role may read batches (as the trail).
  { path: "/api/bulk/batches", expect: { anonymous: 401, agent: 200, supervisor: 200, admin: 200 } },
  { path: "/api/bulk/batches/00000000-0000-4000-8000-000000000000", expect: { anonymous: 401, agent: 404, supervisor: 404, admin: 404 } },
  { path: "/api/bulk/batches/00000000-0000-4000-8000-000000000000/rows", expect: { anonymous: 401, agent: 404, supervisor: 404, admin: 404 } },
  { path: "/api/bulk/batches/not-a-uuid/rows", expect: { anonymous: 401, agent: 400, supervisor: 400, admin: 400 } },
  { path: "/api/bulk/batches/00000000-0000-4000-8000-000000000000/results.csv?lang=en", expect: { anonymous: 401, agent: 404, supervisor: 404, admin: 404 } },
  { path: "/api/bulk/batches/not-a-uuid/errors.csv", expect: { anonymous: 401, agent: 400, supervisor: 400, admin: 400 } },
  { path: "/api/bulk/template.csv?lang=zh", expect: { anonymous: 401, agent: 200, supervisor: 200, admin: 200 } },
];

async function contextFor(playwright: { request: { newContext: typeof import("@playwright/test").request.newContext } }, who: Who): Promise<APIRequestContext> {
  return playwright.request.newContext({
    baseURL: APP_URL,
    storageState: who === "anonymous" ? undefined : storageStatePath(who),
  });
}

for (const who of WHO) {
  test.describe(`[ROLES] ${who}`, () => {
    for (const page of PAGES) {
      test(`[ROLES][PAGE] ${who} GET ${page.path} → ${page.expect[who]}`, async ({ playwright }) => {
        const request = await contextFor(playwright, who);
        const response = await request.get(page.path, { maxRedirects: 0 });
        const expected = page.expect[who];
        if (expected === "ok") {
          expect(response.status()).toBe(200);
        } else if (expected === "login") {
          expect([303, 307]).toContain(response.status());
          expect(response.headers().location).toBe(`/login?next=${encodeURIComponent(page.path)}`);
        } else if (expected === "missing") {
          expect(response.status()).toBe(200);
          expect(await response.text()).toContain("NEXT_HTTP_ERROR_FALLBACK;404");
        } else {
          expect(response.status()).toBe(403);
        }
        await request.dispose();
      });
    }
    for (const route of ROUTES) {
      test(`[ROLES][ROUTE] ${who} GET ${route.path} → ${route.expect[who]}`, async ({ playwright }) => {
        const request = await contextFor(playwright, who);
        const response = await request.get(route.path, { maxRedirects: 0 });
        expect(response.status()).toBe(route.expect[who]);
        if (response.status() !== 200) expect(response.headers()["content-type"] ?? "").not.toContain("text/csv");
        await request.dispose();
      });
    }
    for (const action of ACTIONS) {
      test(`[ROLES][ACTION] ${who} POST ${action.name} → ${action.expect[who]}`, async ({ playwright }) => {
        const request = await contextFor(playwright, who);
        const answer = await postServerAction(request, action.file, action.name, action.args);
        expect(answer.status).toBe(200);
        expect(actionResultCode(answer.text)).toBe(action.expect[who]);
        await request.dispose();
      });
    }
  });
}

test("[ROLES][ACTION]: a modify POSTed without a session sends nothing upstream, whatever its input", async ({ playwright }) => {
  const request = await contextFor(playwright, "anonymous");
  const answer = await postServerAction(request, "server/actions/orders.ts", "modifyOrderAction", [
    { profileId: "demo-merchant", subMchid: "", outOrderNo: "DEMO-M-HOTEL-PAYING-8", idempotencyKey: randomUUID() },
  ]);
  expect(actionResultCode(answer.text)).toBe("UNAUTHENTICATED");
  const log = await request.get(`${SANDBOX_URL}/__sandbox/requests?out_order_no=DEMO-M-HOTEL-PAYING-8`);
  const body = (await log.json()) as { requests?: unknown[] } | unknown[];
  expect(Array.isArray(body) ? body : body.requests).toEqual([]);
  await request.dispose();
});

test("[ROLES][ROUTE]: an order's event stream refuses a caller without a session (401) and a malformed order number (400)", async ({ playwright }) => {
  const anonymous = await contextFor(playwright, "anonymous");
  expect((await anonymous.get("/api/orders/demo-merchant/DEMO-M-HOTEL-PAID-1/events", { maxRedirects: 0 })).status()).toBe(401);
  await anonymous.dispose();
  const agent = await contextFor(playwright, "agent");
  expect((await agent.get("/api/orders/demo-merchant/%E4%B8%AD/events", { maxRedirects: 0 })).status()).toBe(400);
  expect((await agent.get("/api/orders/nope/DEMO-M-HOTEL-PAID-1/events", { maxRedirects: 0 })).status()).toBe(404);
  await agent.dispose();
});
