import { describe, expect, it } from "vitest";
import { payscoreBasePath, payscorePath, payscoreQueryPath } from "./paths";

describe("payscorePath", () => {
  it("query paths per mode", () => {
    expect(payscorePath("merchant", "query")).toBe("/v3/payscore/serviceorder");
    expect(payscorePath("partner", "query")).toBe("/v3/payscore/partner/serviceorder");
    expect(payscorePath("institution", "query")).toBe("/v3/payscore/acquiringbank/serviceorder");
    expect(payscoreBasePath("institution")).toBe("/v3/payscore/acquiringbank/serviceorder");
  });

  it("modify and complete paths per mode", () => {
    expect(payscorePath("merchant", "modify", "1234323JKHDFE1243252")).toBe(
      "/v3/payscore/serviceorder/1234323JKHDFE1243252/modify",
    );
    expect(payscorePath("partner", "complete", "A1")).toBe("/v3/payscore/partner/serviceorder/A1/complete");
    expect(payscorePath("institution", "modify", "A1")).toBe("/v3/payscore/acquiringbank/serviceorder/A1/modify");
  });

  it("URL-encodes out_order_no", () => {
    expect(payscorePath("merchant", "modify", "a|b*c")).toBe("/v3/payscore/serviceorder/a%7Cb*c/modify");
    expect(payscorePath("merchant", "complete", "a/b")).toBe("/v3/payscore/serviceorder/a%2Fb/complete");
  });

  it("modify and complete need an out_order_no", () => {
    expect(() => payscorePath("merchant", "modify")).toThrow();
    expect(() => payscorePath("partner", "complete", "")).toThrow();
  });
});

describe("payscoreQueryPath", () => {
  it("fixed key order per mode", () => {
    expect(payscoreQueryPath("merchant", { out_order_no: "A1", appid: "wx1", service_id: "S" })).toBe(
      "/v3/payscore/serviceorder?service_id=S&appid=wx1&out_order_no=A1",
    );
    expect(payscoreQueryPath("partner", { out_order_no: "A1", sub_mchid: "19", service_id: "S" })).toBe(
      "/v3/payscore/partner/serviceorder?service_id=S&sub_mchid=19&out_order_no=A1",
    );
    expect(
      payscoreQueryPath("institution", { out_order_no: "a|b", sub_mchid: "19", channel_id: "12", service_id: "S" }),
    ).toBe("/v3/payscore/acquiringbank/serviceorder?service_id=S&sub_mchid=19&channel_id=12&out_order_no=a%7Cb");
  });
  it("a missing parameter throws", () => {
    expect(() => payscoreQueryPath("institution", { out_order_no: "A1", sub_mchid: "19", service_id: "S" })).toThrow(
      /channel_id/,
    );
  });
});
