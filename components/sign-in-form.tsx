"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInAction, type SignInState } from "@/app/sign-in/actions";

export function SignInForm() {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const emailErr = state.fieldErrors?.email;
  const pwErr = state.fieldErrors?.password;
  return (
    <form action={action} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {state.error && (
        <p role="alert" data-testid="form-error" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
          {t(state.error, { seconds: state.seconds ?? 0 })}
        </p>
      )}
      <div>
        <label htmlFor="email" className="mb-1 block font-medium">{t("email")}</label>
        <input
          id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email}
          aria-invalid={emailErr ? true : undefined} aria-describedby={emailErr ? "email-error" : undefined}
          className="w-full rounded border border-slate-400 px-3 py-2"
        />
        {emailErr && <p id="email-error" className="mt-1 text-sm text-red-700">{t(emailErr)}</p>}
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-medium">{t("password")}</label>
        <input
          id="password" name="password" type="password" autoComplete="current-password" required
          aria-invalid={pwErr ? true : undefined} aria-describedby={pwErr ? "password-error" : undefined}
          className="w-full rounded border border-slate-400 px-3 py-2"
        />
        {pwErr && <p id="password-error" className="mt-1 text-sm text-red-700">{t(pwErr)}</p>}
      </div>
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}
