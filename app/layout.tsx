import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { clientMessages } from "@/lib/i18n/messages";
import { SiteHeader } from "@/components/site-header";
import { getCurrentSession, getCurrentUser } from "@/lib/server/auth/session";
import { resolveTimeZone } from "@/lib/server/i18n-request";
import { TimeZoneSync } from "@/components/time-zone-sync";
import { Flash } from "@/components/flash";
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
  const [t, user, session, messages, tz, jar] = await Promise.all([
    getTranslations("nav"),
    getCurrentUser(),
    getCurrentSession(),
    getMessages(),
    resolveTimeZone(),
    cookies(),
  ]);
  const flash = jar.get(FLASH_COOKIE)?.value;
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        {/* Only the namespaces client components use go to the browser. */}
        <NextIntlClientProvider messages={clientMessages(messages)}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
            {t("skipToContent")}
          </a>
          <TimeZoneSync known={tz.browser} />
          <SiteHeader user={user} pending={!user && !!session?.mfaPending} counts={user ? await headerCounts(user) : null} />
          <main id="main" className="mx-auto max-w-6xl px-4 py-6">
            <Flash message={(FLASH_KEYS as readonly string[]).includes(flash ?? "") ? (flash as FlashKey) : null} />
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
