import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import {
  ZCompleteInstitutionBody,
  ZCompleteMerchantBody,
  ZCompletePartnerBody,
  completeBodySchema,
} from "./complete";
import { ruleIssuesFromZod } from "./issues";

function issues(schema: z.ZodMiniType, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? [] : ruleIssuesFromZod(r.error.issues);
}

const payments = [{ name: "就餐费用", description: "就餐人均100元", amount: 40000, count: 4 }];
const discounts = [{ name: "满20减1元", description: "不与其他优惠叠加", amount: 100, count: 2 }];
const timeRange = {
  start_time: "20091225091010",
  start_time_remark: "开始租借时间",
  end_time: "20091225121010",
  end_time_remark: "租借结束时间",
};

// Seed 004 (institution complete), verbatim (total 50000 breaks the Σ rule: a rules check).
const institutionSeed = {
  service_id: "2002000000000558128851361561536",
  channel_id: "1230000109",
  sub_mchid: "1900000109",
  post_payments: payments,
  post_discounts: discounts,
  total_amount: 50000,
  time_range: timeRange,
  location: { start_location: "嗨客时尚主题展餐厅", end_location: "嗨客时尚主题展餐厅" },
  profit_sharing: true,
  complete_time: "2019-11-11T16:24:05+08:00",
  goods_tag: "goods_tag",
};
const { channel_id: _c, ...partnerBase } = institutionSeed;
const partnerBody = { ...partnerBase, device: { start_device_id: "HG123456" } };
const merchantBody = {
  appid: "wxd678efh567hg6787",
  service_id: "2002000000000558128851361561536",
  post_payments: payments,
  post_discounts: discounts,
  total_amount: 39900,
  time_range: timeRange,
  location: { end_location: "嗨客时尚主题展餐厅" },
  profit_sharing: false,
  goods_tag: "goods_tag",
  device: { start_device_id: "HG123456", end_device_id: "HG123456", materiel_no: "example_materiel_no" },
};

describe("complete body schemas accept valid bodies", () => {
  it("institution (seed 004)", () => {
    expect(issues(ZCompleteInstitutionBody, institutionSeed)).toEqual([]);
  });
  it("partner (seed 004 without channel_id, with device)", () => {
    expect(issues(ZCompletePartnerBody, partnerBody)).toEqual([]);
  });
  it("merchant", () => {
    expect(issues(ZCompleteMerchantBody, merchantBody)).toEqual([]);
  });
  it("minimal bodies", () => {
    expect(
      issues(ZCompleteMerchantBody, { appid: "wx1", service_id: "s", post_payments: payments, total_amount: 40000 }),
    ).toEqual([]);
    expect(issues(ZCompletePartnerBody, { service_id: "s", sub_mchid: "m", post_payments: payments, total_amount: 40000 })).toEqual([]);
    expect(
      issues(ZCompleteInstitutionBody, { service_id: "s", sub_mchid: "m", post_payments: payments, total_amount: 40000 }),
    ).toEqual([]);
  });
});

describe("complete body schemas refuse other modes' fields", () => {
  it("institution has no device", () => {
    expect(issues(ZCompleteInstitutionBody, { ...institutionSeed, device: { start_device_id: "x" } })).toEqual([
      { path: ["device"], code: "unknown_field" },
    ]);
  });
  it("partner has no channel_id or appid", () => {
    expect(issues(ZCompletePartnerBody, { ...partnerBody, channel_id: "1", appid: "wx" })).toEqual([
      { path: ["channel_id"], code: "unknown_field" },
      { path: ["appid"], code: "unknown_field" },
    ]);
  });
  it("merchant has no complete_time, and location has only end_location", () => {
    expect(
      issues(ZCompleteMerchantBody, {
        ...merchantBody,
        complete_time: "2019-11-11T16:24:05+08:00",
        location: { start_location: "a", end_location: "b" },
      }),
    ).toEqual([
      { path: ["location", "start_location"], code: "unknown_field" },
      { path: ["complete_time"], code: "unknown_field" },
    ]);
  });
});

describe("complete body schemas refuse missing required fields", () => {
  it("merchant", () => {
    expect(issues(ZCompleteMerchantBody, {})).toEqual([
      { path: ["appid"], code: "required" },
      { path: ["service_id"], code: "required" },
      { path: ["post_payments"], code: "required" },
      { path: ["total_amount"], code: "required" },
    ]);
  });
  it("partner", () => {
    expect(issues(ZCompletePartnerBody, {})).toEqual([
      { path: ["service_id"], code: "required" },
      { path: ["sub_mchid"], code: "required" },
      { path: ["post_payments"], code: "required" },
      { path: ["total_amount"], code: "required" },
    ]);
  });
  it("institution: time_range.start_time required when time_range is sent", () => {
    expect(issues(ZCompleteInstitutionBody, { ...institutionSeed, time_range: { end_time: "20091225121010" } })).toEqual([
      { path: ["time_range", "start_time"], code: "required" },
    ]);
    expect(issues(ZCompletePartnerBody, { ...partnerBody, time_range: { end_time: "20091225121010" } })).toEqual([]);
  });
  it("partner and institution discounts need a description", () => {
    const bare = [{ name: "券", amount: 100 }];
    expect(issues(ZCompleteMerchantBody, { ...merchantBody, post_discounts: bare })).toEqual([]);
    expect(issues(ZCompletePartnerBody, { ...partnerBody, post_discounts: bare })).toEqual([
      { path: ["post_discounts", 0, "description"], code: "required" },
    ]);
    expect(issues(ZCompleteInstitutionBody, { ...institutionSeed, post_discounts: bare })).toEqual([
      { path: ["post_discounts", 0, "description"], code: "required" },
    ]);
  });
  it("bad time formats and types", () => {
    expect(
      issues(ZCompletePartnerBody, {
        ...partnerBody,
        time_range: { start_time: "2009-12-25 09:10:10" },
        complete_time: "2019/11/11",
        profit_sharing: "yes",
      }),
    ).toEqual([
      { path: ["time_range", "start_time"], code: "invalid_time" },
      { path: ["profit_sharing"], code: "invalid_type", params: { expected: "boolean" } },
      { path: ["complete_time"], code: "invalid_format", params: { format: "yyyy-MM-ddTHH:mm:ss+08:00" } },
    ]);
  });
});

describe("completeBodySchema", () => {
  it("returns the schema per mode", () => {
    expect(completeBodySchema("merchant")).toBe(ZCompleteMerchantBody);
    expect(completeBodySchema("partner")).toBe(ZCompletePartnerBody);
    expect(completeBodySchema("institution")).toBe(ZCompleteInstitutionBody);
  });
});
