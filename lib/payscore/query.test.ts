import { describe, expect, it } from "vitest";
import { ruleIssuesFromZod } from "./issues";
import { ZQueryInstitutionParams, ZQueryMerchantParams, ZQueryPartnerParams, queryParamsSchema } from "./query";

describe("query params", () => {
  it("accept the per-mode parameters", () => {
    expect(ZQueryMerchantParams.safeParse({ service_id: "S", appid: "wx1", out_order_no: "A1" }).success).toBe(true);
    expect(ZQueryPartnerParams.safeParse({ service_id: "S", sub_mchid: "19", out_order_no: "A1" }).success).toBe(true);
    expect(
      ZQueryInstitutionParams.safeParse({ service_id: "S", sub_mchid: "19", channel_id: "12", out_order_no: "A1" }).success,
    ).toBe(true);
  });

  it("institution needs channel_id; others refuse mode-foreign keys", () => {
    const r = ZQueryInstitutionParams.safeParse({ service_id: "S", sub_mchid: "19", out_order_no: "A1" });
    expect(r.success ? [] : ruleIssuesFromZod(r.error.issues)).toEqual([{ path: ["channel_id"], code: "required" }]);
    const m = ZQueryMerchantParams.safeParse({ service_id: "S", appid: "wx1", out_order_no: "A1", sub_mchid: "19" });
    expect(m.success ? [] : ruleIssuesFromZod(m.error.issues)).toEqual([{ path: ["sub_mchid"], code: "unknown_field" }]);
  });

  it("out_order_no is validated", () => {
    const r = ZQueryPartnerParams.safeParse({ service_id: "S", sub_mchid: "19", out_order_no: "A 1" });
    expect(r.success ? [] : ruleIssuesFromZod(r.error.issues)).toEqual([
      { path: ["out_order_no"], code: "invalid_format", params: { format: "A-Za-z0-9_-|*" } },
    ]);
  });

  it("queryParamsSchema", () => {
    expect(queryParamsSchema("merchant")).toBe(ZQueryMerchantParams);
    expect(queryParamsSchema("partner")).toBe(ZQueryPartnerParams);
    expect(queryParamsSchema("institution")).toBe(ZQueryInstitutionParams);
  });
});
