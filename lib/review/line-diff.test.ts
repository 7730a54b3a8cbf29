import { describe, expect, it } from "vitest";
import { changeDiff, diffLines, readLines } from "./line-diff";

describe("[REVIEW][DIFF] lines before and after", () => {
  it("pairs lines by name (repeated names in order) and marks what changed", () => {
    const rows = diffLines(
      [
        { name: "酒店房费", amount: 20000, description: "2晚" },
        { name: "迷你吧", amount: 1500 },
        { name: "迷你吧", amount: 500 },
        { name: "洗衣费", amount: 800 },
      ],
      [
        { name: "酒店房费", amount: 8800, description: "2晚" },
        { name: "迷你吧", amount: 1500 },
        { name: "停车费", amount: 1000 },
        { name: "迷你吧", amount: 500, count: 2 },
      ],
    );
    expect(rows.map((row) => [row.name, row.change, row.changedFields])).toEqual([
      ["酒店房费", "changed", ["amount"]],
      ["迷你吧", "unchanged", []],
      ["迷你吧", "changed", ["count"]],
      ["洗衣费", "removed", []],
      ["停车费", "added", []],
    ]);
  });

  it("reads stored JSON defensively", () => {
    expect(readLines(null, "post_payments")).toBeNull();
    expect(readLines({ post_payments: "x" }, "post_payments")).toBeNull();
    expect(readLines({ post_payments: [null, 1, { name: 2 }, { name: "a", amount: 1.5, count: "3", description: "<b>" }] }, "post_payments")).toEqual([
      { name: "a", description: "<b>" },
    ]);
  });

  it("uses the order WeChat returned, else the request sent", () => {
    const before = { total_amount: 10000, post_payments: [{ name: "房费", amount: 10000 }] };
    const request = { total_amount: 9000, post_payments: [{ name: "房费", amount: 9000 }] };
    const after = { total_amount: 8000, post_payments: [{ name: "房费", amount: 8000 }] };
    expect(changeDiff({ orderBefore: before, orderAfter: after, requestBody: request })).toMatchObject({
      afterSource: "order_after",
      totalBefore: 10000,
      totalAfter: 8000,
      payments: [{ change: "changed", after: { amount: 8000 } }],
      discounts: [],
    });
    expect(changeDiff({ orderBefore: before, orderAfter: null, requestBody: request })).toMatchObject({ afterSource: "request_body", totalAfter: 9000 });
    expect(changeDiff({ orderBefore: null, orderAfter: after, requestBody: request })).toBeNull();
  });
});
