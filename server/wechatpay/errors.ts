// The one error type of the WeChat Pay client. Every failure of a call (refused input, transport,
// answer verification, WeChat's own error answers) becomes a WechatPayError with a closed `kind`;
// WeChat's error codes are classified here and nowhere else. `toSafeError` is the only shape that
// may leave the server: it never carries headers, keys, signatures or raw bodies.
import "server-only";
import type { RuleIssue } from "@/lib/payscore/issues";
import type { UpstreamErrorInfo } from "@/lib/actions/result";

export type WechatPayErrorKind =
  /** WeChat (or the sandbox) answered 4xx/5xx; `code` is WeChat's code, verbatim. */
  | "api"
  /** The request was refused locally before anything was sent (schema, path or query params). */
  | "request_invalid"
  /** The answer lacks Wechatpay-Timestamp / -Nonce / -Serial / -Signature. */
  | "headers_missing"
  /** Wechatpay-Serial names neither a configured 微信支付公钥 ID nor a platform certificate. */
  | "serial_unknown"
  /** The signed Wechatpay-Timestamp is more than 300 s away from the local clock. */
  | "timestamp_skew"
  /** Wechatpay-Signature does not verify over `TIMESTAMP\nNONCE\nBODY\n`. */
  | "signature_invalid"
  /** A verified answer whose body is not what the operation expects (not JSON, not an order). */
  | "malformed_response"
  /** No complete answer within the call's time limit. */
  | "timeout"
  /** Connection refused, reset or dropped; DNS or TLS failure. */
  | "network";

/** What a caller may do about a WeChat API error. */
export type ApiErrorCategory =
  | "invalid_params"
  | "invalid_request"
  | "sign_rejected"
  | "system"
  | "order_state"
  | "order_busy"
  | "order_not_found"
  | "rate_limited"
  | "no_auth"
  | "unknown";

interface ApiCodeRule {
  category: ApiErrorCategory;
  /** True when the same request may succeed later unchanged. */
  retryable: boolean;
}

/**
 * WeChat Pay APIv3 codes (PAYSCORE_API.md §3 and Decision 5). Unknown codes are kept verbatim and
 * classified "unknown": retryable only when the HTTP status is 5xx.
 */
const API_CODE_RULES: Readonly<Record<string, ApiCodeRule>> = {
  PARAM_ERROR: { category: "invalid_params", retryable: false },
  INVALID_REQUEST: { category: "invalid_request", retryable: false },
  SIGN_ERROR: { category: "sign_rejected", retryable: false },
  SYSTEM_ERROR: { category: "system", retryable: true },
  INVALID_ORDER_STATE: { category: "order_state", retryable: false },
  ORDER_NOT_EXIST: { category: "order_not_found", retryable: false },
  FREQUENCY_LIMITED: { category: "rate_limited", retryable: true },
  RATE_LIMITED: { category: "rate_limited", retryable: true },
  NO_AUTH: { category: "no_auth", retryable: false },
};

/** "单据正在扣款中，请稍后再试": a modify during a deduction; WeChat advises retrying after 3 minutes. */
const ORDER_BUSY_MESSAGE = /扣款中/;
/** Decision 11: a PARAM_ERROR whose message says the state is wrong counts as INVALID_ORDER_STATE. */
const STATE_MESSAGE = /状态/;

export interface ApiErrorClassification extends ApiCodeRule {
  code: string;
}

export function classifyApiError(code: string, message: string, httpStatus: number | undefined): ApiErrorClassification {
  if ((code === "PARAM_ERROR" || code === "INVALID_ORDER_STATE") && ORDER_BUSY_MESSAGE.test(message)) {
    return { code, category: "order_busy", retryable: true };
  }
  if (code === "PARAM_ERROR" && STATE_MESSAGE.test(message)) {
    return { code, category: "order_state", retryable: false };
  }
  const rule = Object.hasOwn(API_CODE_RULES, code) ? API_CODE_RULES[code] : undefined;
  if (rule) return { code, ...rule };
  return { code, category: "unknown", retryable: httpStatus !== undefined && httpStatus >= 500 };
}

/** Synthetic codes for the kinds that are not WeChat answers. */
export const LOCAL_ERROR_CODES = {
  request_invalid: "REQUEST_INVALID",
  headers_missing: "RESPONSE_HEADERS_MISSING",
  serial_unknown: "RESPONSE_SERIAL_UNKNOWN",
  timestamp_skew: "RESPONSE_TIMESTAMP_SKEW",
  signature_invalid: "RESPONSE_SIGNATURE_INVALID",
  malformed_response: "RESPONSE_MALFORMED",
  timeout: "REQUEST_TIMEOUT",
  network: "NETWORK_ERROR",
} as const satisfies Record<Exclude<WechatPayErrorKind, "api">, string>;

/** Structured, secret-free extra information. Values are plain data (JSON-safe). */
export type WechatPayErrorDetail = Readonly<Record<string, unknown>>;

export interface WechatPayErrorInit {
  kind: WechatPayErrorKind;
  message: string;
  /** Required for "api"; defaults to LOCAL_ERROR_CODES[kind] otherwise. */
  code?: string;
  httpStatus?: number;
  requestId?: string;
  detail?: WechatPayErrorDetail;
  /** For "request_invalid": what was wrong, as lib/payscore RuleIssues (paths relative to detail.part). */
  issues?: RuleIssue[];
  /** For "api": whether the error answer carried a signature that verified. */
  verified?: boolean;
  /**
   * The request may have reached WeChat and been applied (a POST that timed out, was cut off, or got an
   * answer that failed verification). The caller must query the order before deciding anything.
   */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

export class WechatPayError extends Error {
  readonly kind: WechatPayErrorKind;
  readonly code: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly detail: WechatPayErrorDetail | undefined;
  readonly issues: RuleIssue[] | undefined;
  readonly category: ApiErrorCategory | undefined;
  readonly retryable: boolean;
  readonly verified: boolean;
  readonly outcomeUnknown: boolean;

  constructor(init: WechatPayErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "WechatPayError";
    this.kind = init.kind;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.detail = init.detail;
    this.issues = init.issues;
    this.verified = init.verified ?? false;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    if (init.kind === "api") {
      const classification = classifyApiError(init.code ?? `HTTP_${init.httpStatus ?? 0}`, init.message, init.httpStatus);
      this.code = classification.code;
      this.category = classification.category;
      this.retryable = classification.retryable;
    } else {
      this.code = init.code ?? LOCAL_ERROR_CODES[init.kind];
      this.category = undefined;
      // A timeout or network failure of a GET may simply be tried again; a POST never is (outcome unknown).
      this.retryable = (init.kind === "timeout" || init.kind === "network") && !this.outcomeUnknown;
    }
  }

  /** Server-side serialisation (logs, trail rows): every field except `cause`. Still no secrets. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      code: this.code,
      message: this.message,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      category: this.category,
      retryable: this.retryable,
      verified: this.verified,
      outcomeUnknown: this.outcomeUnknown,
      detail: this.detail,
      issues: this.issues,
    };
  }
}

export function isWechatPayError(error: unknown): error is WechatPayError {
  return error instanceof WechatPayError;
}

/** What may cross to the browser. */
export interface SafeWechatPayError {
  kind: WechatPayErrorKind | "internal";
  code: string;
  message: string;
  httpStatus: number | null;
  requestId: string | null;
  retryable: boolean;
  outcomeUnknown: boolean;
  /** Only for "request_invalid": field-level problems the form can show in its own language. */
  issues?: RuleIssue[];
}

/** Any thrown value → the browser-safe shape. Foreign errors become a generic INTERNAL_ERROR. */
export function toSafeError(error: unknown): SafeWechatPayError {
  if (error instanceof WechatPayError) {
    return {
      kind: error.kind,
      code: error.code,
      message: error.message,
      httpStatus: error.httpStatus ?? null,
      requestId: error.requestId ?? null,
      retryable: error.retryable,
      outcomeUnknown: error.outcomeUnknown,
      ...(error.issues ? { issues: error.issues } : {}),
    };
  }
  return {
    kind: "internal",
    code: "INTERNAL_ERROR",
    message: "Unexpected error while calling WeChat Pay",
    httpStatus: null,
    requestId: null,
    retryable: false,
    outcomeUnknown: false,
  };
}

/**
 * The one mapping from a failed call to what the UI shows (ActionResult's `upstream`): every server
 * answer that carries a WeChat failure (an operation's, the order page's) goes through here.
 */
export function toUpstreamInfo(error: unknown): UpstreamErrorInfo {
  const safe = toSafeError(error);
  return { kind: safe.kind, code: safe.code, message: safe.message, httpStatus: safe.httpStatus, requestId: safe.requestId, retryable: safe.retryable };
}

/** One line for a log or the trail: `CODE (HTTP 400, Request-ID …): message`. */
export function describeError(error: unknown): string {
  const safe = toSafeError(error);
  const context = [
    safe.httpStatus === null ? null : `HTTP ${safe.httpStatus}`,
    safe.requestId === null ? null : `Request-ID ${safe.requestId}`,
  ].filter((part): part is string => part !== null);
  return `${safe.code}${context.length > 0 ? ` (${context.join(", ")})` : ""}: ${safe.message}`;
}
