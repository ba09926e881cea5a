import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { PublicUser } from "@/db/users";
import { setLocaleAction, signOutAction } from "@/app/actions";
import { LOCALES } from "@/lib/i18n/config";

const LOCALE_LABEL: Record<string, string> = { "pt-BR": "Português", en: "English" };

/** The header: the app's name, the main link for the role, the language switch and the account links. */
export async function SiteHeader({ user, pending }: { user: PublicUser | null; pending: boolean }) {
  const [t, tApp, tRoles, locale] = await Promise.all([
    getTranslations("nav"),
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
              <Link href="/portfolio" className="underline-offset-4 hover:underline">{t("portfolio")}</Link>
            ) : (
              <Link href={`/partners/${user.partnerId}`} className="underline-offset-4 hover:underline">{t("myPartner")}</Link>
            )}
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
              <Link href="/account/password" className="text-blue-800 underline-offset-4 hover:underline">{t("changePassword")}</Link>
              <Link href="/account/preferences" className="text-blue-800 underline-offset-4 hover:underline">{t("preferences")}</Link>
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
