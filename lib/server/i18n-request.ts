import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { loadMessages } from "@/lib/i18n/messages";
import {
  BROWSER_TIME_ZONE_COOKIE,
  DEFAULT_LOCALE,
  LOCALE_COOKIE,
  TIME_ZONE_COOKIE,
  isLocale,
  localeFromAcceptLanguage,
  type AppLocale,
} from "@/lib/i18n/config";
import { isTimeZone } from "@/lib/format";

export async function resolveLocale(): Promise<AppLocale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
}

/** Times are shown in the user's time zone: the one chosen in the preferences, else the browser's, else UTC. */
export async function resolveTimeZone(): Promise<{ timeZone: string; chosen: string | null; browser: string | null }> {
  const jar = await cookies();
  const chosen = jar.get(TIME_ZONE_COOKIE)?.value;
  const browser = jar.get(BROWSER_TIME_ZONE_COOKIE)?.value;
  const c = isTimeZone(chosen) ? chosen : null;
  const b = isTimeZone(browser) ? browser : null;
  return { timeZone: c ?? b ?? "UTC", chosen: c, browser: b };
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const [messages, { timeZone }] = await Promise.all([loadMessages(locale), resolveTimeZone()]);
  return { locale, messages, timeZone };
});
