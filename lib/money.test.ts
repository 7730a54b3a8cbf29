import { describe, expect, it } from "vitest";
import { MAX_FEN, fenToYuanString, formatFen, formatFenDelta, parseYuan } from "./money";

describe("parseYuan", () => {
  it.each([
    ["0", 0],
    ["0.1", 10],
    ["0.07", 7],
    ["0.01", 1],
    ["12", 1200],
    ["12.3", 1230],
    ["12.30", 1230],
    [" 12.30 ", 1230],
    ["19.99", 1999],
    ["007", 700],
    ["1234567.89", 123456789],
    ["1000000000", MAX_FEN],
    ["1000000000.00", MAX_FEN],
  ])("%j → %d fen", (input, fen) => {
    expect(parseYuan(input)).toEqual({ ok: true, fen });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["-1", "negative"],
    ["-0.5", "negative"],
    ["-0", "negative"],
    ["-1.005", "negative"],
    ["1.005", "too_many_decimals"],
    ["12.345", "too_many_decimals"],
    ["1.000", "too_many_decimals"],
    ["1e2", "not_a_number"],
    ["1e3", "not_a_number"],
    ["abc", "not_a_number"],
    ["12.", "not_a_number"],
    [".5", "not_a_number"],
    ["+1", "not_a_number"],
    ["1,000", "not_a_number"],
    ["¥1", "not_a_number"],
    ["１２", "not_a_number"],
    ["1 000", "not_a_number"],
    ["--1", "not_a_number"],
    ["-", "not_a_number"],
    ["0x10", "not_a_number"],
    ["Infinity", "not_a_number"],
    ["1000000000.01", "too_large"],
    ["1000000001", "too_large"],
    ["99999999999999999999999", "too_large"],
    ["00000000000000000000001", "ok"],
  ])("%j → %s", (input, code) => {
    const r = parseYuan(input);
    if (code === "ok") expect(r).toEqual({ ok: true, fen: 100 });
    else expect(r).toEqual({ ok: false, code });
  });

  it("never produces a float (0.1 + 0.2 style errors)", () => {
    for (let cents = 0; cents < 1000; cents += 1) {
      const s = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
      expect(parseYuan(s)).toEqual({ ok: true, fen: cents });
    }
  });

  it("round-trips with fenToYuanString", () => {
    for (const fen of [0, 1, 7, 10, 99, 100, 1999, 123456789, MAX_FEN]) {
      expect(parseYuan(fenToYuanString(fen))).toEqual({ ok: true, fen });
    }
  });
});

describe("formatFen", () => {
  it.each([
    [0, "¥0.00"],
    [1, "¥0.01"],
    [10, "¥0.10"],
    [100, "¥1.00"],
    [123456, "¥1,234.56"],
    [100000000, "¥1,000,000.00"],
    [-100, "-¥1.00"],
    [-123456, "-¥1,234.56"],
  ])("%d → %s", (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it("refuses a non-integer", () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });
});

describe("fenToYuanString", () => {
  it.each([
    [0, "0.00"],
    [7, "0.07"],
    [1999, "19.99"],
    [123456, "1234.56"],
    [-100, "-1.00"],
    [-5, "-0.05"],
  ])("%d → %s", (fen, text) => {
    expect(fenToYuanString(fen)).toBe(text);
  });
});

describe("formatFenDelta", () => {
  it.each([
    [100, "+¥1.00"],
    [-100, "-¥1.00"],
    [0, "¥0.00"],
    [-123456, "-¥1,234.56"],
  ])("%d → %s", (fen, text) => {
    expect(formatFenDelta(fen)).toBe(text);
  });
});
