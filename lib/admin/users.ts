// Schemas of the user-administration actions (create, change role, reset password, (de)activate),
// shared by the admin forms and the server actions. Error messages are keys under `admin.errors`.
import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/roles";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const ZUserId = z.string().trim().min(1).max(64);
export const ZRole = z.enum(ROLES, { error: "roleInvalid" });
export const ZPassword = z
  .string()
  .min(PASSWORD_MIN, { error: "passwordTooShort" })
  .max(PASSWORD_MAX, { error: "passwordTooLong" });
export const ZEmail = z
  .string()
  .trim()
  .min(1, { error: "emailRequired" })
  .max(254, { error: "emailInvalid" })
  .toLowerCase()
  .pipe(z.email({ error: "emailInvalid" }));
export const ZName = z.string().trim().min(1, { error: "nameRequired" }).max(80, { error: "nameTooLong" });

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

/** Closed list of reasons an admin action can fail; each has a message under `admin.errors`. */
export const ADMIN_ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "invalidInput",
  "emailTaken",
  "notFound",
  "notYourself",
  "failed",
] as const;
export type AdminErrorCode = (typeof ADMIN_ERROR_CODES)[number];

export type AdminActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: AdminErrorCode; fieldErrors?: Partial<Record<string, string>> };

/** A password an admin can hand over: 16 characters from an unambiguous alphabet (~93 bits). */
export function generatePassword(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const out: string[] = [];
  while (out.length < 16) {
    for (const byte of random(new Uint8Array(32))) {
      // Rejection sampling: 57 symbols; bytes ≥ 228 (4 × 57) would bias the first symbols.
      if (byte < 228 && out.length < 16) out.push(alphabet[byte % 57] ?? "");
    }
  }
  return out.join("");
}
