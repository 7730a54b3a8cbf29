import { describe, expect, it } from "vitest";
import { discountModeIssues, institutionTimeIssues, lengthIssues, lineLengthIssues, reasonTextIssues } from "./field-checks";

describe("checks beyond the form schema", () => {
  const discount = (description: string) => ({ name: "满减", description, amount: "1", count: "" });

  it("partner and institution discounts need a description", () => {
    expect(discountModeIssues("merchant", [discount("")])).toEqual([]);
    expect(discountModeIssues("partner", [discount(""), discount("ok")])).toEqual([{ path: ["discounts", 0, "description"], code: "required" }]);
    expect(discountModeIssues("institution", [discount(" ")])).toHaveLength(1);
  });

  it("institution: any time information needs a start time", () => {
    const empty = { startTime: "", startTimeRemark: "", endTime: "", endTimeRemark: "" };
    expect(institutionTimeIssues("institution", empty)).toEqual([]);
    expect(institutionTimeIssues("institution", { ...empty, endTime: "2026-11-25T10:00:00" })).toEqual([{ path: ["startTime"], code: "required" }]);
    expect(institutionTimeIssues("partner", { ...empty, endTime: "2026-11-25T10:00:00" })).toEqual([]);
  });

  it("lengths are counted in characters", () => {
    expect(lengthIssues({ goodsTag: { value: "标".repeat(32), max: 32 } })).toEqual([]);
    expect(lengthIssues({ "device.materiel_no": { value: "x".repeat(33), max: 32 } })).toEqual([
      { path: ["device", "materiel_no"], code: "too_long", params: { max: 32 } },
    ]);
    const line = { name: "名".repeat(21), amount: "", description: "说".repeat(30), count: "" };
    expect(lineLengthIssues([line], [{ ...line, description: "说".repeat(31) }])).toEqual([
      { path: ["payments", 0, "name"], code: "too_long", params: { max: 20 } },
      { path: ["discounts", 0, "name"], code: "too_long", params: { max: 20 } },
      { path: ["discounts", 0, "description"], code: "too_long", params: { max: 30 } },
    ]);
  });

  it("the reason text is required and fits after the category", () => {
    expect(reasonTextIssues({ reasonCategory: "other", reasonText: "  " })).toEqual([{ path: ["reasonText"], code: "required" }]);
    expect(reasonTextIssues({ reasonCategory: "other", reasonText: "字".repeat(47) })).toEqual([]);
    expect(reasonTextIssues({ reasonCategory: "other", reasonText: "字".repeat(48) })).toEqual([{ path: ["reasonText"], code: "too_long", params: { max: 47 } }]);
    expect(reasonTextIssues({ reasonCategory: "", reasonText: "字".repeat(46) })).toEqual([{ path: ["reasonText"], code: "too_long", params: { max: 45 } }]);
  });
});
