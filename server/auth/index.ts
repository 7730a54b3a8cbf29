// The app's better-auth instance, created on first use (never at import: `next build` imports the
// route modules). In sandbox mode the demo users are ensured before the instance is handed out.
import "server-only";
import { getDb } from "@/server/db";
import { getEnv, isSandboxMode } from "@/server/env";
import { type Auth, createAuth } from "./config";
import { ensureDemoUsers } from "./demo-users";
import { resolveAuthSecret } from "./secret";

const globalStore = globalThis as typeof globalThis & { __payscoreAuth?: Promise<Auth> };

async function buildAuth(): Promise<Auth> {
  const env = getEnv();
  const secret = resolveAuthSecret();
  const db = await getDb();
  const auth = createAuth({ db, secret, baseURL: env.BETTER_AUTH_URL, signInPerMinute: env.AUTH_SIGN_IN_LIMIT });
  if (isSandboxMode()) {
    const created = await ensureDemoUsers(auth, db);
    if (created.length > 0) console.log(`[auth] sandbox demo users created: ${created.join(", ")}`);
  } else if (!env.BETTER_AUTH_URL) {
    console.warn("[auth] BETTER_AUTH_URL is not set; only localhost origins are accepted. Set it to the console's public URL.");
  }
  return auth;
}

/** The better-auth instance (lazy singleton, kept on globalThis across dev HMR). */
export function getAuth(): Promise<Auth> {
  if (!globalStore.__payscoreAuth) {
    const building = buildAuth();
    globalStore.__payscoreAuth = building;
    building.catch(() => {
      if (globalStore.__payscoreAuth === building) globalStore.__payscoreAuth = undefined;
    });
  }
  return globalStore.__payscoreAuth;
}

export type { Auth } from "./config";
