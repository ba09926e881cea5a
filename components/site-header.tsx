import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { PublicUser } from "@/db/users";
import { setLocaleAction, signOutAction } from "@/app/actions";
import { LOCALES } from "@/lib/i18n/config";
import type { HeaderCounts } from "@/lib/server/header-counts";

const LOCALE_LABEL: Record<string, string> = { "pt-BR": "Português", en: "English" };

/** The header: the app's name, the main link for the role, the language switch and the account links. */
export async function SiteHeader({ user, pending, counts }: { user: PublicUser | null; pending: boolean; counts: HeaderCounts | null }) {
  const [t, tLoop, tApp, tRoles, locale] = await Promise.all([
    getTranslations("nav"),
    getTranslations("loopNav"),
    getTranslations("app"),
    getTranslations("roles"),
    getLocale(),
  ]);
  const signOut = (
    <form action={signOutAction}>
      <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
        {t("signOut")}
      </button>
    </form>
  );
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-blue-800">
          {tApp("name")}
        </Link>
        {user && (
          <nav aria-label={t("main")} className="flex gap-3 text-sm">
            {user.role === "channel_manager" ? (
              <Link href="/portfolio" className="underline-offset-4 hover:underline">
                {t("portfolio")}
              </Link>
            ) : (
              <Link href={`/partners/${user.partnerId}`} className="underline-offset-4 hover:underline">
                {t("myPartner")}
              </Link>
            )}
            {counts && <HeaderLinks user={user} counts={counts} t={tLoop} />}
          </nav>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
          <form action={setLocaleAction} className="flex items-center gap-1" aria-label={t("language")}>
            <span className="text-slate-600">{t("language")}:</span>
            {LOCALES.map((l) => (
              <button
                key={l}
                type="submit"
                name="locale"
                value={l}
                lang={l}
                aria-pressed={l === locale}
                className={`rounded px-2 py-1 ${l === locale ? "bg-blue-700 text-white" : "text-blue-800 hover:bg-blue-50"}`}
              >
                {LOCALE_LABEL[l]}
              </button>
            ))}
          </form>
          {user && (
            <>
              <span className="text-slate-700">
                {t("signedInAs", { name: user.name })} · {tRoles(user.role)}
              </span>
              <Link href="/account/password" className="text-blue-800 underline-offset-4 hover:underline">
                {t("changePassword")}
              </Link>
              <Link href="/account/preferences" className="text-blue-800 underline-offset-4 hover:underline">
                {t("preferences")}
              </Link>
              {signOut}
            </>
          )}
          {/* A session still waiting for its second factor can only sign out. */}
          {pending && signOut}
        </div>
      </div>
    </header>
  );
}

const badge = "ml-1 inline-block min-w-5 rounded-full px-1.5 text-center text-xs font-semibold";

/** The review loop's links: review queue (with its count), notifications (unread count), audit log, accounts. */
function HeaderLinks({ user, counts, t }: { user: PublicUser; counts: HeaderCounts; t: (k: string, v?: Record<string, number>) => string }) {
  const link = "underline-offset-4 hover:underline";
  const manager = user.role === "channel_manager";
  return (
    <>
      {manager && (
        <Link
          href="/review-queue"
          className={link}
          data-testid="nav-queue"
          aria-label={counts.queue === null ? undefined : t("queueLabel", { count: counts.queue })}
        >
          {t("queue")}
          {counts.queue !== null && (
            <span className={`${badge} ${counts.queue ? "bg-amber-700 text-white" : "bg-slate-200 text-slate-700"}`} data-testid="queue-badge">
              {counts.queue}
            </span>
          )}
        </Link>
      )}
      <Link href="/notifications" className={link} data-testid="nav-notifications" aria-label={t("notificationsLabel", { count: counts.unread })}>
        {t("notifications")}
        {counts.unread > 0 && (
          <span className={`${badge} bg-red-600 text-white`} data-testid="unread-badge">
            {counts.unread}
          </span>
        )}
      </Link>
      <Link href={manager ? "/audit" : `/partners/${user.partnerId}/audit`} className={link}>
        {t("audit")}
      </Link>
      {manager && (
        <Link href="/accounts" className={link}>
          {t("accounts")}
        </Link>
      )}
    </>
  );
}
