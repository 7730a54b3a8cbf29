"use client";
// The sign-in form. It posts to better-auth's /api/auth/sign-in/email (so the rate limiters apply to
// the form exactly as to any other client) and shows one message for any wrong email/password pair.
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { lazyResolver, whenSchemaUnavailable } from "@/components/forms/lazy-resolver";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import type { Role } from "@/lib/auth/roles";
import type { TSignIn, TSignInInput } from "@/lib/auth/sign-in";

type Input = TSignInInput;
type Output = TSignIn;

// The schema (and zod with it) loads on the form's first focus or submit, not with the page.
const signInSchema = lazyResolver<Input, Output>(() => import("./login-form-resolver").then((module) => module.signInResolver));

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
}

type FormError = { key: "invalidCredentials" | "deactivated" | "network" | "failed" } | { key: "tooManyAttempts"; seconds: number };

async function signIn(values: Output): Promise<FormError | null> {
  let response: Response;
  try {
    response = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ email: values.email, password: values.password }),
    });
  } catch {
    return { key: "network" };
  }
  if (response.ok) return null;
  const body = (await response.json().catch(() => ({}))) as { code?: string };
  if (response.status === 429) {
    const seconds = Number(response.headers.get("X-Retry-After"));
    return { key: "tooManyAttempts", seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60 };
  }
  if (body.code === "BANNED_USER") return { key: "deactivated" };
  // Unknown email, wrong password, malformed email: the same words for all of them.
  if (response.status === 401 || response.status === 400) return { key: "invalidCredentials" };
  return { key: "failed" };
}

export function LoginForm({ next, demoAccounts, demoPassword }: { next: string; demoAccounts?: DemoAccount[]; demoPassword?: string }) {
  const t = useTranslations("auth");
  const errorId = useId();
  const [formError, setFormError] = useState<FormError | null>(null);
  const [showPassword, setShowPassword] = useState(false);
  const [navigating, setNavigating] = useState(false);
  const {
    register,
    handleSubmit,
    setValue,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({ resolver: signInSchema, defaultValues: { email: "", password: "" } });

  // After a refused sign-in, back to the (cleared) password field — once the fieldset is enabled again.
  useEffect(() => {
    if (formError && !isSubmitting) setFocus("password");
  }, [formError, isSubmitting, setFocus]);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const error = await signIn(values);
    if (error) {
      setFormError(error);
      setValue("password", "");
      return;
    }
    setNavigating(true);
    // A full navigation: the header, the menus and every server component re-render signed in.
    window.location.assign(next);
  });
  const onSubmit = whenSchemaUnavailable(submit, () => setFormError({ key: "network" }));

  const fieldMessage = (key: string | undefined) => (key ? (t.has(`errors.${key}`) ? t(`errors.${key}` as "errors.failed") : key) : null);
  const busy = isSubmitting || navigating;

  return (
    <div className="space-y-6">
      <form
        method="post"
        onSubmit={onSubmit}
        onFocus={signInSchema.preload}
        noValidate
        aria-describedby={formError ? errorId : undefined}
        className="space-y-4"
      >
        {/* Before hydration the form has no handler: a native submission would put the password in the URL. */}
        <HydratedFieldset disabled={busy} className="space-y-4">
          <div
            id={errorId}
            role="alert"
            aria-live="assertive"
            className={formError ? "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" : "sr-only"}
          >
            {formError
              ? formError.key === "tooManyAttempts"
                ? t("errors.tooManyAttempts", { seconds: formError.seconds })
                : t(`errors.${formError.key}`)
              : null}
          </div>
          <div className="space-y-1">
            <label htmlFor="login-email" className="block text-sm font-medium text-slate-700">
              {t("login.email")}
            </label>
            <input
              id="login-email"
              type="email"
              autoComplete="username"
              inputMode="email"
              autoFocus
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "login-email-error" : undefined}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-blue-600 focus:outline-2 focus:outline-blue-600 aria-invalid:border-red-500"
              {...register("email")}
            />
            {errors.email ? (
              <p id="login-email-error" className="text-sm text-red-700">
                {fieldMessage(errors.email.message)}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <label htmlFor="login-password" className="block text-sm font-medium text-slate-700">
              {t("login.password")}
            </label>
            <div className="flex gap-2">
              <input
                id="login-password"
                type={showPassword ? "text" : "password"}
                autoComplete="current-password"
                aria-invalid={errors.password ? true : undefined}
                aria-describedby={errors.password ? "login-password-error" : undefined}
                className="block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-blue-600 focus:outline-2 focus:outline-blue-600 aria-invalid:border-red-500"
                {...register("password")}
              />
              <button
                type="button"
                onClick={() => setShowPassword((shown) => !shown)}
                aria-pressed={showPassword}
                aria-controls="login-password"
                className="shrink-0 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
              >
                {showPassword ? t("login.hidePassword") : t("login.showPassword")}
              </button>
            </div>
            {errors.password ? (
              <p id="login-password-error" className="text-sm text-red-700">
                {fieldMessage(errors.password.message)}
              </p>
            ) : null}
          </div>
          <button
            type="submit"
            className="w-full rounded-md bg-blue-700 px-4 py-2 font-medium text-white shadow-sm hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-wait disabled:opacity-70"
          >
            {busy ? t("login.submitting") : t("login.submit")}
          </button>
        </HydratedFieldset>
      </form>

      {demoAccounts && demoAccounts.length > 0 && demoPassword ? (
        <section aria-labelledby="demo-accounts-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <h2 id="demo-accounts-title" className="font-semibold">
            {t("demo.title")}
          </h2>
          <p className="mt-1">
            {t("demo.hint")} <code className="rounded bg-white px-1.5 py-0.5 font-mono text-amber-950 ring-1 ring-amber-300">{demoPassword}</code>
          </p>
          <ul className="mt-3 divide-y divide-amber-200">
            {demoAccounts.map((account) => (
              <li key={account.email} className="flex items-center gap-3 py-2">
                <div className="min-w-0">
                  <p className="flex items-center gap-2">
                    <span className="font-medium">{account.name}</span>
                    <span className="rounded-full bg-white px-2 py-0.5 text-xs ring-1 ring-amber-300">{t(`roles.${account.role}`)}</span>
                  </p>
                  <code className="block truncate font-mono text-xs">{account.email}</code>
                </div>
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t("demo.use", { name: account.name })}
                  onClick={() => {
                    setValue("email", account.email, { shouldValidate: false });
                    setValue("password", demoPassword, { shouldValidate: false });
                    setFormError(null);
                    setFocus("password");
                  }}
                  className="ml-auto shrink-0 rounded-md border border-amber-400 bg-white px-2.5 py-1 text-xs font-medium hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-700"
                >
                  {t("demo.useShort")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
