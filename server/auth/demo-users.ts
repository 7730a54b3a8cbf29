// Sandbox mode only: one demo account per role, created at start if missing (idempotent), with a
// known password that the login page shows. Never created outside sandbox mode.
import "server-only";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/server/db";
import { user } from "@/server/db/schema";
import { inArray } from "drizzle-orm";
import type { Auth } from "./config";

export const DEMO_PASSWORD = "Payscore-Demo-2026";

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "agent@demo.local", name: "演示客服", role: "agent" },
  { email: "supervisor@demo.local", name: "演示主管", role: "supervisor" },
  { email: "admin@demo.local", name: "演示管理员", role: "admin" },
];

/** Creates the demo users that do not exist yet; returns the emails it created. */
export async function ensureDemoUsers(auth: Auth, db: Db): Promise<string[]> {
  const existing = await db
    .select({ email: user.email })
    .from(user)
    .where(
      inArray(
        user.email,
        DEMO_USERS.map((demo) => demo.email),
      ),
    );
  const have = new Set(existing.map((row) => row.email));
  const created: string[] = [];
  for (const demo of DEMO_USERS) {
    if (have.has(demo.email)) continue;
    try {
      // No headers: a trusted server-side call, allowed without an admin session.
      await auth.api.createUser({ body: { email: demo.email, name: demo.name, role: demo.role, password: DEMO_PASSWORD } });
      created.push(demo.email);
    } catch (error) {
      // Another instance (DATABASE_URL) may have created it a moment ago; anything else is real.
      const again = await db.select({ email: user.email }).from(user).where(inArray(user.email, [demo.email]));
      if (again.length === 0) throw error;
    }
  }
  return created;
}
