// Reads one of the console's JSON routes for the browser's data layer. The routes answer
// `{ ok: true, … }` or `{ ok: false, error: { code, upstream? } }`; a failure becomes an ApiError
// that says what the retry policy (./retry-policy.ts) needs: the HTTP status, our code, WeChat's
// code and whether WeChat said the same request may succeed later, and any Retry-After.
import type { UpstreamErrorInfo } from "@/lib/actions/result";
import type { QueryErrorInfo } from "@/lib/query-keys";

export class ApiError extends Error implements QueryErrorInfo {
  readonly status: number;
  readonly code: string;
  readonly upstreamCode: string | null;
  /** WeChat's own verdict on a retry of the same request (null: no upstream answer). */
  readonly upstreamRetryable: boolean | null;
  readonly upstreamStatus: number | null;
  readonly retryAfterMs: number | null;

  constructor(init: { status: number; code: string; upstream?: UpstreamErrorInfo | null; retryAfterMs?: number | null }) {
    // The message is what the page shows after "加载失败": WeChat's code when there is one.
    super(init.upstream?.code ?? init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.upstreamCode = init.upstream?.code ?? null;
    this.upstreamRetryable = init.upstream ? init.upstream.retryable : null;
    this.upstreamStatus = init.upstream?.httpStatus ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

/** Retry-After in seconds (the only form our routes send), as milliseconds. */
function retryAfterOf(response: Response): number | null {
  const value = response.headers.get("Retry-After");
  if (value === null || !/^\d{1,5}$/.test(value.trim())) return null;
  return Number(value.trim()) * 1000;
}

type Failure = { ok: false; error: { code: string; upstream?: UpstreamErrorInfo } };

function isFailure(body: unknown): body is Failure {
  if (typeof body !== "object" || body === null || !("ok" in body) || body.ok !== false || !("error" in body)) return false;
  const error = body.error;
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string";
}

/**
 * GETs `url` and returns its JSON body when the answer is 2xx and `ok: true`; throws an ApiError
 * otherwise (status 0 when the network failed, code "UNREACHABLE").
 */
export function fetchJson<T extends { ok: true }>(url: string, signal?: AbortSignal): Promise<T> {
  return fetchApi<T>(url, signal, (body) => typeof body === "object" && body !== null && "ok" in body && body.ok === true);
}

/**
 * The same for routes that answer the value itself when it went well (any JSON but null) and
 * `{ ok: false, error: { code } }` when not.
 */
export function fetchValueJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return fetchApi<T>(url, signal, (body) => body !== null);
}

async function fetchApi<T>(url: string, signal: AbortSignal | undefined, isValue: (body: unknown) => boolean): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError({ status: 0, code: "UNREACHABLE" });
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isValue(body)) return body as T;
  if (isFailure(body)) {
    throw new ApiError({ status: response.status, code: body.error.code, upstream: body.error.upstream ?? null, retryAfterMs: retryAfterOf(response) });
  }
  throw new ApiError({ status: response.status, code: response.status >= 500 ? "INTERNAL_ERROR" : "INVALID_RESPONSE", retryAfterMs: retryAfterOf(response) });
}
