"use client";
// The user list: role change, password reset and (de)activation per row. Every change goes through
// an admin-only server action; the list re-renders from the server afterwards (revalidatePath).
import { useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import { useId, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/result";
import { lazyResolver, whenSchemaUnavailable } from "@/components/forms/lazy-resolver";
import { generatePassword } from "@/lib/admin/passwords";
import type { ConsoleUser, TResetPassword, TResetPasswordInput } from "@/lib/admin/users";
import { ROLES, type Role } from "@/lib/auth/roles";
import { changeRoleAction, resetPasswordAction, setActiveAction } from "@/server/actions/admin-users";
import { Dialog, DialogBody, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useAdminMessages } from "./use-admin-messages";
import { UserText } from "@/components/text/user-text";

type Status = { kind: "ok" | "error"; text: string } | null;

const buttonClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50";

export function UsersTable({ users, currentUserId }: { users: ConsoleUser[]; currentUserId: string }) {
  const t = useTranslations("admin");
  const [status, setStatus] = useState<Status>(null);
  const [resetting, setResetting] = useState<ConsoleUser | null>(null);
  const [deactivating, setDeactivating] = useState<ConsoleUser | null>(null);

  return (
    <section aria-labelledby="users-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-5 py-4">
        <h2 id="users-title" className="text-lg font-semibold text-slate-900">
          {t("users.listTitle")}
        </h2>
        <p className="text-sm text-slate-500">{t("users.count", { count: users.length })}</p>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={status ? `border-b border-slate-200 px-5 py-2 text-sm ${status.kind === "ok" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}` : "sr-only"}
      >
        {status?.text}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-5 py-3 font-medium">
                {t("users.columns.user")}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t("users.columns.role")}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t("users.columns.status")}
              </th>
              <th scope="col" className="hidden px-3 py-3 font-medium lg:table-cell">
                {t("users.columns.lastSignIn")}
              </th>
              <th scope="col" className="px-5 py-3 text-right font-medium">
                {t("users.columns.actions")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isSelf={user.id === currentUserId}
                onStatus={setStatus}
                onReset={() => setResetting(user)}
                onDeactivate={() => setDeactivating(user)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} onStatus={setStatus} />
      <DeactivateDialog user={deactivating} onClose={() => setDeactivating(null)} onStatus={setStatus} />
    </section>
  );
}

function UserRow({
  user,
  isSelf,
  onStatus,
  onReset,
  onDeactivate,
}: {
  user: ConsoleUser;
  isSelf: boolean;
  onStatus: (status: Status) => void;
  onReset: () => void;
  onDeactivate: () => void;
}) {
  const t = useTranslations("admin");
  const tAuth = useTranslations("auth");
  const dateTime = useDateTime();
  const messages = useAdminMessages();
  const [role, setRole] = useState<Role | "">(user.role ?? "");
  const [pending, startTransition] = useTransition();
  const roleChanged = role !== "" && role !== user.role;

  const report = (result: ActionResult<null>, okText: string) =>
    onStatus(result.ok ? { kind: "ok", text: okText } : { kind: "error", text: messages.action(result.error) });

  const saveRole = () => {
    if (role === "" || role === user.role) return;
    startTransition(async () => {
      const result = await changeRoleAction({ userId: user.id, role });
      report(result, t("roleChanged", { email: user.email, role: tAuth(`roles.${role}`) }));
      if (!result.ok) setRole(user.role ?? "");
    });
  };

  const reactivate = () =>
    startTransition(async () => {
      report(await setActiveAction({ userId: user.id, active: true }), t("deactivate.reactivated", { email: user.email }));
    });

  return (
    <tr className={user.active ? undefined : "bg-slate-50 text-slate-500"}>
      <th scope="row" className="px-5 py-3 font-normal">
        <span className="block font-medium text-slate-900">
          <UserText text={user.name} /> {isSelf ? <span className="text-slate-500">{t("users.you")}</span> : null}
        </span>
        <span className="block break-all text-slate-500">{user.email}</span>
      </th>
      <td className="px-3 py-3">
        <div className="flex items-center gap-2">
          <select
            aria-label={t("users.roleFor", { name: user.name })}
            value={role}
            disabled={isSelf || pending}
            title={isSelf ? t("users.selfLocked") : undefined}
            onChange={(event) => setRole(event.target.value as Role)}
            className="min-w-24 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:outline-2 focus:outline-blue-600 disabled:opacity-60"
          >
            {user.role === null ? <option value="">{tAuth("roles.none")}</option> : null}
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {tAuth(`roles.${option}`)}
              </option>
            ))}
          </select>
          {roleChanged ? (
            <button type="button" onClick={saveRole} disabled={pending} className={buttonClass}>
              {t("users.saveRole")}
            </button>
          ) : null}
        </div>
      </td>
      <td className="px-3 py-3">
        <span
          className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${user.active ? "bg-green-50 text-green-800 ring-green-200" : "bg-slate-100 text-slate-600 ring-slate-300"}`}
        >
          {user.active ? t("users.status.active") : t("users.status.inactive")}
        </span>
      </td>
      <td className="hidden px-3 py-3 whitespace-nowrap lg:table-cell">
        {user.lastSignInAt ? dateTime(user.lastSignInAt, "mediumShort") : t("users.never")}
      </td>
      <td className="px-5 py-3">
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" onClick={onReset} disabled={pending} className={buttonClass} aria-label={`${t("users.resetPassword")}: ${user.name}`}>
            {t("users.resetPassword")}
          </button>
          {user.active ? (
            <button
              type="button"
              onClick={onDeactivate}
              disabled={isSelf || pending}
              title={isSelf ? t("users.selfLocked") : undefined}
              className={`${buttonClass} text-red-700`}
              aria-label={`${t("users.deactivate")}: ${user.name}`}
            >
              {t("users.deactivate")}
            </button>
          ) : (
            <button type="button" onClick={reactivate} disabled={pending} className={buttonClass} aria-label={`${t("users.reactivate")}: ${user.name}`}>
              {t("users.reactivate")}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

function ResetPasswordDialog({ user, onClose, onStatus }: { user: ConsoleUser | null; onClose: () => void; onStatus: (status: Status) => void }) {
  const t = useTranslations("admin");
  const titleId = useId();
  return (
    <Dialog open={user !== null} onClose={onClose} labelledBy={titleId} size="sm">
      {user ? (
        <>
          <DialogHeader>
            <DialogTitle id={titleId}>{t("reset.title", { name: user.name })}</DialogTitle>
          </DialogHeader>
          <DialogBody>
            <ResetPasswordForm key={user.id} user={user} onClose={onClose} onStatus={onStatus} />
          </DialogBody>
        </>
      ) : null}
    </Dialog>
  );
}

// The schema (and zod with it) loads when the form first gets focus, not with the page.
const resetPasswordSchema = lazyResolver<TResetPasswordInput, TResetPassword>(() =>
  import("./admin-form-resolvers").then((module) => module.resetPasswordResolver),
);

function ResetPasswordForm({ user, onClose, onStatus }: { user: ConsoleUser; onClose: () => void; onStatus: (status: Status) => void }) {
  const t = useTranslations("admin");
  const messages = useAdminMessages();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<TResetPasswordInput, unknown, TResetPassword>({
    resolver: resetPasswordSchema,
    defaultValues: { userId: user.id, password: "" },
  });
  const submit = handleSubmit(async (values) => {
    const result = await resetPasswordAction(values);
    if (result.ok) {
      onStatus({ kind: "ok", text: t("reset.done", { email: user.email }) });
      onClose();
    } else {
      setFormError(messages.action(result.error));
    }
  });
  const onSubmit = whenSchemaUnavailable(submit, () => setFormError(messages.unreachable()));
  return (
    <form onSubmit={onSubmit} onFocus={resetPasswordSchema.preload} noValidate>
      <p className="text-sm text-slate-600">{t("reset.body")}</p>
      <fieldset disabled={isSubmitting} className="mt-4 space-y-1">
        <input type="hidden" {...register("userId")} />
        <label htmlFor="reset-password" className="block text-sm font-medium text-slate-700">
          {t("reset.password")}
        </label>
        <div className="flex gap-2">
          <input
            id="reset-password"
            type="text"
            autoComplete="new-password"
            spellCheck={false}
            autoFocus
            aria-invalid={errors.password || formError ? true : undefined}
            aria-describedby={errors.password || formError ? "reset-password-error" : undefined}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono shadow-sm focus:border-blue-600 focus:outline-2 focus:outline-blue-600 aria-invalid:border-red-500"
            {...register("password")}
          />
          <button
            type="button"
            onClick={() => setValue("password", generatePassword(), { shouldValidate: true })}
            className="shrink-0 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            {t("reset.generate")}
          </button>
        </div>
        {errors.password || formError ? (
          <p id="reset-password-error" role="alert" className="text-sm text-red-700">
            {errors.password ? messages.field(errors.password.message) : formError}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 pt-4">
          <button type="button" onClick={onClose} className={buttonClass}>
            {t("reset.cancel")}
          </button>
          <button
            type="submit"
            className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-70"
          >
            {isSubmitting ? t("reset.submitting") : t("reset.submit")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function DeactivateDialog({ user, onClose, onStatus }: { user: ConsoleUser | null; onClose: () => void; onStatus: (status: Status) => void }) {
  const t = useTranslations("admin");
  const messages = useAdminMessages();
  const [pending, startTransition] = useTransition();
  const confirm = () => {
    if (!user) return;
    startTransition(async () => {
      const result = await setActiveAction({ userId: user.id, active: false });
      onStatus(result.ok ? { kind: "ok", text: t("deactivate.done", { email: user.email }) } : { kind: "error", text: messages.action(result.error) });
      onClose();
    });
  };
  const titleId = useId();
  return (
    <Dialog open={user !== null} onClose={onClose} labelledBy={titleId} dismissible={!pending} size="sm">
      <DialogHeader>
        <DialogTitle id={titleId}>{user ? t("deactivate.title", { name: user.name }) : null}</DialogTitle>
      </DialogHeader>
      <DialogBody>
        <p className="text-sm text-slate-600">{t("deactivate.body")}</p>
      </DialogBody>
      <DialogFooter>
        <button type="button" onClick={onClose} disabled={pending} className={buttonClass} autoFocus>
          {t("deactivate.cancel")}
        </button>
        <button
          type="button"
          onClick={confirm}
          disabled={pending}
          className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:opacity-70"
        >
          {t("deactivate.confirm")}
        </button>
      </DialogFooter>
    </Dialog>
  );
}
