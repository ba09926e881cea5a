"use client";
import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { enrolTotpAction } from "@/app/account/two-factor/actions";
import { IDLE_STATE } from "@/lib/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/form/kit";

export function TwoFactorEnrol({ enabled, qr, secret }: { enabled: boolean; qr: string | null; secret: string | null }) {
  const t = useTranslations("mfa");
  const [state, action, pending] = useActionState(enrolTotpAction, IDLE_STATE);
  if (state.codes) {
    return (
      <div className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-4" data-testid="recovery-codes">
        <p role="status" className="font-medium">
          {t("enrolled")}
        </p>
        <p>{t("recoveryIntro")}</p>
        <ul className="grid grid-cols-2 gap-1 font-mono">
          {state.codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <Link href="/" className="inline-block rounded bg-blue-700 px-4 py-2 text-white">
          {t("continue")}
        </Link>
      </div>
    );
  }
  if (enabled || !qr || !secret) {
    return (
      <div className="space-y-3">
        <p>{t("alreadyOn")}</p>
        <Link href="/" className="text-blue-800 underline">
          {t("continue")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p>{t("enrolIntro")}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server; next/image adds nothing */}
      <img src={qr} alt={t("qrAlt")} width={220} height={220} className="border border-slate-200" />
      <p className="text-sm">
        {t("manualEntry")}{" "}
        <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1 font-mono">
          {secret}
        </code>
      </p>
      <form action={action} noValidate className="space-y-3">
        <FormMessage state={state} namespace="signIn" testId="form-error" />
        <Field
          id="code"
          name="code"
          label={t("code")}
          state={state}
          inputMode="numeric"
          autoComplete="one-time-code"
          namespace="mfa"
          refill={false}
          className="w-full rounded border border-slate-400 px-3 py-2 tracking-widest"
        />
        <SubmitButton pending={pending} label={t("enrolSubmit")} pendingLabel={t("verifying")} />
      </form>
    </div>
  );
}
