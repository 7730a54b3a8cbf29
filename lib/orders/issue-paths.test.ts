import { describe, expect, it } from "vitest";
import { formPathForIssue } from "./issue-paths";

describe("issue paths → form fields", () => {
  it.each([
    [["post_payments"], "payments"],
    [["post_payments", 0], "payments.0"],
    [["post_payments", 2, "amount"], "payments.2.amount"],
    [["payments", 1, "description"], "payments.1.description"],
    [["post_discounts", 0, "description"], "discounts.0.description"],
    [["post_discounts"], "discounts"],
    [["total_amount"], "total"],
    [["total"], "total"],
    [["reason"], "reasonText"],
    [["reasonText"], "reasonText"],
    [["time_range", "end_time"], "endTime"],
    [["time_range", "start_time_remark"], "startTimeRemark"],
    [["time_range"], "startTime"],
    [["location", "start_location"], "startLocation"],
    [["location", "end_location"], "endLocation"],
    [["complete_time"], "completeTime"],
    [["goods_tag"], "goodsTag"],
    [["profit_sharing"], "profitSharing"],
    [["device", "materiel_no"], "device.materiel_no"],
    [["sub_mchid"], null],
    [["appid"], null],
    [["basedOn", "state"], null],
    [[], null],
  ] as const)("%j → %s", (path, expected) => {
    expect(formPathForIssue(path)).toBe(expected);
  });
});
