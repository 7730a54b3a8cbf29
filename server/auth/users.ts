// User administration: list, create, change role, reset password, (de)activate. These functions are
// the only way users are administered (better-auth's own /admin/* HTTP routes are closed, see
// ./http.ts), so they hold the rules whoever calls them (the admin actions, the CLI, demo users):
// the input is parsed again with the admin form's lib/admin schemas (one role of the three, a name
// of 1–80 characters, a password of 10–128), an admin cannot change their own role or deactivate
// themself, and there is never no active admin.
//
// Creating a user and setting a password go through better-auth's admin API with the acting admin's
// request headers (it hashes the password and checks the permission too; without headers — the CLI,
// demo users — the call is trusted server-side code). A role change and a (de)activation are checked
// with better-auth's permission, then written here in one transaction that locks the active admins'
// rows: the actor must still be one of them, and one must be left. Two admins demoting each other at
// the same moment would otherwise both pass a check made before either write, and leave none.
import "server-only";
import { asc, eq, max, sql } from "drizzle-orm";
import { isAPIError } from "better-auth/api";
import { type $ZodType, type output, safeParse } from "zod/v4/core";
import type { AppErrorCode } from "@/lib/actions/result";
import { type AdminErrorReason, type ConsoleUser, type TCreateUser, ZCreateUser, ZPassword, ZRole } from "@/lib/admin/users";
import { type Role, parseRole } from "@/lib/auth/roles";
import { type RuleIssue, ruleIssuesFromZod } from "@/lib/payscore/issues";
import type { Db } from "@/server/db";
import { describeErrorForLog, isDatabaseUnavailable } from "@/server/db/errors";
import { session, user } from "@/server/db/schema";
import type { Auth } from "./config";

export class UserAdminError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly reason?: AdminErrorReason,
    message?: string,
    readonly issues?: RuleIssue[],
  ) {
    super(message ?? (reason ? `${code}: ${reason}` : code));
    this.name = "UserAdminError";
  }
}

/** Parses `value` with a lib/admin schema (the form's), or throws INVALID_INPUT with field issues. */
function parseOrRefuse<S extends $ZodType>(schema: S, value: unknown, path: string[] = []): output<S> {
  const parsed = safeParse(schema, value);
  if (parsed.success) return parsed.data;
  const issues = ruleIssuesFromZod(parsed.error.issues).map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
  throw new UserAdminError("INVALID_INPUT", undefined, undefined, issues);
}

function toAdminError(error: unknown): UserAdminError {
  if (error instanceof UserAdminError) return error;
  // Left to the action wrapper, which answers SERVICE_UNAVAILABLE.
  if (isDatabaseUnavailable(error)) throw error;
  if (isAPIError(error)) {
    const code = error.body?.code;
    if (code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" || code === "USER_ALREADY_EXISTS") return new UserAdminError("INVALID_INPUT", "email_taken");
    if (code === "USER_NOT_FOUND" || error.statusCode === 404) return new UserAdminError("NOT_FOUND");
    if (code === "YOU_CANNOT_BAN_YOURSELF") return new UserAdminError("FORBIDDEN", "self");
    if (error.statusCode === 401) return new UserAdminError("UNAUTHENTICATED");
    if (error.statusCode === 403) return new UserAdminError("FORBIDDEN");
    if (code === "PASSWORD_TOO_SHORT" || code === "PASSWORD_TOO_LONG" || code === "INVALID_EMAIL") return new UserAdminError("INVALID_INPUT");
  }
  return new UserAdminError("INTERNAL_ERROR", undefined, describeErrorForLog(error));
}

export async function listConsoleUsers(db: Db): Promise<ConsoleUser[]> {
  const lastSignIn = db
    .select({ userId: session.userId, at: max(session.createdAt).as("last_sign_in_at") })
    .from(session)
    .groupBy(session.userId)
    .as("last_sign_in");
  const rows = await db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      banned: user.banned,
      createdAt: user.createdAt,
      lastSignInAt: lastSignIn.at,
    })
    .from(user)
    .leftJoin(lastSignIn, sql`${lastSignIn.userId} = ${user.id}`)
    .orderBy(asc(user.createdAt), asc(user.email));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: parseRole(row.role),
    active: !row.banned,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt ? new Date(row.lastSignInAt).toISOString() : null,
  }));
}

interface Actor {
  id: string;
  headers: Headers;
}

export async function createConsoleUser(auth: Auth, input: TCreateUser, actor?: Actor): Promise<{ id: string }> {
  const data = parseOrRefuse(ZCreateUser, input);
  try {
    const { user: created } = await auth.api.createUser({
      body: { email: data.email, name: data.name, role: data.role, password: data.password },
      headers: actor?.headers,
    });
    return { id: created.id };
  } catch (error) {
    throw toAdminError(error);
  }
}

/** better-auth's own permission check for the acting admin's session (401/403 → UserAdminError). */
async function requirePermission(auth: Auth, actor: Actor, permission: "set-role" | "ban"): Promise<void> {
  let allowed: boolean;
  try {
    const result = await auth.api.userHasPermission({ body: { permissions: { user: [permission] } }, headers: actor.headers });
    allowed = result.success;
  } catch (error) {
    throw toAdminError(error);
  }
  if (!allowed) throw new UserAdminError("FORBIDDEN");
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Runs `change` on `userId` in a transaction that first locks the rows of the active admins (so
 * concurrent admin changes take turns), then checks that the actor is still one of them and that
 * `remainsActiveAdmin` leaves at least one.
 */
async function changeGuarded(
  db: Db,
  actor: Actor,
  userId: string,
  remainsActiveAdmin: boolean,
  change: (tx: Tx) => Promise<boolean>,
): Promise<void> {
  const outcome = await db.transaction(async (tx) => {
    const admins = await tx.execute<{ id: string }>(
      sql`select id from "user" where role = 'admin' and banned is not true order by id for update`,
    );
    const active = new Set(admins.rows.map((row) => row.id));
    if (!active.has(actor.id)) return "actor_not_admin" as const;
    const left = active.has(userId) && !remainsActiveAdmin ? active.size - 1 : active.size;
    if (left < 1) return "last_admin" as const;
    return (await change(tx)) ? ("ok" as const) : ("not_found" as const);
  });
  if (outcome === "actor_not_admin") throw new UserAdminError("FORBIDDEN");
  if (outcome === "last_admin") throw new UserAdminError("FORBIDDEN", "last_admin");
  if (outcome === "not_found") throw new UserAdminError("NOT_FOUND");
}

export async function changeUserRole(auth: Auth, db: Db, userId: string, role: Role, actor: Actor): Promise<void> {
  const newRole = parseOrRefuse(ZRole, role, ["role"]);
  if (userId === actor.id) throw new UserAdminError("FORBIDDEN", "self");
  await requirePermission(auth, actor, "set-role");
  await changeGuarded(db, actor, userId, newRole === "admin", async (tx) => {
    const updated = await tx.update(user).set({ role: newRole, updatedAt: new Date() }).where(eq(user.id, userId)).returning({ id: user.id });
    return updated.length > 0;
  });
}

/** Sets a new password and signs the user out everywhere (whoever had the old one is out too). */
export async function resetUserPassword(auth: Auth, userId: string, password: string, actor: Actor): Promise<void> {
  const newPassword = parseOrRefuse(ZPassword, password, ["password"]);
  try {
    await auth.api.setUserPassword({ body: { userId, newPassword }, headers: actor.headers });
    if (userId !== actor.id) await auth.api.revokeUserSessions({ body: { userId }, headers: actor.headers });
  } catch (error) {
    throw toAdminError(error);
  }
}

/** Deactivating bans the user and ends their sessions; reactivating lifts it. */
export async function setUserActive(auth: Auth, db: Db, userId: string, active: boolean, actor: Actor): Promise<void> {
  if (userId === actor.id) throw new UserAdminError("FORBIDDEN", "self");
  await requirePermission(auth, actor, "ban");
  await changeGuarded(db, actor, userId, active, async (tx) => {
    const updated = await tx
      .update(user)
      .set(active ? { banned: false, banReason: null, banExpires: null, updatedAt: new Date() } : { banned: true, banReason: "Deactivated in the console", banExpires: null, updatedAt: new Date() })
      .where(eq(user.id, userId))
      .returning({ id: user.id });
    if (updated.length === 0) return false;
    if (!active) await tx.delete(session).where(eq(session.userId, userId));
    return true;
  });
}
