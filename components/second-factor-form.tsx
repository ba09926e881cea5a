"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { verifySecondFactorAction, type SignInState } from "@/app/sign-in/actions";

export function SecondFactorForm() {
  const t = useTranslations("mfa");
  const tSign = useTranslations("signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(verifySecondFactorAction, {});
  const err = state.fieldErrors?.code;
  return (
    <form action={action} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {state.error && (
        <p role="alert" data-testid="form-error" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
          {tSign(state.error, { seconds: state.seconds ?? 0 })}
        </p>
      )}
      <div>
        <label htmlFor="code" className="mb-1 block font-medium">{t("code")}</label>
        <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required
          aria-invalid={err ? true : undefined} aria-describedby={err ? "code-error code-hint" : "code-hint"}
          className="w-full rounded border border-slate-400 px-3 py-2 tracking-widest" />
        <p id="code-hint" className="mt-1 text-sm text-slate-600">{t("codeHint")}</p>
        {err && <p id="code-error" className="mt-1 text-sm text-red-700">{t(err)}</p>}
      </div>
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? t("verifying") : t("verify")}
      </button>
    </form>
  );
}
