"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { verifySecondFactorAction } from "@/app/sign-in/actions";
import { IDLE_STATE } from "@/lib/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/form/kit";

export function SecondFactorForm() {
  const t = useTranslations("mfa");
  const [state, action, pending] = useActionState(verifySecondFactorAction, IDLE_STATE);
  return (
    <form action={action} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <FormMessage state={state} namespace="signIn" testId="form-error" />
      <Field
        id="code"
        name="code"
        label={t("code")}
        hint={t("codeHint")}
        state={state}
        inputMode="numeric"
        autoComplete="one-time-code"
        namespace="mfa"
        refill={false}
        className="w-full rounded border border-slate-400 px-3 py-2 tracking-widest"
      />
      <SubmitButton pending={pending} label={t("verify")} pendingLabel={t("verifying")} wide />
    </form>
  );
}
