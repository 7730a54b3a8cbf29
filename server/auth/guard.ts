// The one server-side guard. Pages call requireRole / requireCapability (no session → redirect to
// /login?next=…; wrong role → the 403 page); server actions call requireActionRole /
// checkActionRole (no redirect: a typed refusal the action returns to its form). Hiding a button in
// the UI is never the check — these are.
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { type Capability, type Role, ROLE_MATRIX, parseRole, rolesWith } from "@/lib/auth/roles";
import { loginUrl } from "@/lib/auth/sign-in";
import { isDatabaseUnavailable, toDbError } from "@/server/db/errors";
import { getAuth } from "./index";

export { CAPABILITIES, ROLES, ROLE_MATRIX, can, capabilitiesOf, rolesWith } from "@/lib/auth/roles";
export type { Capability, Role } from "@/lib/auth/roles";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /** null when the stored role is not one of the console's roles: such a user may do nothing. */
  role: Role | null;
  sessionExpiresAt: Date;
}

export interface AuthorizedUser extends SessionUser {
  role: Role;
}

export type GuardDecision = "allow" | "unauthenticated" | "forbidden";

/** The pure decision every guard variant applies. */
export function decideAccess(user: SessionUser | null, roles: readonly Role[]): GuardDecision {
  if (!user) return "unauthenticated";
  if (user.role === null || !roles.includes(user.role)) return "forbidden";
  return "allow";
}

export function decideCapability(user: SessionUser | null, capability: Capability): GuardDecision {
  if (!user) return "unauthenticated";
  if (user.role === null || !ROLE_MATRIX[user.role][capability]) return "forbidden";
  return "allow";
}

/** The signed-in user of this request, or null (no cookie, expired, revoked, or deactivated). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const auth = await getAuth();
  let result: Awaited<ReturnType<typeof auth.api.getSession>>;
  try {
    result = await auth.api.getSession({ headers: await headers() });
  } catch (error) {
    // A database that cannot be reached leaves as a DbError whatever wrapped it on the way: the
    // error pages know it by its digest, actions and route handlers by isDatabaseUnavailable.
    throw isDatabaseUnavailable(error) ? toDbError(error) : error;
  }
  if (!result || result.user.banned) return null;
  return {
    id: result.user.id,
    name: result.user.name,
    email: result.user.email,
    role: parseRole(result.user.role),
    sessionExpiresAt: new Date(result.session.expiresAt),
  };
});

async function currentPath(): Promise<string> {
  return (await headers()).get("x-console-path") ?? "/";
}

/** For pages: the user if their role is one of `roles`; otherwise redirect to login or render 403. */
export async function requireRole(...roles: Role[]): Promise<AuthorizedUser> {
  const user = await getSessionUser();
  const decision = decideAccess(user, roles);
  if (decision === "unauthenticated" || !user) redirect(loginUrl(await currentPath()));
  if (decision === "forbidden") forbidden();
  return user as AuthorizedUser;
}

/** For pages: requireRole for every role that holds `capability`. */
export function requireCapability(capability: Capability): Promise<AuthorizedUser> {
  return requireRole(...rolesWith(capability));
}

/** For pages that any signed-in user may see. */
export async function requireSession(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(loginUrl(await currentPath()));
  return user;
}

export type RefusalCode = "UNAUTHENTICATED" | "FORBIDDEN";

/** Thrown by requireActionRole; carries only a code, safe to send to the browser. */
export class AuthRefusal extends Error {
  constructor(readonly code: RefusalCode) {
    super(code === "UNAUTHENTICATED" ? "Not signed in or the session has expired." : "Your role does not allow this.");
    this.name = "AuthRefusal";
  }
}

export function isAuthRefusal(error: unknown): error is AuthRefusal {
  return error instanceof AuthRefusal;
}

export type ActionAuth = { ok: true; user: AuthorizedUser } | { ok: false; code: RefusalCode };

/** For server actions: never redirects; says who may proceed. */
export async function checkActionRole(...roles: Role[]): Promise<ActionAuth> {
  const user = await getSessionUser();
  const decision = decideAccess(user, roles);
  if (decision === "allow" && user) return { ok: true, user: user as AuthorizedUser };
  return { ok: false, code: decision === "unauthenticated" ? "UNAUTHENTICATED" : "FORBIDDEN" };
}

export function checkActionCapability(capability: Capability): Promise<ActionAuth> {
  return checkActionRole(...rolesWith(capability));
}

/** For server actions: the user, or throws AuthRefusal (catch it with isAuthRefusal). */
export async function requireActionRole(...roles: Role[]): Promise<AuthorizedUser> {
  const result = await checkActionRole(...roles);
  if (!result.ok) throw new AuthRefusal(result.code);
  return result.user;
}

export function requireActionCapability(capability: Capability): Promise<AuthorizedUser> {
  return requireActionRole(...rolesWith(capability));
}
