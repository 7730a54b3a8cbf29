import { describe, expect, it } from "vitest";
import { latestPerOrder } from "./recent";

const row = (id: string, outOrderNo: string, subMchid: string | null = null, profileId = "demo-partner") => ({ id, profileId, subMchid, outOrderNo });

describe("latestPerOrder", () => {
  it("keeps each order's first (newest) row, in order", () => {
    const rows = [row("a", "N1", "S1"), row("b", "N2", "S1"), row("c", "N1", "S1"), row("d", "N1", "S2"), row("e", "N1", null, "demo-merchant")];
    expect(latestPerOrder(rows).map((r) => r.id)).toEqual(["a", "b", "d", "e"]);
  });

  it("stops at the limit", () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(`r${i}`, `N${i}`));
    expect(latestPerOrder(rows).map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
    expect(latestPerOrder(rows, 3).map((r) => r.id)).toEqual(["r0", "r1", "r2"]);
  });
});
