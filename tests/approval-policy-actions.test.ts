// The admin's approval-policy action with real sessions (tests/support/action-harness.ts, PGlite):
// only an admin may call it, bad fields come back field by field with nothing stored, a policy is
// saved for a scope the configuration knows and its history row holds who (id, and the name the
// users table has at that moment), when, before and after; saving the same again records nothing;
// removing one records the removal and the profile's policy applies again. Also the page's data:
// the scopes with their policies, the history newest first, and the supervisors who can approve.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { ApprovalPolicy } from "@/lib/approvals/policy";
import type { TPolicyFormInput } from "@/lib/approvals/policy-form";
import { approvalPolicy, approvalPolicyEvent, user } from "@/server/db/schema";
import { startActionHarness, DEMO_EMAILS, type ActionHarness } from "./support/action-harness";

const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => void revalidated.push(path) }));

let h: ActionHarness;
let action: typeof import("@/server/actions/approval-policies");
let adminUsers: typeof import("@/server/actions/admin-users");
let policies: typeof import("@/server/approvals/policies");
let view: typeof import("@/server/approvals/policy-admin");
let profiles: typeof import("@/server/config/profiles");
let adminId: string;

beforeAll(async () => {
  h = await startActionHarness({ database: "pglite" });
  action = await import("@/server/actions/approval-policies");
  adminUsers = await import("@/server/actions/admin-users");
  policies = await import("@/server/approvals/policies");
  view = await import("@/server/approvals/policy-admin");
  profiles = await import("@/server/config/profiles");
  const [admin] = await h.db.select({ id: user.id }).from(user).where(eq(user.email, DEMO_EMAILS.admin));
  adminId = admin!.id;
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await h.db.delete(approvalPolicyEvent);
  await h.db.delete(approvalPolicy);
  await h.db.update(user).set({ name: "演示管理员" }).where(eq(user.id, adminId));
  revalidated.length = 0;
});

// demo-partner's second sub-merchant (满电充电宝).
const SUB = "1900001202";
const form = (values: Partial<TPolicyFormInput> = {}): TPolicyFormInput => ({
  profileId: "demo-partner",
  subMchid: SUB,
  enabled: true,
  maxReductionYuan: "300",
  maxReductionPercent: "40",
  maxCompleteRiskPercent: "",
  reasonCategories: ["compensation"],
  cancelCompleted: true,
  expiresHours: "12",
  ...values,
});
const SAVED: ApprovalPolicy = { maxReductionFen: 30_000, maxReductionPercent: 40, maxCompleteRiskPercent: null, reasonCategories: ["compensation"], cancelCompleted: true, expiresHours: 12 };

async function stored() {
  return {
    policies: await h.db.select().from(approvalPolicy),
    events: await h.db.select().from(approvalPolicyEvent).orderBy(approvalPolicyEvent.createdAt),
  };
}

describe("[POLICY][ROLES] savePolicyAction refuses everyone but an admin, and stores nothing for them", () => {
  it.each([
    ["agent", "FORBIDDEN"],
    ["supervisor", "FORBIDDEN"],
    [null, "UNAUTHENTICATED"],
  ] as const)("%s → %s", async (role, code) => {
    expect(await h.as(role, () => action.savePolicyAction(form()))).toEqual({ ok: false, error: { code } });
    expect(await stored()).toEqual({ policies: [], events: [] });
    expect(revalidated).toEqual([]);
  });
});

describe("[POLICY] savePolicyAction as an admin", () => {
  it("field errors come back by field, and nothing is stored", async () => {
    const result = await h.as("admin", () => action.savePolicyAction(form({ maxReductionYuan: "12.345", maxReductionPercent: "0", expiresHours: "1e2" })));
    expect(result).toEqual({
      ok: false,
      error: {
        code: "INVALID_INPUT",
        issues: [
          { path: ["maxReductionYuan"], code: "too_many_decimals" },
          { path: ["expiresHours"], code: "out_of_range", params: { min: 1, max: 168 } },
          { path: ["maxReductionPercent"], code: "out_of_range", params: { min: 1, max: 100 } },
        ],
      },
    });
    expect(await h.as("admin", () => action.savePolicyAction(form({ maxReductionYuan: "", maxReductionPercent: "", reasonCategories: [], cancelCompleted: false })))).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["rules"], code: "required" }] },
    });
    expect(await stored()).toEqual({ policies: [], events: [] });
  });

  it("a scope the configuration does not know is refused: an unknown profile, another profile's sub-merchant, a sub-merchant of a merchant-mode profile", async () => {
    expect(await h.as("admin", () => action.savePolicyAction(form({ profileId: "no-such-profile" })))).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", issues: [{ path: ["profileId"], code: "invalid_value" }] },
    });
    for (const scope of [{ profileId: "demo-institution", subMchid: SUB }, { profileId: "demo-merchant", subMchid: SUB }]) {
      expect(await h.as("admin", () => action.savePolicyAction(form(scope)))).toEqual({
        ok: false,
        error: { code: "INVALID_INPUT", issues: [{ path: ["subMchid"], code: "invalid_value" }] },
      });
    }
    expect(await stored()).toEqual({ policies: [], events: [] });
  });

  it("saves a sub-merchant's policy: it applies to that sub-merchant only, and its history row says who, when, before (none) and after", async () => {
    const started = Date.now();
    expect(await h.as("admin", () => action.savePolicyAction(form()))).toEqual({ ok: true, data: { changed: true, policy: SAVED } });
    expect(revalidated).toEqual(["/admin/approvals"]);
    const sub = (sub_mchid: string) => ({ profile: { id: "demo-partner" }, subMerchant: { sub_mchid } });
    expect(await policies.findApprovalPolicy(h.db, sub(SUB))).toEqual(SAVED);
    expect(await policies.findApprovalPolicy(h.db, sub("1900001201"))).toBeNull();
    expect(await policies.findApprovalPolicy(h.db, { profile: { id: "demo-partner" }, subMerchant: null })).toBeNull();
    const { policies: rows, events } = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ profileId: "demo-partner", subMchid: SUB, updatedById: adminId, updatedByName: "演示管理员" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ profileId: "demo-partner", subMchid: SUB, before: null, after: SAVED, userId: adminId, userName: "演示管理员" });
    expect(events[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(started - 1_000);
    expect(events[0]!.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it("an edit records before and after; the same values again record nothing; the admin's name is the users table's at that moment", async () => {
    await h.as("admin", () => action.savePolicyAction(form()));
    await h.db.update(user).set({ name: "改名的管理员" }).where(eq(user.id, adminId));
    const edited: ApprovalPolicy = { ...SAVED, maxReductionFen: 50_050, reasonCategories: ["user_complaint", "compensation"] };
    expect(await h.as("admin", () => action.savePolicyAction(form({ maxReductionYuan: "500.50", reasonCategories: ["compensation", "user_complaint"] })))).toEqual({
      ok: true,
      data: { changed: true, policy: edited },
    });
    revalidated.length = 0;
    expect(await h.as("admin", () => action.savePolicyAction(form({ maxReductionYuan: "500.5", reasonCategories: ["user_complaint", "compensation"] })))).toEqual({
      ok: true,
      data: { changed: false, policy: edited },
    });
    expect(revalidated).toEqual([]);
    const { events } = await stored();
    expect(events.map((event) => ({ before: event.before, after: event.after, userName: event.userName }))).toEqual([
      { before: null, after: SAVED, userName: "演示管理员" },
      { before: SAVED, after: edited, userName: "改名的管理员" },
    ]);
  });

  it("removing a sub-merchant's policy records the removal, and the profile's own policy applies to it again", async () => {
    await h.as("admin", () => action.savePolicyAction(form({ subMchid: "", maxReductionYuan: "100", maxReductionPercent: "", reasonCategories: [], cancelCompleted: false })));
    await h.as("admin", () => action.savePolicyAction(form()));
    const profilePolicy: ApprovalPolicy = { maxReductionFen: 10_000, maxReductionPercent: null, maxCompleteRiskPercent: null, reasonCategories: [], cancelCompleted: false, expiresHours: 12 };
    const target = { profile: { id: "demo-partner" }, subMerchant: { sub_mchid: SUB } };
    expect(await policies.findApprovalPolicy(h.db, target)).toEqual(SAVED);

    // The rule fields may hold anything: off is off.
    expect(await h.as("admin", () => action.savePolicyAction(form({ enabled: false, maxReductionYuan: "not checked" })))).toEqual({ ok: true, data: { changed: true, policy: null } });
    expect(await policies.findApprovalPolicy(h.db, target)).toEqual(profilePolicy);
    const { policies: rows, events } = await stored();
    expect(rows.map((row) => row.subMchid)).toEqual([""]);
    expect(events.map((event) => [event.subMchid, event.before, event.after])).toEqual([
      ["", null, profilePolicy],
      [SUB, null, SAVED],
      [SUB, SAVED, null],
    ]);
    // Removing what is not there changes nothing and records nothing.
    expect(await h.as("admin", () => action.savePolicyAction(form({ enabled: false })))).toEqual({ ok: true, data: { changed: false, policy: null } });
    expect((await stored()).events).toHaveLength(3);
  });
});

describe("[POLICY] the admin page's data", () => {
  it("every profile with its own policy and its sub-merchants', the history newest first in labels, and the active supervisors", async () => {
    await h.as("admin", () => action.savePolicyAction(form()));
    await h.as("admin", () => action.savePolicyAction(form({ maxReductionYuan: "400" })));
    // A stored policy whose scope is no longer configured applies to nothing, and is shown as such.
    await policies.savePolicy(h.db, { id: "system:test", name: "测试" }, { profileId: "gone-profile", subMchid: "" }, SAVED);

    const data = await view.loadPolicyAdminView(h.db, profiles.getPublicProfiles());
    expect(data.profiles.map((profile) => [profile.id, profile.own, profile.subMerchants.length])).toEqual([
      ["demo-merchant", null, 0],
      ["demo-partner", null, 9],
      ["demo-institution", null, 9],
    ]);
    const partner = data.profiles[1]!;
    expect(partner.subMerchants.filter((sub) => sub.own).map((sub) => [sub.subMchid, sub.label, sub.own!.policy, sub.own!.updatedByName])).toEqual([
      [SUB, "满电充电宝", { ...SAVED, maxReductionFen: 40_000 }, "演示管理员"],
    ]);
    expect(data.unconfigured).toMatchObject([{ profileId: "gone-profile", subMchid: "", policy: SAVED, updatedByName: "测试" }]);
    expect(data.events.map((event) => [event.profileLabel, event.subLabel, event.before, event.after, event.userName])).toEqual([
      ["gone-profile", null, null, SAVED, "测试"],
      ["演示服务商", "满电充电宝", SAVED, { ...SAVED, maxReductionFen: 40_000 }, "演示管理员"],
      ["演示服务商", "满电充电宝", null, SAVED, "演示管理员"],
    ]);
    expect(data.eventsTruncated).toBe(false);
    expect(data.supervisors.map((supervisor) => supervisor.name)).toEqual(["演示主管"]);

    // A second supervisor counts; a deactivated one does not.
    const email = `supervisor-${randomUUID().slice(0, 6)}@demo.local`;
    const created = await h.as("admin", () => adminUsers.createUserAction({ email, name: "第二主管", role: "supervisor", password: "Second-Supervisor-1" }));
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect((await view.loadPolicyAdminView(h.db, profiles.getPublicProfiles())).supervisors.map((supervisor) => supervisor.name)).toEqual(["演示主管", "第二主管"]);
    expect(await h.as("admin", () => adminUsers.setActiveAction({ userId: created.data.id, active: false }))).toEqual({ ok: true, data: null });
    expect((await view.loadPolicyAdminView(h.db, profiles.getPublicProfiles())).supervisors.map((supervisor) => supervisor.name)).toEqual(["演示主管"]);
  });

  it("the history keeps the newest 100 and says there is more", async () => {
    for (let i = 1; i <= 101; i += 1) {
      await policies.savePolicy(h.db, { id: "system:test", name: "测试" }, { profileId: "demo-merchant", subMchid: "" }, { ...SAVED, maxReductionFen: i });
    }
    const data = await view.loadPolicyAdminView(h.db, profiles.getPublicProfiles());
    expect(data.events).toHaveLength(100);
    expect(data.events[0]!.after?.maxReductionFen).toBe(101);
    expect(data.events[99]!.after?.maxReductionFen).toBe(2);
    expect(data.eventsTruncated).toBe(true);
  });
});
