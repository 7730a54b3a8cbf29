"use server";
// User administration actions (admins only: capability canManageUsers). Each goes through the one
// action wrapper (runAction: authenticate, authorise, parse with the shared lib/admin schema), calls
// the domain function in server/auth/users.ts with the admin's request headers (so better-auth checks
// the permission too), and returns an ActionResult.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { type ActionResult, fail, ok } from "@/lib/actions/result";
import { ZChangeRole, ZCreateUser, ZResetPassword, ZSetActive } from "@/lib/admin/users";
import { getAuth } from "@/server/auth";
import { getDb } from "@/server/db";
import type { AuthorizedUser } from "@/server/auth/guard";
import { UserAdminError, changeUserRole, createConsoleUser, resetUserPassword, setUserActive } from "@/server/auth/users";
import { runAction } from "./run-action";

async function asAdmin<T>(user: AuthorizedUser, run: (actor: { id: string; headers: Headers }) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await run({ id: user.id, headers: await headers() });
    revalidatePath("/admin/users");
    return ok(data);
  } catch (error) {
    if (!(error instanceof UserAdminError)) throw error;
    if (error.code === "INTERNAL_ERROR") console.error(`[admin-users] ${error.message}`);
    if (error.reason === "email_taken") return fail({ code: "INVALID_INPUT", reason: error.reason, issues: [{ path: ["email"], code: "invalid_value" }] });
    if (error.issues) return fail({ code: error.code, issues: error.issues });
    return fail(error.reason ? { code: error.code, reason: error.reason } : { code: error.code });
  }
}

export async function createUserAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("canManageUsers", ZCreateUser, input, async (user, data) =>
    asAdmin(user, async (actor) => createConsoleUser(await getAuth(), data, actor)),
  );
}

export async function changeRoleAction(input: unknown): Promise<ActionResult<null>> {
  return runAction("canManageUsers", ZChangeRole, input, async (user, data) =>
    asAdmin(user, async (actor) => {
      await changeUserRole(await getAuth(), await getDb(), data.userId, data.role, actor);
      return null;
    }),
  );
}

export async function resetPasswordAction(input: unknown): Promise<ActionResult<null>> {
  return runAction("canManageUsers", ZResetPassword, input, async (user, data) =>
    asAdmin(user, async (actor) => {
      await resetUserPassword(await getAuth(), data.userId, data.password, actor);
      return null;
    }),
  );
}

export async function setActiveAction(input: unknown): Promise<ActionResult<null>> {
  return runAction("canManageUsers", ZSetActive, input, async (user, data) =>
    asAdmin(user, async (actor) => {
      await setUserActive(await getAuth(), await getDb(), data.userId, data.active, actor);
      return null;
    }),
  );
}
