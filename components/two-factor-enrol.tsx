"use client";
import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { enrolTotpAction, type EnrolState } from "@/app/account/two-factor/actions";

export function TwoFactorEnrol({ enabled, qr, secret }: { enabled: boolean; qr: string | null; secret: string | null }) {
  const t = useTranslations("mfa");
  const [state, action, pending] = useActionState<EnrolState, FormData>(enrolTotpAction, { nonce: 0 });
  if (state.codes) {
    return (
      <div className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-4" data-testid="recovery-codes">
        <p role="status" className="font-medium">{t("enrolled")}</p>
        <p>{t("recoveryIntro")}</p>
        <ul className="grid grid-cols-2 gap-1 font-mono">
          {state.codes.map((c) => <li key={c}>{c}</li>)}
        </ul>
        <Link href="/" className="inline-block rounded bg-blue-700 px-4 py-2 text-white">{t("continue")}</Link>
      </div>
    );
  }
  if (enabled || !qr || !secret) {
    return (
      <div className="space-y-3">
        <p>{t("alreadyOn")}</p>
        <Link href="/" className="text-blue-800 underline">{t("continue")}</Link>
      </div>
    );
  }
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p>{t("enrolIntro")}</p>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={qr} alt={t("qrAlt")} width={220} height={220} className="border border-slate-200" />
      <p className="text-sm">
        {t("manualEntry")} <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1 font-mono">{secret}</code>
      </p>
      <form action={action} noValidate className="space-y-3">
        <div>
          <label htmlFor="code" className="mb-1 block font-medium">{t("code")}</label>
          <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code"
            aria-invalid={state.error ? true : undefined} aria-describedby={state.error ? "code-error" : undefined}
            className="w-full rounded border border-slate-400 px-3 py-2 tracking-widest" />
          {state.error && <p id="code-error" role="alert" className="mt-1 text-sm text-red-700">{t(state.error, { seconds: state.seconds ?? 1 })}</p>}
        </div>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">
          {pending ? t("verifying") : t("enrolSubmit")}
        </button>
      </form>
    </div>
  );
}
