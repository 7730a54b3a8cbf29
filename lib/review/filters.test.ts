import { describe, expect, it } from "vitest";
import {
  dayRangeBounds,
  decodeReviewCursor,
  deltaBoundsFen,
  encodeReviewCursor,
  hasActiveFilters,
  orderNoPrefixPattern,
  parseReviewSearch,
  parseSignedYuan,
  reviewSearchString,
  tidyReviewSearch,
} from "./filters";

describe("[REVIEW][FILTERS] URL parsing", () => {
  it("reads every filter from the query string", () => {
    const parsed = parseReviewSearch(
      new URLSearchParams(
        "from=2026-11-01&to=2026-11-25&agent=u1&profile=demo-merchant&mode=partner&operation=modify&reason=billing_error&status=succeeded&review=flagged&min=-50&max=0&q=DEMO-M&sort=delta_asc&after=AAAAAAAAAA&row=3f1c2a44-1b2c-4d5e-8f90-0a1b2c3d4e5f",
      ),
    );
    expect(parsed.invalid).toEqual([]);
    expect(parsed.filters).toEqual({
      from: "2026-11-01",
      to: "2026-11-25",
      agent: "u1",
      profile: "demo-merchant",
      mode: "partner",
      operation: "modify",
      reason: "billing_error",
      status: "succeeded",
      review: "flagged",
      min: "-50",
      max: "0",
      q: "DEMO-M",
      sort: "delta_asc",
    });
    expect(parsed.position).toEqual({ after: "AAAAAAAAAA", row: "3f1c2a44-1b2c-4d5e-8f90-0a1b2c3d4e5f" });
  });

  it("drops values that do not parse, and says which", () => {
    const parsed = parseReviewSearch({
      reason: "bogus",
      from: "2026-02-30",
      min: "1,000",
      q: "<script>",
      mode: "merchant",
      row: "not-a-uuid",
      review: ["flagged", "reviewed"],
      agent: "",
    });
    expect(parsed.filters).toEqual({ mode: "merchant", review: "flagged" });
    expect(parsed.invalid.sort()).toEqual(["from", "min", "q", "reason", "row"]);
  });

  it("reads a backwards date range the way it was meant", () => {
    expect(parseReviewSearch({ from: "2026-11-25", to: "2026-11-01" }).filters).toEqual({ from: "2026-11-01", to: "2026-11-25" });
  });

  it("round-trips through the query string (empty values and the default sort left out)", () => {
    const filters = { reason: "device_fault" as const, agent: "a b&c", min: "-1.5", sort: "newest" as const };
    const text = reviewSearchString(filters, { after: "cursor1234" });
    expect(text).toBe("?agent=a+b%26c&reason=device_fault&min=-1.5&after=cursor1234");
    const back = parseReviewSearch(new URLSearchParams(text.slice(1)));
    expect(back.filters).toEqual({ agent: "a b&c", reason: "device_fault", min: "-1.5" });
    expect(reviewSearchString({})).toBe("");
    expect(hasActiveFilters({ sort: "oldest" })).toBe(false);
    expect(hasActiveFilters({ q: "X" })).toBe(true);
  });

  it("drops the filter form's empty fields, unless a value does not parse", () => {
    expect(tidyReviewSearch(new URLSearchParams("reason=device_fault&from=&to=&agent=a1&sort=newest"))).toBe("?agent=a1&reason=device_fault");
    expect(tidyReviewSearch(new URLSearchParams("from=&to="))).toBe("");
    expect(tidyReviewSearch(new URLSearchParams("reason=device_fault"))).toBeNull();
    expect(tidyReviewSearch(new URLSearchParams("from=&reason=nope"))).toBeNull();
  });
});

describe("[REVIEW][FILTERS] values for the query", () => {
  it("turns days into Beijing-time instants, the last day inclusive", () => {
    const { fromInstant, toInstantExclusive } = dayRangeBounds({ from: "2026-11-01", to: "2026-11-30" });
    expect(fromInstant?.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(toInstantExclusive?.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(dayRangeBounds({ to: "2026-12-31" }).toInstantExclusive?.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("parses signed 元 into 分 without floating point", () => {
    expect(parseSignedYuan("-50")).toEqual({ ok: true, fen: -5000 });
    expect(parseSignedYuan("12.3")).toEqual({ ok: true, fen: 1230 });
    expect(parseSignedYuan("-0")).toEqual({ ok: true, fen: 0 });
    expect(parseSignedYuan("--1").ok).toBe(false);
    expect(parseSignedYuan("1.001").ok).toBe(false);
    expect(deltaBoundsFen({ min: "0", max: "-10" })).toEqual({ minFen: -1000, maxFen: 0 });
  });

  it("escapes LIKE wildcards in an order-number prefix", () => {
    expect(orderNoPrefixPattern("DEMO_M")).toBe("DEMO\\_M%");
    expect(orderNoPrefixPattern("A*|-1")).toBe("A*|-1%");
  });
});

describe("[REVIEW][CURSOR]", () => {
  it("round-trips, with and without the delta", () => {
    const cursor = { at: "2026-11-25T05:03:22.123456Z", id: "3f1c2a44-1b2c-4d5e-8f90-0a1b2c3d4e5f" };
    expect(decodeReviewCursor(encodeReviewCursor(cursor))).toEqual(cursor);
    expect(decodeReviewCursor(encodeReviewCursor({ ...cursor, delta: -1500 }))).toEqual({ ...cursor, delta: -1500 });
    expect(encodeReviewCursor(cursor)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("refuses a tampered cursor", () => {
    for (const bad of ["", "!!!", btoa("[1,2]"), btoa('["2026-11-25T05:03:22Z","x"]'), btoa('["2026-11-25","3f1c2a44-1b2c-4d5e-8f90-0a1b2c3d4e5f"]')]) {
      expect(decodeReviewCursor(bad)).toBeNull();
    }
    expect(decodeReviewCursor(btoa('["2026-11-25T05:03:22Z","3f1c2a44-1b2c-4d5e-8f90-0a1b2c3d4e5f",1.5]'))).toBeNull();
  });
});
