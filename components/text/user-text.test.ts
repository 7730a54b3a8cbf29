// Text users typed, as every list and detail shows it: isolated from what surrounds it (<bdi>), with
// control and bidirectional characters stored before the text rule shown as codes.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UserText } from "./user-text";

describe("UserText", () => {
  it("isolates the text and reveals an RTL override instead of obeying it", () => {
    expect(renderToStaticMarkup(createElement(UserText, { text: "附件 \u202egnp.exe" }))).toBe("<bdi>附件 [U+202E]gnp.exe</bdi>");
  });

  it("escapes markup and passes a class", () => {
    expect(renderToStaticMarkup(createElement(UserText, { text: "<script>x</script>", className: "block" }))).toBe('<bdi class="block">&lt;script&gt;x&lt;/script&gt;</bdi>');
  });
});
