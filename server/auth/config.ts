// The better-auth instance, built from explicit inputs (database, secret, base URL, limits) so that
// tests build one on an in-memory PGlite and the app builds one from the environment (./index.ts).
// Email + password only, sessions in the database, no public sign-up (admins and the CLI create
// accounts), the admin plugin with the console's three roles, sign-in rate limits, no telemetry.
import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { createAccessControl } from "better-auth/plugins/access";
import { admin as adminPlugin } from "better-auth/plugins/admin";
import { defaultStatements } from "better-auth/plugins/admin/access";
import { DEFAULT_ROLE } from "@/lib/auth/roles";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/admin/users";
import type { Db } from "@/server/db";
import { account, rateLimit, session, user, verification } from "@/server/db/schema";
import { CLIENT_IP_HEADER } from "./client-ip";
import { SIGN_IN_THROTTLE_DEFAULTS, type SignInThrottleOptions, signInThrottlePlugin } from "./throttle";

// better-auth's own permissions (its /admin/* endpoints). Only `admin` may use them; impersonation
// and deleting users are left out on purpose: the trail must name who really acted, and it keeps
// user ids, so accounts are deactivated, never deleted.
const ac = createAccessControl(defaultStatements);
export const authRoles = {
  agent: ac.newRole({ user: [], session: [] }),
  supervisor: ac.newRole({ user: [], session: [] }),
  admin: ac.newRole({
    user: ["create", "list", "get", "update", "set-role", "ban", "set-password"],
    session: ["list", "revoke", "delete"],
  }),
};

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export interface AuthConfig {
  db: Db;
  secret: string;
  /** BETTER_AUTH_URL; unset → any localhost / 127.0.0.1 port (development and the sandbox). */
  baseURL?: string;
  /** Sign-in attempts per client IP per minute. */
  signInPerMinute: number;
  throttle?: SignInThrottleOptions;
  /** Quieter logs for tests. */
  logLevel?: "debug" | "info" | "warn" | "error";
}

export function createAuth(config: AuthConfig) {
  return betterAuth({
    appName: "Payscore Console",
    secret: config.secret,
    baseURL: config.baseURL ?? {
      allowedHosts: ["localhost:*", "127.0.0.1:*", "[::1]:*"],
      protocol: "http",
      fallback: "http://localhost:3000",
    },
    database: drizzleAdapter(config.db, { provider: "pg", schema: { user, session, account, verification, rateLimit } }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    session: {
      expiresIn: SESSION_MAX_AGE_SECONDS,
      // Sliding: a session in use is extended at most once an hour.
      updateAge: 60 * 60,
      // Every session read goes to the database: a role change, a deactivation or a rename by an
      // admin applies on the next request, and the name the trail records is the users table's.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      // better-auth enables it only in production by default; the console wants it in dev too.
      enabled: true,
      // In the database: survives restarts and dev recompiles, and holds across app instances.
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: config.signInPerMinute },
      },
    },
    advanced: {
      // The client address the Node server stamped on the request (socket address, or the trusted
      // proxy hop of X-Forwarded-For): never a header the client chose (./client-ip.ts).
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    telemetry: { enabled: false },
    logger: { level: config.logLevel ?? "warn" },
    plugins: [
      adminPlugin({
        ac,
        roles: authRoles,
        defaultRole: DEFAULT_ROLE,
        adminRoles: ["admin"],
        bannedUserMessage: "This account has been deactivated.",
      }),
      signInThrottlePlugin(config.db, config.throttle ?? SIGN_IN_THROTTLE_DEFAULTS),
      // Last: lets server actions (sign-out) set cookies through next/headers.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
