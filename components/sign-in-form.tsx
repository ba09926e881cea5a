"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInAction } from "@/app/sign-in/actions";
import { IDLE_STATE } from "@/lib/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/form/kit";

const input = "w-full rounded border border-slate-400 px-3 py-2";

export function SignInForm() {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState(signInAction, IDLE_STATE);
  return (
    <form action={action} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <FormMessage state={state} namespace="signIn" testId="form-error" />
      <Field id="email" name="email" label={t("email")} state={state} type="email" autoComplete="username" namespace="signIn" className={input} />
      <Field
        id="password"
        name="password"
        label={t("password")}
        state={state}
        type="password"
        autoComplete="current-password"
        namespace="signIn"
        className={input}
        refill={false}
      />
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("pending")} wide />
    </form>
  );
}
