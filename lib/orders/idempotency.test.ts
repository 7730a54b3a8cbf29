import { describe, expect, it, vi } from "vitest";
import { createIdempotencyKeeper, isDefinitive, newIdempotencyKey, submissionFingerprint } from "./idempotency";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("answers and idempotency keys", () => {
  it("only an unknown outcome (or no answer) keeps the key", () => {
    expect(isDefinitive({ ok: true, data: {} })).toBe(true);
    expect(isDefinitive({ ok: false, error: { code: "UPSTREAM_ERROR" } })).toBe(true);
    expect(isDefinitive({ ok: false, error: { code: "ORDER_CHANGED" } })).toBe(true);
    expect(isDefinitive({ ok: false, error: { code: "RULE_VIOLATION" } })).toBe(true);
    expect(isDefinitive({ ok: false, error: { code: "OUTCOME_UNKNOWN" } })).toBe(false);
    expect(isDefinitive({ ok: false, error: { code: "INTERNAL_ERROR" } })).toBe(false);
    expect(isDefinitive(null)).toBe(false);
  });

  it("reuses the key for the same submission until a definitive answer", () => {
    let n = 0;
    const keeper = createIdempotencyKeeper(() => `key-${++n}`);
    const a = submissionFingerprint({ idempotencyKey: "ignored", total: "1.00" });
    const b = submissionFingerprint({ idempotencyKey: "other", total: "2.00" });
    expect(keeper.keyFor(a)).toBe("key-1");
    keeper.settle({ ok: false, error: { code: "OUTCOME_UNKNOWN" } });
    expect(keeper.keyFor(a)).toBe("key-1");
    keeper.settle(null);
    expect(keeper.keyFor(a)).toBe("key-1");
    // Different values are a different submission.
    expect(keeper.keyFor(b)).toBe("key-2");
    keeper.settle({ ok: false, error: { code: "UPSTREAM_ERROR" } });
    expect(keeper.keyFor(b)).toBe("key-3");
    expect(submissionFingerprint({ idempotencyKey: "x", v: 1 })).toBe(submissionFingerprint({ idempotencyKey: "y", v: 1 }));
  });

  it("makes v4 UUIDs, also where crypto.randomUUID is missing (plain http)", () => {
    expect(newIdempotencyKey()).toMatch(UUID_RE);
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    try {
      const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
      expect(keys.size).toBe(50);
      for (const k of keys) expect(k).toMatch(UUID_RE);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
