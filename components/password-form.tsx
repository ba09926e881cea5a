"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { changePasswordAction, type PasswordState } from "@/app/account/password/actions";
import { Field } from "@/components/manage/form-bits";

const initial: PasswordState = { status: "idle", nonce: 0 };

export function PasswordForm() {
  const t = useTranslations("password");
  const tv = useTranslations("validation");
  const formId = useId();
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  return (
    <form key={state.nonce} action={action} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <Field formId={formId} name="current" label={t("current")} state={state} type="password" autoComplete="current-password" />
      <Field formId={formId} name="next" label={t("next")} hint={t("nextHint")} state={state} type="password" autoComplete="new-password" />
      <Field formId={formId} name="confirm" label={t("confirm")} state={state} type="password" autoComplete="new-password" />
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
