import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  RULE_CODES,
  describeRuleIssueEn,
  describeRuleIssueZh,
  encodeIssueMessage,
  formatIssuePath,
  isRuleCode,
  ruleIssueFromMessage,
  ruleIssuesFromZod,
  type RuleIssue,
} from "./issues";

describe("formatIssuePath", () => {
  it("formats JSON-style paths", () => {
    expect(formatIssuePath(["post_payments", 1, "description"])).toBe("post_payments[1].description");
    expect(formatIssuePath(["total_amount"])).toBe("total_amount");
    expect(formatIssuePath([0, "name"])).toBe("[0].name");
    expect(formatIssuePath([])).toBe("");
  });
});

describe("describeRuleIssue", () => {
  it("names the field in Chinese and English", () => {
    const issue: RuleIssue = { path: ["post_payments", 1, "description"], code: "too_long", params: { max: 30 } };
    expect(describeRuleIssueZh(issue)).toBe("post_payments[1].description 超过30个字符");
    expect(describeRuleIssueEn(issue)).toBe("post_payments[1].description is longer than 30 characters");
  });

  it("specific sentences", () => {
    expect(describeRuleIssueZh({ path: ["total_amount"], code: "total_not_lower", params: { current: 30000 } })).toBe(
      "total_amount 只能下调，须低于当前金额（30000分）",
    );
    expect(describeRuleIssueZh({ path: ["post_payments"], code: "missing_group", params: { name: "首重费" } })).toBe(
      "post_payments 缺少必填项「首重费」",
    );
    expect(describeRuleIssueZh({ path: ["appid"], code: "unknown_field" })).toBe("appid 不是此接口的字段");
    expect(describeRuleIssueEn({ path: ["post_payments", 0, "count"], code: "out_of_range", params: { min: 1, max: 100 } })).toBe(
      "post_payments[0].count must be between 1 and 100",
    );
    expect(describeRuleIssueZh({ path: [], code: "required" })).toBe("请求 必填");
  });

  it("has a non-empty sentence for every code, mentioning the field", () => {
    for (const code of RULE_CODES) {
      const issue: RuleIssue = { path: ["f", 0], code, params: { max: 1, min: 1, name: "n", names: "n", expected: 1, current: 1, line: 2 } };
      expect(describeRuleIssueZh(issue).startsWith("f[0] ")).toBe(true);
      expect(describeRuleIssueEn(issue).startsWith("f[0] ")).toBe(true);
      expect(describeRuleIssueZh(issue)).not.toContain("?");
      expect(describeRuleIssueEn(issue)).not.toContain("undefined");
    }
  });
});

describe("message encoding", () => {
  it("round-trips code and params", () => {
    expect(encodeIssueMessage("required")).toBe("required");
    expect(encodeIssueMessage("too_long", { max: 30 })).toBe("too_long;max=30");
    expect(ruleIssueFromMessage(["reason"], "too_long;max=50")).toEqual({ path: ["reason"], code: "too_long", params: { max: 50 } });
    const msg = encodeIssueMessage("invalid_format", { format: "a;b=c 中" });
    expect(ruleIssueFromMessage([], msg)).toEqual({ path: [], code: "invalid_format", params: { format: "a;b=c 中" } });
  });

  it("refuses foreign messages", () => {
    expect(ruleIssueFromMessage([], "Invalid input")).toBeNull();
    expect(ruleIssueFromMessage([], "too_long;max")).toBeNull();
    expect(isRuleCode("too_long")).toBe(true);
    expect(isRuleCode("nope")).toBe(false);
  });

  it("maps plain zod issues too", () => {
    const schema = z.strictObject({ a: z.string().max(3), b: z.array(z.int()).min(1), c: z.int().min(0) });
    const r = schema.safeParse({ a: "abcd", b: [], c: -1, d: 1 });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(ruleIssuesFromZod(r.error.issues)).toEqual([
      { path: ["a"], code: "too_long", params: { max: 3 } },
      { path: ["b"], code: "too_few", params: { min: 1 } },
      { path: ["c"], code: "negative" },
      { path: ["d"], code: "unknown_field" },
    ]);
  });
});
