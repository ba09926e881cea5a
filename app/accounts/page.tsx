import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";
import { requireChannelManager } from "@/lib/server/auth/session";
import { listManagerAccounts } from "@/db/accounts";
import { MfaResetControls } from "@/components/loop/forms";

/** Channel managers' accounts: last sign-in, second factor, and resetting another's second factor (two managers). */
export default async function AccountsPage() {
  const me = await requireChannelManager();
  const [t, locale] = await Promise.all([getTranslations("accounts"), getLocale()]);
  const timeZone = await getTimeZone();
  const managers = listManagerAccounts();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("managersTitle")}</h1>
      <p className="text-slate-700">{t("managersIntro")}</p>
      <ul className="space-y-2" data-testid="manager-accounts">
        {managers.map((m) => (
          <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm" data-testid="manager-account" data-email={m.email}>
            <p>
              <span className="font-medium">{m.name}</span> &lt;{m.email}&gt;{m.disabled && <> · {t("disabled")}</>}
            </p>
            <p className="text-slate-700">
              {m.lastSignInAt ? t("lastSignIn", { when: formatDateTime(m.lastSignInAt, locale, timeZone) }) : t("neverSignedIn")}
              {" · "}
              <span data-testid="totp-state">{m.totpEnabled ? t("totpOn") : t("totpOff")}</span>
            </p>
            {m.pendingReset && (
              <p className="text-amber-900" data-testid="pending-reset">
                {t("pendingReset", { name: m.pendingReset.requestedByName, when: formatDateTime(m.pendingReset.requestedAt, locale, timeZone) })}
              </p>
            )}
            <div className="mt-1">
              <MfaResetControls
                userId={m.id}
                self={m.id === me.id}
                me={me.id}
                pending={m.pendingReset ? { id: m.pendingReset.id, requestedBy: m.pendingReset.requestedBy } : null}
              />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
