import { describe, expect, it } from "vitest";
import { charLength, isAcceptableText, isWellFormedText, revealControlCharacters } from "./text";

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

describe("isAcceptableText (the console's free-text rule)", () => {
  it("accepts real text, single- or multi-line", () => {
    for (const s of ["", "房间空调故障", "😀👍🏽", "𠮷", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "عربي", "a\u00a0b", "零宽\u200b连接\u200d"]) {
      expect(isAcceptableText(s, "single-line"), JSON.stringify(s)).toBe(true);
      expect(isAcceptableText(s, "multi-line"), JSON.stringify(s)).toBe(true);
    }
  });

  it("allows \\n and \\t only in multi-line text", () => {
    for (const s of ["a\nb", "a\tb", "一\n\n二"]) {
      expect(isAcceptableText(s, "multi-line")).toBe(true);
      expect(isAcceptableText(s, "single-line")).toBe(false);
    }
  });

  it("refuses NUL, lone surrogates, other C0, DEL, C1, U+2028/2029 and every bidirectional control, anywhere", () => {
    const refused = ["\u0000", "\ud800", "\udfff", "\u0001", "\u0007", "\u000b", "\u000c", "\r", "\u001b", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f", "\u2028", "\u2029"];
    const bidi = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
    for (const c of [...refused, ...bidi]) {
      for (const s of [c, `a${c}`, `${c}b`, `文${c}字`]) {
        expect(isAcceptableText(s, "single-line"), JSON.stringify(s)).toBe(false);
        expect(isAcceptableText(s, "multi-line"), JSON.stringify(s)).toBe(false);
      }
    }
    expect(isAcceptableText("gnp.exe", "single-line")).toBe(true);
    expect(isAcceptableText("\u202egnp.exe", "single-line")).toBe(false);
  });
});

describe("revealControlCharacters (showing text stored before the rule)", () => {
  it("shows each control, bidirectional or malformed character as a visible code, and leaves the rest", () => {
    expect(revealControlCharacters("\u202egnp.exe")).toBe("[U+202E]gnp.exe");
    expect(revealControlCharacters("a\u0000b\u0007c\u200fd\u2066e\u2069")).toBe("a[U+0000]b[U+0007]c[U+200F]d[U+2066]e[U+2069]");
    expect(revealControlCharacters("x\ud83dy\ude00")).toBe("x[U+D83D]y[U+DE00]");
    expect(revealControlCharacters("\u0085\u2028")).toBe("[U+0085][U+2028]");
  });

  it("keeps ordinary text, line breaks and tabs as they are", () => {
    for (const s of ["", "房间空调故障", "😀👍🏽 𠮷", "<b>x</b>", "一\n二\t三", "عربي"]) expect(revealControlCharacters(s)).toBe(s);
  });
});
