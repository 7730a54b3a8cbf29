// User administration: list, create, change role, reset password, (de)activate. Writes go through
// better-auth's admin API with the acting admin's request headers, so better-auth checks the
// permission as well; without headers (the CLI, demo users) the call is trusted server-side code.
// An admin cannot change their own role or deactivate themselves, so there is always an admin left.
import "server-only";
import { asc, max, sql } from "drizzle-orm";
import { isAPIError } from "better-auth/api";
import type { AppErrorCode } from "@/lib/actions/result";
import type { AdminErrorReason, ConsoleUser, TCreateUser } from "@/lib/admin/users";
import { type Role, parseRole } from "@/lib/auth/roles";
import type { Db } from "@/server/db";
import { describeErrorForLog, isDatabaseUnavailable } from "@/server/db/errors";
import { session, user } from "@/server/db/schema";
import type { Auth } from "./config";

export class UserAdminError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly reason?: AdminErrorReason,
    message?: string,
  ) {
    super(message ?? (reason ? `${code}: ${reason}` : code));
    this.name = "UserAdminError";
  }
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
  try {
    const { user: created } = await auth.api.createUser({
      body: { email: input.email, name: input.name, role: input.role, password: input.password },
      headers: actor?.headers,
    });
    return { id: created.id };
  } catch (error) {
    throw toAdminError(error);
  }
}

export async function changeUserRole(auth: Auth, userId: string, role: Role, actor: Actor): Promise<void> {
  if (userId === actor.id) throw new UserAdminError("FORBIDDEN", "self");
  try {
    await auth.api.setRole({ body: { userId, role }, headers: actor.headers });
  } catch (error) {
    throw toAdminError(error);
  }
}

/** Sets a new password and signs the user out everywhere (whoever had the old one is out too). */
export async function resetUserPassword(auth: Auth, userId: string, password: string, actor: Actor): Promise<void> {
  try {
    await auth.api.setUserPassword({ body: { userId, newPassword: password }, headers: actor.headers });
    if (userId !== actor.id) await auth.api.revokeUserSessions({ body: { userId }, headers: actor.headers });
  } catch (error) {
    throw toAdminError(error);
  }
}

/** Deactivating bans the user (better-auth also ends their sessions); reactivating lifts it. */
export async function setUserActive(auth: Auth, userId: string, active: boolean, actor: Actor): Promise<void> {
  if (userId === actor.id) throw new UserAdminError("FORBIDDEN", "self");
  try {
    if (active) await auth.api.unbanUser({ body: { userId }, headers: actor.headers });
    else await auth.api.banUser({ body: { userId, banReason: "Deactivated in the console" }, headers: actor.headers });
  } catch (error) {
    throw toAdminError(error);
  }
}
