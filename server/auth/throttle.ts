// Failed sign-ins per email address, on top of better-auth's per-IP limiter (which keys on the
// client address the server computed, ./client-ip.ts): an attacker with many real IPs still meets
// this one, as it keys on the address being attacked. It counts
// only *failed* attempts for the address as typed — known or unknown alike, so the answer never tells
// whether an account exists — and a successful sign-in clears it.
import "server-only";
import { createHash } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { signInThrottle } from "@/server/db/schema";

export interface SignInThrottleOptions {
  /** Failed attempts allowed per address within the window. */
  maxFailures: number;
  windowSeconds: number;
}

export const SIGN_IN_THROTTLE_DEFAULTS: SignInThrottleOptions = { maxFailures: 5, windowSeconds: 15 * 60 };

/** The code the login form maps to "too many attempts" (the IP limiter answers a bare 429). */
export const TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";

function emailKey(email: unknown): string | null {
  if (typeof email !== "string" || email.trim() === "") return null;
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

function bodyEmail(body: unknown): unknown {
  return typeof body === "object" && body !== null && "email" in body ? body.email : undefined;
}

export function signInThrottlePlugin(db: Db, options: SignInThrottleOptions = SIGN_IN_THROTTLE_DEFAULTS) {
  const windowMs = options.windowSeconds * 1000;
  const isSignIn = (context: { path?: string }) => context.path === "/sign-in/email";

  return {
    id: "payscore-sign-in-throttle",
    hooks: {
      before: [
        {
          matcher: isSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const key = emailKey(bodyEmail(ctx.body));
            if (!key) return;
            const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.emailHash, key));
            if (!row) return;
            const windowEnds = row.windowStartedAt.getTime() + windowMs;
            if (row.failures >= options.maxFailures && windowEnds > Date.now()) {
              const retryAfter = Math.max(1, Math.ceil((windowEnds - Date.now()) / 1000));
              throw new APIError(
                "TOO_MANY_REQUESTS",
                { code: TOO_MANY_ATTEMPTS, message: "Too many failed sign-in attempts. Please try again later." },
                { "X-Retry-After": String(retryAfter) },
              );
            }
          }),
        },
      ],
      after: [
        {
          matcher: isSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const key = emailKey(bodyEmail(ctx.body));
            if (!key) return;
            const returned: unknown = ctx.context.returned;
            if (isAPIError(returned)) {
              if (returned.body?.code !== "INVALID_EMAIL_OR_PASSWORD") return;
              const now = new Date();
              const windowStart = new Date(now.getTime() - windowMs);
              // One statement: a new window starts when the old one is over, else the count goes up.
              await db
                .insert(signInThrottle)
                .values({ emailHash: key, failures: 1, windowStartedAt: now, lastFailureAt: now })
                .onConflictDoUpdate({
                  target: signInThrottle.emailHash,
                  set: {
                    failures: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then 1 else ${signInThrottle.failures} + 1 end`,
                    windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then ${now} else ${signInThrottle.windowStartedAt} end`,
                    lastFailureAt: now,
                  },
                });
            } else if (returned !== undefined) {
              await db.delete(signInThrottle).where(eq(signInThrottle.emailHash, key));
            }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
