import { describe, expect, it } from "vitest";
import { formatFen } from "../money";
import { issueMessageValues } from "./issue-values";

describe("issue message values", () => {
  it("formats the amounts of total rules as money and leaves other numbers alone", () => {
    expect(issueMessageValues({ path: ["total_amount"], code: "total_not_lower", params: { current: 5000 } }, formatFen).current).toBe("¥50.00");
    expect(issueMessageValues({ path: ["total_amount"], code: "total_above_risk_fund", params: { max: 123456 } }, formatFen).max).toBe("¥1,234.56");
    const tooLong = issueMessageValues({ path: ["x"], code: "too_long", params: { max: 30 } }, formatFen);
    expect(tooLong.max).toBe(30);
    expect(issueMessageValues({ path: [], code: "out_of_range", params: { min: 1 } }, formatFen).hasMax).toBe("no");
    expect(issueMessageValues({ path: [], code: "out_of_range", params: { min: 1, max: 100 } }, formatFen).hasMax).toBe("yes");
  });
});
