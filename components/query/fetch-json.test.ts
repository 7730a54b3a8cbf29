// fetchJson: what a failed read carries to the retry policy and the page.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, fetchJson } from "./fetch-json";

afterEach(() => vi.unstubAllGlobals());

function answer(body: string, status: number, headers: Record<string, string> = {}) {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(body, { status, headers: { "Content-Type": "application/json", ...headers } })));
}

describe("fetchJson", () => {
  it("returns the body of an ok answer", async () => {
    answer(JSON.stringify({ ok: true, counts: { unreviewed: 2, flagged: 1 } }), 200);
    await expect(fetchJson<{ ok: true; counts: unknown }>("/api/review/counts")).resolves.toEqual({ ok: true, counts: { unreviewed: 2, flagged: 1 } });
  });

  it("turns a rate-limited answer into an ApiError with WeChat's code as its message", async () => {
    const upstream = { kind: "api", code: "FREQUENCY_LIMITED", message: "频率超限", httpStatus: 429, requestId: "R-1", retryable: true };
    answer(JSON.stringify({ ok: false, error: { code: "UPSTREAM_ERROR", upstream } }), 502);
    const error = await fetchJson("/api/orders/p/n").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: "FREQUENCY_LIMITED", status: 502, code: "UPSTREAM_ERROR", upstreamCode: "FREQUENCY_LIMITED", upstreamStatus: 429, upstreamRetryable: true, retryAfterMs: null });
  });

  it("reads Retry-After in seconds", async () => {
    answer(JSON.stringify({ ok: false, error: { code: "SERVICE_UNAVAILABLE" } }), 503, { "Retry-After": "5" });
    await expect(fetchJson("/x")).rejects.toMatchObject({ message: "SERVICE_UNAVAILABLE", status: 503, retryAfterMs: 5_000, upstreamCode: null });
  });

  it("names a body that is not ours by the status", async () => {
    answer("<html>bad gateway</html>", 502);
    await expect(fetchJson("/x")).rejects.toMatchObject({ message: "INTERNAL_ERROR", status: 502 });
  });

  it("says UNREACHABLE when the network failed", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(fetchJson("/x")).rejects.toMatchObject({ message: "UNREACHABLE", status: 0 });
  });
});
