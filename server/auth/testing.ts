// Test helpers: a better-auth instance on a fresh in-memory PGlite, and HTTP-shaped calls through
// auth.handler (so the rate limiter and origin checks run as they do behind the route handler).
import "server-only";
import type { Role } from "@/lib/auth/roles";
import { type TestDatabase, createTestPglite } from "@/server/db/testing";
import { type Auth, createAuth } from "./config";
import { CLIENT_IP_HEADER } from "./client-ip";
import type { SignInThrottleOptions } from "./throttle";

export const TEST_BASE_URL = "http://localhost:3000";
export const TEST_PASSWORD = "correct-horse-battery";

export interface TestAuth {
  auth: Auth;
  database: TestDatabase;
}

export async function createTestAuth(
  options: { signInPerMinute?: number; throttle?: SignInThrottleOptions; database?: TestDatabase } = {},
): Promise<TestAuth> {
  const database = options.database ?? (await createTestPglite());
  const auth = createAuth({
    db: database.db,
    secret: "test-secret-test-secret-test-secret-0123",
    baseURL: TEST_BASE_URL,
    signInPerMinute: options.signInPerMinute ?? 1000,
    throttle: options.throttle,
    logLevel: "error",
  });
  return { auth, database };
}

export async function createTestUser(auth: Auth, email: string, role?: Role, password = TEST_PASSWORD) {
  const { user } = await auth.api.createUser({ body: { email, name: email.split("@")[0] ?? email, password, role } });
  return user;
}

export interface SignInResult {
  status: number;
  code: string | undefined;
  message: string | undefined;
  cookie: string | null;
}

/** POST /api/auth/sign-in/email as a browser at `ip` would (the address the server stamped). */
export async function signInOverHttp(auth: Auth, email: string, password: string, ip = "203.0.113.1"): Promise<SignInResult> {
  const response = await auth.handler(
    new Request(`${TEST_BASE_URL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_BASE_URL, [CLIENT_IP_HEADER]: ip },
      body: JSON.stringify({ email, password }),
    }),
  );
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.includes("session_token="));
  return { status: response.status, code: body.code, message: body.message, cookie: setCookie ? setCookie.split(";")[0] ?? null : null };
}

export function cookieHeaders(cookie: string): Headers {
  return new Headers({ cookie, origin: TEST_BASE_URL });
}
