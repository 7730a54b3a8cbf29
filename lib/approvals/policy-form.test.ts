// The approval-policy form's schema (browser and server action alike): each rule typed as text, empty
// = off, 元 → 分 exactly, the limits of every field, a policy that names nothing refused, off = remove.
import { describe, expect, it } from "vitest";
import { safeParse } from "zod/v4/core";
import { ruleIssuesFromZod } from "../payscore/issues";
import { ZPolicyForm, type TPolicyFormInput } from "./policy-form";
import { changedPolicyFields, parseScopeKey, policyFormValues, scopeKey, storedPolicy } from "./policy-values";
import { DEMO_POLICY } from "./policy";

const empty: TPolicyFormInput = {
  profileId: "demo-partner",
  subMchid: "1900001202",
  enabled: true,
  maxReductionYuan: "",
  maxReductionPercent: "",
  maxCompleteRiskPercent: "",
  reasonCategories: [],
  cancelCompleted: false,
  expiresHours: "",
};

function parse(values: Partial<TPolicyFormInput>) {
  const result = safeParse(ZPolicyForm, { ...empty, ...values });
  return result.success ? { ok: true as const, data: result.data } : { ok: false as const, issues: ruleIssuesFromZod(result.error.issues) };
}

describe("ZPolicyForm", () => {
  it("every rule typed: 元 to exact 分, whole percentages, categories in the list's order, the hours", () => {
    expect(
      parse({
        maxReductionYuan: " 200.5 ",
        maxReductionPercent: "50",
        maxCompleteRiskPercent: "80",
        reasonCategories: ["other", "compensation"],
        cancelCompleted: true,
        expiresHours: "48",
      }),
    ).toEqual({
      ok: true,
      data: {
        profileId: "demo-partner",
        subMchid: "1900001202",
        policy: { maxReductionFen: 20_050, maxReductionPercent: 50, maxCompleteRiskPercent: 80, reasonCategories: ["compensation", "other"], cancelCompleted: true, expiresHours: 48 },
      },
    });
  });

  it("empty fields are off; empty hours are 24; one rule is enough (the cancel rule alone, a category alone)", () => {
    expect(parse({ cancelCompleted: true })).toEqual({
      ok: true,
      data: { profileId: "demo-partner", subMchid: "1900001202", policy: { maxReductionFen: null, maxReductionPercent: null, maxCompleteRiskPercent: null, reasonCategories: [], cancelCompleted: true, expiresHours: 24 } },
    });
    expect(parse({ reasonCategories: ["device_fault"], subMchid: "" })).toMatchObject({ ok: true, data: { subMchid: "", policy: { reasonCategories: ["device_fault"], cancelCompleted: false } } });
    expect(parse({ maxReductionYuan: "0" })).toMatchObject({ ok: true, data: { policy: { maxReductionFen: 0 } } });
  });

  it("a policy that names nothing is refused once, on the rules as a whole", () => {
    expect(parse({})).toEqual({ ok: false, issues: [{ path: ["rules"], code: "required" }] });
    expect(parse({ expiresHours: "12" })).toEqual({ ok: false, issues: [{ path: ["rules"], code: "required" }] });
  });

  it("off: the scope's policy is removed, whatever the rule fields hold", () => {
    expect(parse({ enabled: false, maxReductionYuan: "abc", expiresHours: "999" })).toEqual({ ok: true, data: { profileId: "demo-partner", subMchid: "1900001202", policy: null } });
  });

  it("each bad amount says what is wrong with it, and only that", () => {
    expect(parse({ maxReductionYuan: "12.345" })).toEqual({ ok: false, issues: [{ path: ["maxReductionYuan"], code: "too_many_decimals" }] });
    expect(parse({ maxReductionYuan: "-1" })).toEqual({ ok: false, issues: [{ path: ["maxReductionYuan"], code: "negative" }] });
    expect(parse({ maxReductionYuan: "1e3" })).toEqual({ ok: false, issues: [{ path: ["maxReductionYuan"], code: "not_a_number" }] });
    expect(parse({ maxReductionYuan: "10000000.00" })).toMatchObject({ ok: true, data: { policy: { maxReductionFen: 1_000_000_000 } } });
    // Above the cap a PostgreSQL integer column would overflow (3e9 分): a field message instead.
    expect(parse({ maxReductionYuan: "10000000.01" })).toEqual({ ok: false, issues: [{ path: ["maxReductionYuan"], code: "too_large", params: { max: 1_000_000_000 } }] });
    expect(parse({ maxReductionYuan: "30000000" })).toEqual({ ok: false, issues: [{ path: ["maxReductionYuan"], code: "too_large", params: { max: 1_000_000_000 } }] });
  });

  it("percentages are whole numbers 1–100", () => {
    const outOfRange = (path: string) => ({ ok: false, issues: [{ path: [path], code: "out_of_range", params: { min: 1, max: 100 } }] });
    expect(parse({ maxReductionPercent: "0" })).toEqual(outOfRange("maxReductionPercent"));
    expect(parse({ maxReductionPercent: "101" })).toEqual(outOfRange("maxReductionPercent"));
    expect(parse({ maxReductionPercent: "50.5" })).toEqual(outOfRange("maxReductionPercent"));
    expect(parse({ maxCompleteRiskPercent: "-5" })).toEqual(outOfRange("maxCompleteRiskPercent"));
    expect(parse({ maxReductionPercent: "1", maxCompleteRiskPercent: "100" })).toMatchObject({ ok: true, data: { policy: { maxReductionPercent: 1, maxCompleteRiskPercent: 100 } } });
  });

  it("the expiry is 1–168 whole hours, digits only", () => {
    const outOfRange = { ok: false, issues: [{ path: ["expiresHours"], code: "out_of_range", params: { min: 1, max: 168 } }] };
    for (const hours of ["0", "169", "1e2", "0x10", "12.0", "十"]) expect(parse({ cancelCompleted: true, expiresHours: hours }), hours).toEqual(outOfRange);
    expect(parse({ cancelCompleted: true, expiresHours: "168" })).toMatchObject({ ok: true, data: { policy: { expiresHours: 168 } } });
    expect(parse({ cancelCompleted: true, expiresHours: " 1 " })).toMatchObject({ ok: true, data: { policy: { expiresHours: 1 } } });
  });

  it("several wrong fields are all reported; the shape is checked before the rules", () => {
    expect(parse({ maxReductionYuan: "x", maxReductionPercent: "0", expiresHours: "0" })).toEqual({
      ok: false,
      issues: [
        { path: ["maxReductionYuan"], code: "not_a_number" },
        { path: ["expiresHours"], code: "out_of_range", params: { min: 1, max: 168 } },
        { path: ["maxReductionPercent"], code: "out_of_range", params: { min: 1, max: 100 } },
      ],
    });
    expect(parse({ profileId: "", reasonCategories: ["bribery" as "other"] })).toEqual({
      ok: false,
      issues: [
        { path: ["profileId"], code: "required" },
        { path: ["reasonCategories", 0], code: "invalid_value" },
      ],
    });
  });
});

describe("the form's values and the history's comparison (zod-free)", () => {
  it("a policy becomes the form's text and parses back to itself", () => {
    const values = policyFormValues({ profileId: "demo-merchant", subMchid: "" }, DEMO_POLICY);
    expect(values).toEqual({ ...empty, profileId: "demo-merchant", subMchid: "", maxReductionYuan: "200.00", maxReductionPercent: "50", cancelCompleted: true, expiresHours: "24" });
    expect(parse(values)).toEqual({ ok: true, data: { profileId: "demo-merchant", subMchid: "", policy: DEMO_POLICY } });
    expect(policyFormValues({ profileId: "p", subMchid: "s" }, null)).toEqual({ ...empty, profileId: "p", subMchid: "s", expiresHours: "24" });
  });

  it("scope keys", () => {
    expect(scopeKey({ profileId: "demo-partner", subMchid: "1900001202" })).toBe("demo-partner|1900001202");
    expect(parseScopeKey("demo-merchant|")).toEqual({ profileId: "demo-merchant", subMchid: "" });
    expect(parseScopeKey("demo-partner|1900001202")).toEqual({ profileId: "demo-partner", subMchid: "1900001202" });
  });

  it("the rules that changed: all that a creation sets, what an edit moved, all that a removal drops", () => {
    expect(changedPolicyFields(null, DEMO_POLICY)).toEqual(["maxReductionFen", "maxReductionPercent", "cancelCompleted", "expiresHours"]);
    expect(changedPolicyFields(DEMO_POLICY, { ...DEMO_POLICY, maxReductionFen: 30_000, reasonCategories: ["other"] })).toEqual(["maxReductionFen", "reasonCategories"]);
    expect(changedPolicyFields(DEMO_POLICY, null)).toEqual(["maxReductionFen", "maxReductionPercent", "cancelCompleted", "expiresHours"]);
    expect(changedPolicyFields(DEMO_POLICY, { ...DEMO_POLICY })).toEqual([]);
    expect(changedPolicyFields(null, null)).toEqual([]);
  });

  it("a stored history value reads as a policy, or none", () => {
    expect(storedPolicy(null)).toBeNull();
    expect(storedPolicy("x")).toBeNull();
    expect(storedPolicy(JSON.parse(JSON.stringify(DEMO_POLICY)))).toEqual(DEMO_POLICY);
    expect(storedPolicy({ maxReductionFen: 100 })).toEqual({ maxReductionFen: 100, maxReductionPercent: null, maxCompleteRiskPercent: null, reasonCategories: [], cancelCompleted: false, expiresHours: 24 });
  });
});
