"use client";
// Create a user with a role and an initial password (typed or generated).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { lazyResolver, whenSchemaUnavailable } from "@/components/forms/lazy-resolver";
import { PASSWORD_MIN, generatePassword } from "@/lib/admin/passwords";
import type { TCreateUser, TCreateUserInput } from "@/lib/admin/users";
import { ROLES } from "@/lib/auth/roles";
import { createUserAction } from "@/server/actions/admin-users";
import { useAdminMessages } from "./use-admin-messages";

const inputClass =
  "block h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-blue-600 focus:outline-2 focus:outline-blue-600 aria-invalid:border-red-500";

// The schema (and zod with it) loads when the form first gets focus, not with the page.
const createUserSchema = lazyResolver<TCreateUserInput, TCreateUser>(() =>
  import("./admin-form-resolvers").then((module) => module.createUserResolver),
);

export function CreateUserForm() {
  const t = useTranslations("admin");
  const tAuth = useTranslations("auth");
  const messages = useAdminMessages();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TCreateUserInput, unknown, TCreateUser>({
    resolver: createUserSchema,
    defaultValues: { email: "", name: "", role: "agent", password: "" },
  });

  const submit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await createUserAction(values);
    if (result.ok) {
      reset();
      setStatus({ kind: "ok", text: t("create.created", { email: values.email }) });
      return;
    }
    // The server found what the browser could not: the email is taken. The field says so; the
    // status line only points at the marked field.
    if (result.error.reason === "email_taken") {
      setError("email", { message: "emailTaken" }, { shouldFocus: true });
      setStatus({ kind: "error", text: messages.action({ code: "INVALID_INPUT" }) });
      return;
    }
    setStatus({ kind: "error", text: messages.action(result.error) });
  });
  const onSubmit = whenSchemaUnavailable(submit, () => setStatus({ kind: "error", text: messages.unreachable() }));

  const field = (name: "email" | "name" | "password") => ({
    id: `create-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `create-${name}-error` : name === "password" ? "create-password-hint" : undefined,
  });

  return (
    <section aria-labelledby="create-user-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="create-user-title" className="text-lg font-semibold text-slate-900">
        {t("create.title")}
      </h2>
      <form onSubmit={onSubmit} onFocus={createUserSchema.preload} noValidate className="mt-4">
        <fieldset disabled={isSubmitting} className="grid gap-4 md:grid-cols-2 xl:grid-cols-[1.3fr_1fr_0.8fr_1.3fr_auto] xl:items-start">
          <div className="space-y-1">
            <label htmlFor="create-email" className="block text-sm font-medium text-slate-700">
              {t("create.email")}
            </label>
            <input type="email" autoComplete="off" className={inputClass} {...field("email")} {...register("email")} />
            {errors.email ? (
              <p id="create-email-error" className="text-sm text-red-700">
                {messages.field(errors.email.message)}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <label htmlFor="create-name" className="block text-sm font-medium text-slate-700">
              {t("create.name")}
            </label>
            <input type="text" autoComplete="off" className={inputClass} {...field("name")} {...register("name")} />
            {errors.name ? (
              <p id="create-name-error" className="text-sm text-red-700">
                {messages.field(errors.name.message)}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <label htmlFor="create-role" className="block text-sm font-medium text-slate-700">
              {t("create.role")}
            </label>
            <select id="create-role" className={inputClass} aria-describedby="create-role-hint" {...register("role")}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {tAuth(`roles.${role}`)}
                </option>
              ))}
            </select>
            <p id="create-role-hint" className="sr-only">
              {ROLES.map((role) => `${tAuth(`roles.${role}`)}: ${t(`roleDescriptions.${role}`)}`).join("; ")}
            </p>
          </div>
          <div className="space-y-1">
            <label htmlFor="create-password" className="block text-sm font-medium text-slate-700">
              {t("create.password")}
            </label>
            <div className="flex gap-2">
              <input type="text" autoComplete="new-password" spellCheck={false} className={`${inputClass} font-mono`} {...field("password")} {...register("password")} />
              <button
                type="button"
                onClick={() => setValue("password", generatePassword(), { shouldValidate: true })}
                className="h-10 shrink-0 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
              >
                {t("create.generate")}
              </button>
            </div>
            {errors.password ? (
              <p id="create-password-error" className="text-sm text-red-700">
                {messages.field(errors.password.message)}
              </p>
            ) : (
              <p id="create-password-hint" className="text-xs text-slate-500">
                {t("create.passwordHint", { min: PASSWORD_MIN })}
              </p>
            )}
          </div>
          <div className="md:col-span-2 xl:col-span-1 xl:pt-6">
            <button
              type="submit"
              className="w-full rounded-md bg-blue-700 px-4 py-2 font-medium whitespace-nowrap text-white shadow-sm hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-70 md:w-auto"
            >
              {isSubmitting ? t("create.submitting") : t("create.submit")}
            </button>
          </div>
        </fieldset>
        <p
          role="status"
          aria-live="polite"
          className={status ? `mt-3 text-sm ${status.kind === "ok" ? "text-green-800" : "text-red-700"}` : "sr-only"}
        >
          {status?.text}
        </p>
      </form>
    </section>
  );
}
