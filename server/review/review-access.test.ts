// Who may review and export, end to end through the real wrapper and the real session check (the
// request faked): every review action refused without a session, for agents and for admins; the
// CSV export refused without a session and for agents; refused calls write nothing. The browser-side
// proof (direct POSTs to the built app) is e2e/role-matrix.spec.ts.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { type TestAuth, TEST_PASSWORD, createTestAuth, createTestUser, signInOverHttp } from "@/server/auth/testing";
import { reviewEvent, trail, trailReview } from "@/server/db/schema";

const request = vi.hoisted(() => ({ headers: new Headers(), auth: undefined as unknown, db: undefined as unknown }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("@/server/auth", () => ({ getAuth: async () => request.auth }));
vi.mock("@/server/auth/index", () => ({ getAuth: async () => request.auth }));
vi.mock("@/server/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/server/db")>()), getDb: async () => request.db }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "zh-CN",
  getTranslations: async () => (key: string) => key,
}));

const actions = await import("@/server/actions/review");
const exportRoute = await import("@/app/api/review/export/route");

let t: TestAuth;
const cookies: Partial<Record<Role, string>> = {};
const userIds: Partial<Record<Role, string>> = {};
let trailId = "";

beforeAll(async () => {
  t = await createTestAuth();
  request.auth = t.auth;
  request.db = t.database.db;
  for (const role of ["agent", "supervisor", "admin"] as const) {
    userIds[role] = (await createTestUser(t.auth, `${role}@review.test`, role)).id;
    cookies[role] = (await signInOverHttp(t.auth, `${role}@review.test`, TEST_PASSWORD)).cookie ?? "";
  }
  const [row] = await t.database.db
    .insert(trail)
    .values({
      idempotencyKey: "access-1",
      userId: "agent-x",
      userName: "客服",
      userRole: "agent",
      profileId: "demo-merchant",
      mode: "merchant",
      outOrderNo: "DEMO-M-HOTEL-PAYING-5",
      operation: "modify",
      requestBody: {},
      reasonCategory: "billing_error",
      reasonText: "=cmd|' /C calc'!A0",
      status: "succeeded",
      totalBefore: 10000,
      totalAfter: 9000,
      delta: -1000,
    })
    .returning({ id: trail.id });
  trailId = row?.id ?? "";
});
afterAll(async () => {
  await t?.database.dispose();
});
beforeEach(() => {
  request.headers = new Headers({ origin: "http://localhost:3000" });
});

function as(role: Role | null) {
  request.headers = new Headers({ origin: "http://localhost:3000", ...(role ? { cookie: cookies[role] ?? "" } : {}) });
}

const calls = {
  markReviewedAction: () => actions.markReviewedAction({ trailIds: [trailId] }),
  flagChangeAction: () => actions.flagChangeAction({ trailId, comment: "请说明" }),
  clearFlagAction: () => actions.clearFlagAction({ trailId, comment: "已核实" }),
};

describe("[REVIEW][ROLES] review actions", () => {
  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: no session → UNAUTHENTICATED; agent and admin → FORBIDDEN`, async () => {
      as(null);
      expect(await call()).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
      for (const role of ["agent", "admin"] as const) {
        as(role);
        expect(await call()).toEqual({ ok: false, error: { code: "FORBIDDEN" } });
      }
    });
  }

  it("the refused calls wrote nothing", async () => {
    expect(await t.database.db.select().from(reviewEvent)).toEqual([]);
    expect(await t.database.db.select().from(trailReview)).toEqual([]);
  });

  it("a supervisor's input is re-validated on the server (a flag needs a comment)", async () => {
    as("supervisor");
    expect(await actions.flagChangeAction({ trailId, comment: "   " })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", issues: [{ path: ["comment"] }] } });
    expect(await actions.markReviewedAction({ trailIds: [] })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await actions.markReviewedAction({ trailIds: ["not-a-uuid"] })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });

  it("a supervisor flags, clears, and marks reviewed; the events carry who", async () => {
    as("supervisor");
    expect(await actions.flagChangeAction({ trailId, comment: "  差额过大  " })).toEqual({ ok: true, data: { changed: [trailId], unchanged: [] } });
    expect(await actions.markReviewedAction({ trailIds: [trailId] })).toEqual({ ok: true, data: { changed: [], unchanged: [trailId] } });
    expect(await actions.clearFlagAction({ trailId, comment: "已核实" })).toEqual({ ok: true, data: { changed: [trailId], unchanged: [] } });
    const events = await t.database.db.select().from(reviewEvent).orderBy(reviewEvent.createdAt);
    expect(events.map((e) => [e.action, e.comment, e.userName, e.userRole])).toEqual([
      ["flagged", "差额过大", "supervisor", "supervisor"],
      ["unflagged", "已核实", "supervisor", "supervisor"],
    ]);
  });
});

describe("[REVIEW][TEXT] a comment with NUL, a lone surrogate or a direction override", () => {
  it.each([
    ["NUL", "请说明\u0000原因"],
    ["a lone surrogate", "请说明\ud83d原因"],
    ["an RTL override", "附件 \u202egnp.exe"],
  ])("%s: INVALID_INPUT at comment (invalid_characters), nothing written", async (_label, comment) => {
    as("supervisor");
    const before = (await t.database.db.select().from(reviewEvent)).length;
    const expected = { ok: false, error: { code: "INVALID_INPUT", issues: [{ path: ["comment"], code: "invalid_characters" }] } };
    expect(await actions.flagChangeAction({ trailId, comment })).toEqual(expected);
    expect(await actions.clearFlagAction({ trailId, comment })).toEqual(expected);
    expect((await t.database.db.select().from(reviewEvent)).length).toBe(before);
  });
});

describe("[REVIEW][SOD] separation of duties", () => {
  it("a supervisor cannot mark their own change reviewed, nor clear a flag on it: FORBIDDEN own_change, nothing written", async () => {
    const [own] = await t.database.db
      .insert(trail)
      .values({
        idempotencyKey: "access-own-1",
        userId: userIds.supervisor ?? "",
        userName: "supervisor",
        userRole: "supervisor",
        profileId: "demo-merchant",
        mode: "merchant",
        outOrderNo: "DEMO-M-HOTEL-PAYING-6",
        operation: "modify",
        requestBody: {},
        reasonCategory: "other",
        reasonText: "主管自己改的",
        status: "succeeded",
        totalBefore: 10000,
        totalAfter: 9500,
        delta: -500,
      })
      .returning({ id: trail.id });
    const ownId = own?.id ?? "";
    const eventsBefore = (await t.database.db.select().from(reviewEvent)).length;
    as("supervisor");
    const refused = { ok: false, error: { code: "FORBIDDEN", reason: "own_change" } };
    expect(await actions.markReviewedAction({ trailIds: [ownId] })).toEqual(refused);
    expect(await actions.markReviewedAction({ trailIds: [trailId, ownId] })).toEqual(refused);
    expect(await actions.flagChangeAction({ trailId: ownId, comment: "请他人复核" })).toMatchObject({ ok: true });
    expect(await actions.clearFlagAction({ trailId: ownId, comment: "我自己看过了" })).toEqual(refused);
    const [state] = (await t.database.db.select().from(trailReview)).filter((r) => r.trailId === ownId);
    expect(state?.state).toBe("flagged");
    // Only the flag was written.
    expect((await t.database.db.select().from(reviewEvent)).length).toBe(eventsBefore + 1);
  });
});

describe("[REVIEW][ROLES] CSV export", () => {
  const get = () => exportRoute.GET(new NextRequest("http://localhost:3000/api/review/export?reason=billing_error"));

  it("no session → 401, agent → 403, with no CSV", async () => {
    as(null);
    const anonymous = await get();
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
    as("agent");
    const agent = await get();
    expect(agent.status).toBe(403);
    expect(agent.headers.get("content-type")).not.toContain("text/csv");
  });

  it.each(["supervisor", "admin"] as const)("%s → the CSV, with a BOM and neutralised cells", async (role) => {
    as(role);
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="payscore-changes-\d{8}-\d{4}\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("'=cmd|' /C calc'!A0");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);
  });
});
