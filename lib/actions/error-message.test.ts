import { describe, expect, it } from "vitest";
import { upstreamMessageCode } from "./error-message";

describe("the plain-language message of an error", () => {
  it("names the plain-language message of an upstream error", () => {
    expect(upstreamMessageCode({ code: "SYSTEM_ERROR", message: "系统错误" })).toBe("SYSTEM_ERROR");
    expect(upstreamMessageCode({ code: "INVALID_ORDER_STATE", message: "单据正在扣款中，请稍后再试" })).toBe("ORDER_BUSY");
    expect(upstreamMessageCode({ code: "PARAM_ERROR", message: "订单状态不合法" })).toBe("INVALID_ORDER_STATE");
    expect(upstreamMessageCode({ code: "PARAM_ERROR", message: "total_amount 不能超过服务风险金" })).toBe("PARAM_ERROR");
    expect(upstreamMessageCode({ code: "RESPONSE_SIGNATURE_INVALID", message: "" })).toBe("RESPONSE_SIGNATURE_INVALID");
    expect(upstreamMessageCode({ code: "SOMETHING_NEW", message: "?" })).toBe("UNKNOWN");
  });
});
