import { describe, expect, it } from "vitest";
import { formatBeijingTime, formatPayscoreTime, parseBeijingTime } from "./beijing-time";

describe("Beijing time", () => {
  it("formats Payscore times for reading", () => {
    expect(formatPayscoreTime("20261125143005")).toBe("2026-11-25 14:30:05");
    expect(formatPayscoreTime("OnAccept")).toBe("OnAccept");
    expect(formatPayscoreTime(undefined)).toBeNull();
  });

  it("parses and formats yyyyMMddHHmmss in Beijing time", () => {
    const ms = parseBeijingTime("20261125143005");
    expect(ms).toBe(Date.UTC(2026, 10, 25, 6, 30, 5));
    expect(formatBeijingTime(new Date(ms ?? 0))).toBe("20261125143005");
    expect(parseBeijingTime("20260230120000")).toBeNull();
  });
});
