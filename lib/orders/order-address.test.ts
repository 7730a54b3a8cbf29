// The order address (out_order_no and sub in a URL) is checked by the same rule as the request
// schemas: whatever ZOutOrderNo / ZSubMchid refuse, the lookup form, the order page and the order API
// refuse with the same code, and nothing else.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeParse } from "zod/mini";
import { ZOutOrderNo, ZSubMchid } from "../payscore/fields";
import { ruleIssuesFromZod } from "../payscore/issues";
import { decodePathSegment, parseOrderAddress } from "./order-address";

function schemaCode(schema: typeof ZOutOrderNo, value: string): string | null {
  const result = safeParse(schema, value);
  return result.success ? null : (ruleIssuesFromZod(result.error.issues)[0]?.code ?? "invalid");
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."AZaz09_-|*@ %/.\u0000中"), maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);

describe("[ORDERS] parseOrderAddress", () => {
  it("refuses exactly what ZOutOrderNo refuses, with the same code", () => {
    fc.assert(
      fc.property(text, (value) => {
        const parsed = parseOrderAddress({ outOrderNo: value, sub: null });
        expect(parsed.ok ? null : parsed.issues[0]?.code).toBe(schemaCode(ZOutOrderNo, value));
      }),
      { numRuns: 2_000 },
    );
  });

  it("refuses exactly what ZSubMchid refuses for a given sub, with the same code", () => {
    fc.assert(
      fc.property(text.filter((value) => value !== ""), (sub) => {
        const parsed = parseOrderAddress({ outOrderNo: "DEMO-1", sub });
        expect(parsed.ok ? null : parsed.issues[0]?.code).toBe(schemaCode(ZSubMchid, sub));
      }),
      { numRuns: 2_000 },
    );
  });

  it("names the field and its limit", () => {
    expect(parseOrderAddress({ outOrderNo: "X\u0000", sub: null })).toEqual({ ok: false, issues: [{ path: ["out_order_no"], code: "invalid_format" }] });
    expect(parseOrderAddress({ outOrderNo: "A".repeat(33), sub: null })).toEqual({ ok: false, issues: [{ path: ["out_order_no"], code: "too_long", params: { max: 32 } }] });
    expect(parseOrderAddress({ outOrderNo: "", sub: null })).toEqual({ ok: false, issues: [{ path: ["out_order_no"], code: "required" }] });
    expect(parseOrderAddress({ outOrderNo: "A@B", sub: null })).toEqual({ ok: false, issues: [{ path: ["out_order_no"], code: "invalid_format" }] });
    expect(parseOrderAddress({ outOrderNo: "DEMO-1", sub: "has space" })).toEqual({ ok: false, issues: [{ path: ["sub_mchid"], code: "invalid_format" }] });
    expect(parseOrderAddress({ outOrderNo: "DEMO-1", sub: ["1900001201", "1900001202"] })).toEqual({ ok: false, issues: [{ path: ["sub_mchid"], code: "invalid_value" }] });
  });

  it("accepts a well-formed address; an empty or absent sub is no sub", () => {
    expect(parseOrderAddress({ outOrderNo: "Ab9_-|*", sub: null })).toEqual({ ok: true, outOrderNo: "Ab9_-|*", subMchid: null });
    expect(parseOrderAddress({ outOrderNo: "A".repeat(32), sub: "" })).toEqual({ ok: true, outOrderNo: "A".repeat(32), subMchid: null });
    expect(parseOrderAddress({ outOrderNo: "DEMO-1", sub: [] })).toEqual({ ok: true, outOrderNo: "DEMO-1", subMchid: null });
    expect(parseOrderAddress({ outOrderNo: "DEMO-1", sub: ["1900001201"] })).toEqual({ ok: true, outOrderNo: "DEMO-1", subMchid: "1900001201" });
  });
});

describe("[ORDERS] decodePathSegment", () => {
  it("decodes once, and answers null for percent-encoding that cannot be decoded", () => {
    expect(decodePathSegment("AB%2541")).toBe("AB%41");
    expect(decodePathSegment("X%00")).toBe("X\u0000");
    for (const raw of ["%E0%A4%A", "%", "%ZZ", "ok%E0%A4", "%C0%AF"]) expect(decodePathSegment(raw), raw).toBeNull();
  });
});
