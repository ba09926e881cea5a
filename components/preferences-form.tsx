"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId, useRef } from "react";
import { savePreferencesAction } from "@/app/account/preferences/actions";
import { IDLE_STATE } from "@/lib/action-state";
import { Field, FormMessage, SubmitButton, useAnswerFocus, focusIn } from "@/components/form/kit";

/** The time zone times are shown in: the browser's (default) or one chosen from the list. */
export function PreferencesForm({ chosen, browser, zones, now }: { chosen: string | null; browser: string | null; zones: string[]; now: string }) {
  const t = useTranslations("preferences");
  const formId = useId();
  const [state, action, pending] = useActionState(savePreferencesAction, IDLE_STATE);
  const ref = useRef<HTMLFormElement>(null);
  useAnswerFocus(state, ref, () => focusIn(ref.current, '[data-testid="form-message"]'));
  const options = [
    { value: "", label: browser ? t("timeZoneAuto", { zone: browser }) : t("timeZoneAutoUnknown") },
    ...zones.map((z) => ({ value: z, label: z.replace(/_/g, " ") })),
  ];
  return (
    <form
      ref={ref}
      key={state.nonce}
      action={action}
      noValidate
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="preferences-form"
    >
      <Field
        formId={formId}
        name="timeZone"
        label={t("timeZone")}
        state={state}
        defaultValue={state.values?.timeZone ?? chosen ?? ""}
        options={options}
        hint={t("timeZoneHint", { now })}
      />
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("saving")} />
      <FormMessage state={state} />
    </form>
  );
}
