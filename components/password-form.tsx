"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePasswordAction, type PasswordState } from "@/app/account/password/actions";

const initial: PasswordState = { status: "idle", nonce: 0 };

export function PasswordForm() {
  const t = useTranslations("password");
  const tv = useTranslations("validation");
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  const err = (f: string) => (state.status === "error" ? state.fieldErrors?.[f] : undefined);
  const field = (name: "current" | "next" | "confirm", autoComplete: string, hint?: string) => (
    <div>
      <label htmlFor={`pw-${name}`} className="mb-1 block text-sm font-medium">{t(name)}</label>
      <input id={`pw-${name}`} name={name} type="password" autoComplete={autoComplete}
        aria-invalid={err(name) ? true : undefined}
        aria-describedby={[hint ? `pw-${name}-hint` : null, err(name) ? `pw-${name}-error` : null].filter(Boolean).join(" ") || undefined}
        className="w-full rounded border border-slate-400 bg-white px-2 py-1" />
      {hint && <p id={`pw-${name}-hint`} className="mt-0.5 text-xs text-slate-600">{hint}</p>}
      {err(name) && <p id={`pw-${name}-error`} className="mt-1 text-sm text-red-700">{tv(err(name)!)}</p>}
    </div>
  );
  return (
    <form key={state.nonce} action={action} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {field("current", "current-password")}
      {field("next", "new-password", t("nextHint"))}
      {field("confirm", "new-password")}
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? t("saving") : t("submit")}
      </button>
      {state.status !== "idle" && state.message && (
        <p role={state.status === "saved" ? "status" : "alert"} data-testid="form-message"
          className={`rounded p-2 text-sm ${state.status === "saved" ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
          {state.message === "throttled" ? t("throttled", { seconds: state.seconds ?? 1 }) : state.message === "saved" ? t("changed") : tv(state.message)}
        </p>
      )}
    </form>
  );
}
