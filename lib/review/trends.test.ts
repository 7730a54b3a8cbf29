import { describe, expect, it } from "vitest";
import { beijingToday, fillTrendDays, trendFilters } from "./trends";

describe("[REVIEW][TRENDS] period", () => {
  const now = new Date("2026-11-25T20:00:00Z"); // 04:00 on the 26th in Beijing

  it("defaults to the last 30 days in Beijing time", () => {
    expect(beijingToday(now)).toBe("2026-11-26");
    expect(trendFilters({}, now)).toMatchObject({ from: "2026-10-28", to: "2026-11-26" });
    expect(trendFilters({ from: "2026-11-20" }, now)).toMatchObject({ from: "2026-11-20", to: "2026-11-26" });
  });

  it("caps the period at a year", () => {
    expect(trendFilters({ from: "2020-01-01", to: "2026-11-26" }, now)).toMatchObject({ from: "2025-11-26", to: "2026-11-26" });
  });

  it("fills days without changes with zeros", () => {
    const days = fillTrendDays("2026-11-28", "2026-12-02", [{ day: "2026-11-30", total: 2, byReason: { other: 2 }, netDeltaFen: -100, reducedFen: -100, flagged: 1 }]);
    expect(days.map((day) => [day.day, day.total])).toEqual([
      ["2026-11-28", 0],
      ["2026-11-29", 0],
      ["2026-11-30", 2],
      ["2026-12-01", 0],
      ["2026-12-02", 0],
    ]);
  });
});
