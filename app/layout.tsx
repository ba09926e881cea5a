import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { getCurrentSession, getCurrentUser } from "@/lib/server/auth/session";
import { resolveTimeZone } from "@/lib/server/i18n-request";
import { TimeZoneSync } from "@/components/time-zone-sync";
import { Flash } from "@/components/flash";
import { ErrorStringsProvider } from "@/components/error-strings";
import { cookies } from "next/headers";
import { FLASH_COOKIE, FLASH_KEYS, type FlashKey } from "@/lib/action-state";
import { headerCounts } from "@/lib/server/header-counts";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: t("name"), description: t("tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const [t, tErrors, tFlash, user, session, tz, jar] = await Promise.all([
    getTranslations("nav"),
    getTranslations("errors"),
    getTranslations("flash"),
    getCurrentUser(),
    getCurrentSession(),
    resolveTimeZone(),
    cookies(),
  ]);
  const flash = jar.get(FLASH_COOKIE)?.value;
  const flashText = (FLASH_KEYS as readonly string[]).includes(flash ?? "") ? tFlash(flash as FlashKey) : null;
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        {/* No next-intl in the browser here: the routes whose client components translate have their
            own provider (components/i18n/client-intl.tsx); the error page gets its words as a context. */}
        <ErrorStringsProvider strings={{ title: tErrors("errorTitle"), body: tErrors("error"), retry: tErrors("retry") }}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
            {t("skipToContent")}
          </a>
          <TimeZoneSync known={tz.browser} />
          <SiteHeader user={user} pending={!user && !!session?.mfaPending} counts={user ? await headerCounts(user) : null} />
          <main id="main" className="mx-auto max-w-6xl px-4 py-6">
            <Flash text={flashText} />
            {children}
          </main>
        </ErrorStringsProvider>
      </body>
    </html>
  );
}
