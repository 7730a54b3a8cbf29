import { describe, expect, it } from "vitest";
import { LOCAL_ERROR_CODES, WechatPayError, classifyApiError, describeError, toSafeError } from "./errors";

describe("WeChat code classification", () => {
  it.each([
    ["PARAM_ERROR", 400, "invalid_params", false],
    ["INVALID_REQUEST", 400, "invalid_request", false],
    ["SIGN_ERROR", 401, "sign_rejected", false],
    ["SYSTEM_ERROR", 500, "system", true],
    ["INVALID_ORDER_STATE", 400, "order_state", false],
    ["ORDER_NOT_EXIST", 404, "order_not_found", false],
    ["FREQUENCY_LIMITED", 429, "rate_limited", true],
    ["RATE_LIMITED", 429, "rate_limited", true],
    ["NO_AUTH", 403, "no_auth", false],
  ] as const)("%s (HTTP %i) → %s, retryable %s", (code, status, category, retryable) => {
    expect(classifyApiError(code, "消息", status)).toEqual({ code, category, retryable });
  });

  it("Decision 11: a PARAM_ERROR about the state is an order-state error", () => {
    expect(classifyApiError("PARAM_ERROR", "完结订单状态不合法", 400).category).toBe("order_state");
  });

  it("a modify during a deduction is busy and retryable later", () => {
    expect(classifyApiError("INVALID_ORDER_STATE", "单据正在扣款中，请稍后再试", 400)).toMatchObject({ category: "order_busy", retryable: true });
    expect(classifyApiError("PARAM_ERROR", "单据正在扣款中，请稍后再试", 400)).toMatchObject({ category: "order_busy", retryable: true });
  });

  it("unknown codes stay verbatim; retryable only on 5xx", () => {
    expect(classifyApiError("ORDER_PAID", "x", 400)).toEqual({ code: "ORDER_PAID", category: "unknown", retryable: false });
    expect(classifyApiError("BANK_ERROR", "x", 503)).toEqual({ code: "BANK_ERROR", category: "unknown", retryable: true });
    expect(classifyApiError("toString", "x", 400).category).toBe("unknown");
  });
});

describe("WechatPayError", () => {
  it("local kinds get their synthetic codes", () => {
    for (const [kind, code] of Object.entries(LOCAL_ERROR_CODES)) {
      const error = new WechatPayError({ kind: kind as keyof typeof LOCAL_ERROR_CODES, message: "m" });
      expect(error.code).toBe(code);
      expect(error.category).toBeUndefined();
    }
  });

  it("timeouts and network failures are retryable only when the outcome is known", () => {
    expect(new WechatPayError({ kind: "timeout", message: "t" }).retryable).toBe(true);
    expect(new WechatPayError({ kind: "timeout", message: "t", outcomeUnknown: true }).retryable).toBe(false);
    expect(new WechatPayError({ kind: "signature_invalid", message: "s" }).retryable).toBe(false);
  });

  it("toJSON leaves out the cause", () => {
    const error = new WechatPayError({ kind: "network", message: "n", cause: new Error("socket secret-ish internals") });
    expect(JSON.stringify(error)).not.toContain("internals");
  });
});

describe("what crosses to the browser", () => {
  it("toSafeError keeps the allowed fields only", () => {
    const error = new WechatPayError({
      kind: "api",
      code: "PARAM_ERROR",
      message: "参数错误",
      httpStatus: 400,
      requestId: "R1",
      detail: { field: "total_amount", value: "whatever WeChat echoed" },
      verified: true,
    });
    expect(toSafeError(error)).toEqual({
      kind: "api",
      code: "PARAM_ERROR",
      message: "参数错误",
      httpStatus: 400,
      requestId: "R1",
      retryable: false,
      outcomeUnknown: false,
    });
  });

  it("foreign errors become a generic internal error, their message is not passed on", () => {
    const safe = toSafeError(new Error("ENOENT: /secrets/apiclient_key.pem"));
    expect(safe).toMatchObject({ kind: "internal", code: "INTERNAL_ERROR", httpStatus: null, requestId: null });
    expect(JSON.stringify(safe)).not.toContain("apiclient_key");
  });

  it("describeError makes one line", () => {
    const error = new WechatPayError({ kind: "api", code: "SYSTEM_ERROR", message: "系统异常", httpStatus: 500, requestId: "R9" });
    expect(describeError(error)).toBe("SYSTEM_ERROR (HTTP 500, Request-ID R9): 系统异常");
    expect(describeError(new WechatPayError({ kind: "timeout", message: "No complete answer within 10 ms" }))).toBe(
      "REQUEST_TIMEOUT: No complete answer within 10 ms",
    );
  });
});
