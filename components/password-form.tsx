"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId, useRef } from "react";
import { changePasswordAction } from "@/app/account/password/actions";
import { IDLE_STATE } from "@/lib/action-state";
import { Field, FormMessage, SubmitButton, useAnswerFocus, focusIn } from "@/components/form/kit";

export function PasswordForm() {
  const t = useTranslations("password");
  const formId = useId();
  const [state, action, pending] = useActionState(changePasswordAction, IDLE_STATE);
  const ref = useRef<HTMLFormElement>(null);
  // After a change the confirmation is what matters: the focus goes to it, not back to an empty field.
  useAnswerFocus(state, ref, () => focusIn(ref.current, '[data-testid="form-message"]'));
  return (
    <form ref={ref} key={state.nonce} action={action} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <Field formId={formId} name="current" label={t("current")} state={state} type="password" autoComplete="current-password" />
      <Field formId={formId} name="next" label={t("next")} hint={t("nextHint")} state={state} type="password" autoComplete="new-password" />
      <Field formId={formId} name="confirm" label={t("confirm")} state={state} type="password" autoComplete="new-password" />
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("saving")} />
      <FormMessage state={state} okText={t("changed")} />
    </form>
  );
}
