"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { changePasswordAction } from "@/app/account/password/actions";
import { IDLE_STATE } from "@/lib/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/form/kit";

export function PasswordForm() {
  const t = useTranslations("password");
  const formId = useId();
  const [state, action, pending] = useActionState(changePasswordAction, IDLE_STATE);
  return (
    <form key={state.nonce} action={action} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <Field formId={formId} name="current" label={t("current")} state={state} type="password" autoComplete="current-password" />
      <Field formId={formId} name="next" label={t("next")} hint={t("nextHint")} state={state} type="password" autoComplete="new-password" />
      <Field formId={formId} name="confirm" label={t("confirm")} state={state} type="password" autoComplete="new-password" />
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("saving")} />
      <FormMessage state={state} okText={t("changed")} />
    </form>
  );
}
