export const LOCALES = ["pt-BR", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "pt-BR";
export const LOCALE_COOKIE = "locale";

export function isLocale(v: unknown): v is AppLocale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Picks a supported locale from an Accept-Language header (pt* → pt-BR, en* → en). */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: (tag ?? "").toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("pt")) return "pt-BR";
    if (tag.startsWith("en")) return "en";
  }
  return null;
}

/** A supported locale, or the default for anything else. */
export function asLocale(v: unknown): AppLocale {
  return isLocale(v) ? v : DEFAULT_LOCALE;
}

/** The time zone the user chose (a setting); absent means "follow the browser". */
export const TIME_ZONE_COOKIE = "tz";
/** The browser's own time zone, written by the page itself (components/time-zone-sync.tsx). */
export const BROWSER_TIME_ZONE_COOKIE = "tz-browser";
