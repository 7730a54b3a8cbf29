// The read retry policy: which failures are asked again, how often, and after how long.
import { describe, expect, it } from "vitest";
import { ApiError } from "./fetch-json";
import { readRetryDelay, shouldRetryRead } from "./retry-policy";

const upstream = (code: string, httpStatus: number, retryable: boolean) => ({ kind: "api", code, message: "", httpStatus, requestId: null, retryable });
const rateLimited = new ApiError({ status: 502, code: "UPSTREAM_ERROR", upstream: upstream("FREQUENCY_LIMITED", 429, true) });
const systemError = new ApiError({ status: 502, code: "UPSTREAM_ERROR", upstream: upstream("SYSTEM_ERROR", 500, true) });
const paramError = new ApiError({ status: 502, code: "UPSTREAM_ERROR", upstream: upstream("PARAM_ERROR", 400, false) });
const unreachable = new ApiError({ status: 0, code: "UNREACHABLE" });
const dbAway = new ApiError({ status: 503, code: "SERVICE_UNAVAILABLE", retryAfterMs: 5_000 });

describe("shouldRetryRead", () => {
  it.each([
    [400, "INVALID_INPUT"],
    [401, "UNAUTHENTICATED"],
    [403, "FORBIDDEN"],
    [404, "NOT_FOUND"],
  ])("never retries %i %s", (status, code) => {
    expect(shouldRetryRead(0, new ApiError({ status, code }))).toBe(false);
  });

  it("never retries a WeChat error WeChat calls final", () => {
    expect(shouldRetryRead(0, paramError)).toBe(false);
  });

  it("retries a rate limit 4 times and other transient failures 3 times", () => {
    expect([0, 1, 2, 3, 4].map((count) => shouldRetryRead(count, rateLimited))).toEqual([true, true, true, true, false]);
    for (const error of [systemError, unreachable, dbAway, new Error("boom")]) {
      expect([0, 1, 2, 3].map((count) => shouldRetryRead(count, error))).toEqual([true, true, true, false]);
    }
  });

  it("treats a 429 from our own server like WeChat's", () => {
    expect(shouldRetryRead(3, new ApiError({ status: 429, code: "RATE_LIMITED" }))).toBe(true);
  });
});

describe("readRetryDelay", () => {
  it("backs off from 5 s for a rate limit, capped at 30 s", () => {
    expect([0, 1, 2, 3, 4].map((count) => readRetryDelay(count, rateLimited))).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
  });

  it("backs off from 1 s otherwise", () => {
    expect([0, 1, 2].map((count) => readRetryDelay(count, systemError))).toEqual([1_000, 2_000, 4_000]);
  });

  it("waits at least what Retry-After asked for", () => {
    expect([0, 1, 2, 3].map((count) => readRetryDelay(count, dbAway))).toEqual([5_000, 5_000, 5_000, 8_000]);
  });
});
