import { describe, expect, it } from "vitest";
import { compareLines } from "./line-changes";

describe("before → after lines", () => {
  it("pairs lines by name and occurrence, lists removed lines last", () => {
    const changes = compareLines(
      [
        { name: "商品信息", amount: 300, description: "可乐", count: 1 },
        { name: "商品信息", amount: 300, description: "雪碧", count: 1 },
        { name: "包装费", amount: 100 },
      ],
      [
        { name: "商品信息", amount: 300, description: "可乐", count: 1 },
        { name: "商品信息", amount: 200, description: "雪碧", count: 1 },
        { name: "保价费", amount: 50 },
      ],
    );
    expect(changes.map((c) => [c.kind, c.name])).toEqual([
      ["same", "商品信息"],
      ["changed", "商品信息"],
      ["added", "保价费"],
      ["removed", "包装费"],
    ]);
    expect(changes[1]?.before?.amount).toBe(300);
    expect(changes[1]?.after?.amount).toBe(200);
  });

  it("an order without lines makes every line new", () => {
    expect(compareLines(undefined, [{ name: "x", amount: 1 }]).map((c) => c.kind)).toEqual(["added"]);
  });
});
