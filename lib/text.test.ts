import { describe, expect, it } from "vitest";
import { charLength } from "./text";

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
