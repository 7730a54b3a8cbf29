import { describe, expect, it } from "vitest";
import { charLength, isWellFormedText } from "./text";

describe("charLength", () => {
  it("counts ASCII characters", () => {
    expect(charLength("")).toBe(0);
    expect(charLength("abc")).toBe(3);
  });

  it("counts a Chinese character as 1", () => {
    expect(charLength("3元/60分钟，每24小时封顶30元")).toBe(18);
    expect(charLength("就餐人均100元")).toBe(8);
  });

  it("counts an astral-plane character (emoji) as 1, unlike String.length", () => {
    expect("😀".length).toBe(2);
    expect(charLength("😀")).toBe(1);
    expect(charLength("a😀b")).toBe(3);
    expect(charLength("𠮷野家")).toBe(3);
  });
});

describe("isWellFormedText", () => {
  it("accepts any real text: Chinese, emoji (a surrogate pair), markup, control characters other than NUL", () => {
    for (const s of ["", "abc", "房间空调故障", "😀👍🏽", "𠮷", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "a\tb\nc\u0007"]) {
      expect(isWellFormedText(s)).toBe(true);
    }
  });

  it("refuses NUL and lone surrogates (high or low, at either end or inside)", () => {
    for (const s of ["\u0000", "a\u0000b", "\ud800", "a\ud83d", "\ude00b", "a\udc00\ud800b", "😀\ud83d"]) {
      expect(isWellFormedText(s)).toBe(false);
    }
  });
});
