import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import { ruleIssuesFromZod } from "./issues";
import { ZModifyInstitutionBody, ZModifyMerchantBody, ZModifyPartnerBody, modifyBodySchema } from "./modify";

function issues(schema: z.ZodMiniType, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? [] : ruleIssuesFromZod(r.error.issues);
}

const payments = [{ name: "就餐费用", description: "就餐人均100元", amount: 40000, count: 4 }];
const discounts = [{ name: "满20减1元", description: "不与其他优惠叠加", amount: 100, count: 2 }];

// Seed 001 (merchant modify), verbatim. Its total 50000 breaks the Σ rule (§2.1), which is a rules
// check (rules.ts), not a schema one: the schema accepts it.
const merchantSeed = {
  appid: "wxd678efh567hg6787",
  service_id: "2002000000000558128851361561536",
  post_payments: payments,
  post_discounts: discounts,
  total_amount: 50000,
  reason: "用户投诉",
  device: { start_device_id: "HG123456", end_device_id: "HG123456", materiel_no: "example_materiel_no" },
};
// Seed 002/003 (partner modify).
const partnerSeed = {
  service_id: "2002000000000558128851361561536",
  sub_mchid: "1900000109",
  post_payments: payments,
  post_discounts: discounts,
  total_amount: 50000,
  reason: "用户投诉",
};
// Seed 000 (institution modify).
const institutionSeed = {
  service_id: "2002000000000558128851361561536",
  sub_mchid: "1900000109",
  channel_id: "1230000109",
  post_payments: payments,
  post_discounts: discounts,
  total_amount: 50000,
  reason: "用户投诉",
};

describe("modify body schemas accept the seed examples", () => {
  it("merchant (seed 001)", () => {
    expect(issues(ZModifyMerchantBody, merchantSeed)).toEqual([]);
    const parsed = ZModifyMerchantBody.parse(merchantSeed);
    expect(parsed.total_amount).toBe(50000);
    expect(parsed.device?.materiel_no).toBe("example_materiel_no");
  });
  it("partner (seed 002/003), with or without service_id, with device", () => {
    expect(issues(ZModifyPartnerBody, partnerSeed)).toEqual([]);
    const { service_id: _omit, ...noServiceId } = partnerSeed;
    expect(issues(ZModifyPartnerBody, noServiceId)).toEqual([]);
    expect(issues(ZModifyPartnerBody, { ...partnerSeed, device: { start_device_id: "D1" } })).toEqual([]);
  });
  it("institution (seed 000), channel_id optional", () => {
    expect(issues(ZModifyInstitutionBody, institutionSeed)).toEqual([]);
    const { channel_id: _omit, ...noChannel } = institutionSeed;
    expect(issues(ZModifyInstitutionBody, noChannel)).toEqual([]);
  });
  it("post_discounts may be absent", () => {
    const { post_discounts: _omit, ...rest } = merchantSeed;
    expect(issues(ZModifyMerchantBody, rest)).toEqual([]);
  });
});

describe("modify body schemas refuse fields of other modes", () => {
  it("partner has no appid", () => {
    expect(issues(ZModifyPartnerBody, { ...partnerSeed, appid: "wxd678efh567hg6787" })).toEqual([
      { path: ["appid"], code: "unknown_field" },
    ]);
  });
  it("institution has no device", () => {
    expect(issues(ZModifyInstitutionBody, { ...institutionSeed, device: { start_device_id: "HG123456" } })).toEqual([
      { path: ["device"], code: "unknown_field" },
    ]);
  });
  it("merchant has no sub_mchid or channel_id", () => {
    expect(issues(ZModifyMerchantBody, { ...merchantSeed, sub_mchid: "1", channel_id: "2" })).toEqual([
      { path: ["sub_mchid"], code: "unknown_field" },
      { path: ["channel_id"], code: "unknown_field" },
    ]);
  });
  it("an unknown field inside a line", () => {
    expect(issues(ZModifyMerchantBody, { ...merchantSeed, post_payments: [{ ...payments[0], unit_price: 1 }] })).toEqual([
      { path: ["post_payments", 0, "unit_price"], code: "unknown_field" },
    ]);
  });
});

describe("modify body schemas refuse missing required fields", () => {
  it("merchant: appid, service_id, post_payments, total_amount, reason", () => {
    expect(issues(ZModifyMerchantBody, {})).toEqual([
      { path: ["appid"], code: "required" },
      { path: ["service_id"], code: "required" },
      { path: ["post_payments"], code: "required" },
      { path: ["total_amount"], code: "required" },
      { path: ["reason"], code: "required" },
    ]);
  });
  it("partner: sub_mchid, post_payments, total_amount, reason", () => {
    expect(issues(ZModifyPartnerBody, {})).toEqual([
      { path: ["sub_mchid"], code: "required" },
      { path: ["post_payments"], code: "required" },
      { path: ["total_amount"], code: "required" },
      { path: ["reason"], code: "required" },
    ]);
  });
  it("institution: service_id, sub_mchid, post_payments, total_amount, reason", () => {
    expect(issues(ZModifyInstitutionBody, {})).toEqual([
      { path: ["service_id"], code: "required" },
      { path: ["sub_mchid"], code: "required" },
      { path: ["post_payments"], code: "required" },
      { path: ["total_amount"], code: "required" },
      { path: ["reason"], code: "required" },
    ]);
  });
  it("partner and institution discounts need a description; merchant's do not", () => {
    const bare = [{ name: "满20减1元", amount: 100 }];
    expect(issues(ZModifyMerchantBody, { ...merchantSeed, post_discounts: bare })).toEqual([]);
    expect(issues(ZModifyPartnerBody, { ...partnerSeed, post_discounts: bare })).toEqual([
      { path: ["post_discounts", 0, "description"], code: "required" },
    ]);
    expect(issues(ZModifyInstitutionBody, { ...institutionSeed, post_discounts: bare })).toEqual([
      { path: ["post_discounts", 0, "description"], code: "required" },
    ]);
  });
  it("at least one post_payments line; reason ≤ 50", () => {
    expect(issues(ZModifyMerchantBody, { ...merchantSeed, post_payments: [] })).toEqual([
      { path: ["post_payments"], code: "too_few", params: { min: 1 } },
    ]);
    expect(issues(ZModifyMerchantBody, { ...merchantSeed, reason: "原".repeat(51) })).toEqual([
      { path: ["reason"], code: "too_long", params: { max: 50 } },
    ]);
  });
  it("a root that is not an object", () => {
    expect(issues(ZModifyMerchantBody, null)).toEqual([{ path: [], code: "invalid_type", params: { expected: "object" } }]);
  });
});

describe("modifyBodySchema", () => {
  it("returns the schema per mode", () => {
    expect(modifyBodySchema("merchant")).toBe(ZModifyMerchantBody);
    expect(modifyBodySchema("partner")).toBe(ZModifyPartnerBody);
    expect(modifyBodySchema("institution")).toBe(ZModifyInstitutionBody);
  });
});

describe("end to end: schema issue → sentence", () => {
  it("names the field in the PARAM_ERROR sentence", async () => {
    const { describeRuleIssueZh, describeRuleIssueEn } = await import("./issues");
    const body = {
      ...merchantSeed,
      post_payments: [payments[0], { name: "服务费", amount: 100, description: "说".repeat(31) }],
    };
    const found = issues(ZModifyMerchantBody, body);
    expect(found).toEqual([{ path: ["post_payments", 1, "description"], code: "too_long", params: { max: 30 } }]);
    expect(found.map(describeRuleIssueZh)).toEqual(["post_payments[1].description 超过30个字符"]);
    expect(found.map(describeRuleIssueEn)).toEqual(["post_payments[1].description is longer than 30 characters"]);
  });
});
