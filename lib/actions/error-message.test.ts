import { describe, expect, it } from "vitest";
import { errorMessage, upstreamMessageCode } from "./error-message";

describe("the plain-language message of an error", () => {
  it("names the plain-language message of an upstream error", () => {
    expect(upstreamMessageCode({ code: "SYSTEM_ERROR", message: "系统错误" })).toBe("SYSTEM_ERROR");
    expect(upstreamMessageCode({ code: "INVALID_ORDER_STATE", message: "单据正在扣款中，请稍后再试" })).toBe("ORDER_BUSY");
    expect(upstreamMessageCode({ code: "PARAM_ERROR", message: "订单状态不合法" })).toBe("INVALID_ORDER_STATE");
    expect(upstreamMessageCode({ code: "PARAM_ERROR", message: "total_amount 不能超过服务风险金" })).toBe("PARAM_ERROR");
    expect(upstreamMessageCode({ code: "RESPONSE_SIGNATURE_INVALID", message: "" })).toBe("RESPONSE_SIGNATURE_INVALID");
    expect(upstreamMessageCode({ code: "SOMETHING_NEW", message: "?" })).toBe("UNKNOWN");
  });

  it("words WeChat's failures by their code and the console's own by the app code", () => {
    const upstream = (code: string, message = "") => ({ kind: "api", code, message, httpStatus: 500, requestId: "r-1", retryable: false });
    expect(errorMessage({ code: "UPSTREAM_ERROR", upstream: upstream("SYSTEM_ERROR", "系统错误") })).toEqual({ key: "upstream.SYSTEM_ERROR", wechatCode: "SYSTEM_ERROR", checked: false });
    expect(errorMessage({ code: "UPSTREAM_ERROR", upstream: upstream("PARAM_ERROR", "单据正在扣款中") })).toMatchObject({ key: "upstream.ORDER_BUSY", wechatCode: "PARAM_ERROR" });
    expect(errorMessage({ code: "UPSTREAM_ERROR", upstream: upstream("RESPONSE_SIGNATURE_INVALID") }).checked).toBe(true);
    expect(errorMessage({ code: "UPSTREAM_ERROR", upstream: upstream("REQUEST_TIMEOUT") }).checked).toBe(true);
    expect(errorMessage({ code: "UPSTREAM_ERROR" })).toEqual({ key: "errors.UPSTREAM_ERROR", wechatCode: null, checked: false });
    // An unknown outcome is explained by the console's code even when WeChat's failure rides along.
    expect(errorMessage({ code: "OUTCOME_UNKNOWN", upstream: upstream("REQUEST_TIMEOUT") })).toEqual({ key: "errors.OUTCOME_UNKNOWN", wechatCode: null, checked: false });
  });
});
