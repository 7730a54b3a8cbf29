// Schemas of the user-administration actions (create, change role, reset password, (de)activate),
// shared by the admin forms and the server actions. Error messages are keys under `admin.errors`.
// zod/mini: this ships in the admin page's bundle.
import * as z from "zod/mini";
import { ROLES, type Role } from "../auth/roles";
import { maxLength, minLength } from "@/lib/zod-length";
import { INVALID_CHARACTERS, isAcceptableText } from "../text";
import { PASSWORD_MAX, PASSWORD_MIN } from "./passwords";

// The zod-free parts (password limits, generatePassword) are in ./passwords, for the forms that
// render them without loading zod.
export { PASSWORD_MAX, PASSWORD_MIN, generatePassword } from "./passwords";

export const ZUserId = z.string().check(z.trim(), minLength(1), maxLength(64));
export const ZRole = z.enum(ROLES, { error: "roleInvalid" });
export const ZPassword = z
  .string()
  .check(minLength(PASSWORD_MIN, { error: "passwordTooShort" }), maxLength(PASSWORD_MAX, { error: "passwordTooLong" }));
export const ZEmail = z.pipe(
  z
    .string()
    .check(z.trim(), z.toLowerCase(), minLength(1, { error: "emailRequired" }), maxLength(254, { error: "emailInvalid" })),
  z.email({ error: "emailInvalid" }),
);
export const ZName = z
  .string()
  .check(
    z.trim(),
    minLength(1, { error: "nameRequired" }),
    maxLength(80, { error: "nameTooLong" }),
    z.refine((value) => isAcceptableText(value, "single-line"), { error: INVALID_CHARACTERS }),
  );

export const ZCreateUser = z.object({ email: ZEmail, name: ZName, role: ZRole, password: ZPassword });
export type TCreateUserInput = z.input<typeof ZCreateUser>;
export type TCreateUser = z.output<typeof ZCreateUser>;

export const ZChangeRole = z.object({ userId: ZUserId, role: ZRole });
export type TChangeRole = z.output<typeof ZChangeRole>;

export const ZResetPassword = z.object({ userId: ZUserId, password: ZPassword });
export type TResetPasswordInput = z.input<typeof ZResetPassword>;
export type TResetPassword = z.output<typeof ZResetPassword>;

export const ZSetActive = z.object({ userId: ZUserId, active: z.boolean() });
export type TSetActive = z.output<typeof ZSetActive>;

/** What the admin page lists: no password hash, no session tokens. */
export interface ConsoleUser {
  id: string;
  name: string;
  email: string;
  role: Role | null;
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/**
 * `AppErrorInfo.reason` values of the admin actions (on top of the shared codes):
 * INVALID_INPUT + "email_taken", FORBIDDEN + "self" (an admin cannot change their own role or
 * deactivate themselves), FORBIDDEN + "last_admin" (the change would leave no active admin).
 */
export const ADMIN_ERROR_REASONS = ["email_taken", "self", "last_admin"] as const;
export type AdminErrorReason = (typeof ADMIN_ERROR_REASONS)[number];
