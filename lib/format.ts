import type { AppLocale } from "./i18n/config";

/**
 * An amount in integer cents: a number while it is a safe integer, a bigint beyond 2^53 (a partner's
 * sum within the documented limits can pass 2^53 cents; SQLite's integer columns hold up to 2^63).
 */
export type Cents = number | bigint;

/** Integer cents as an exact decimal string ("-1234.05"), so Intl formats it without float error, at any size. */
export function centsToDecimalString(cents: Cents): string {
  if (typeof cents === "number" && !Number.isSafeInteger(cents)) {
    if (!Number.isInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
    cents = BigInt(cents); // a whole float beyond 2^53: write what it holds, exactly
  }
  const big = BigInt(cents);
  const sign = big < 0n ? "-" : "";
  const abs = big < 0n ? -big : big;
  const frac = String(abs % 100n).padStart(2, "0");
  return `${sign}${abs / 100n}.${frac}`;
}

/**
 * `make()` once per key, then the kept answer: building an Intl formatter costs more than formatting,
 * and a page formats hundreds of values. At most `limit` keys (locales and time zones come from requests).
 */
function kept<T>(cache: Map<string, T>, key: string, make: () => T, limit = 1000): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size < limit) cache.set(key, value);
  }
  return value;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** US dollars, per locale: pt-BR "US$ 100.000,00", en "$100,000.00". */
export function formatMoney(cents: Cents, locale: AppLocale | string): string {
  const f = kept(
    moneyFormats,
    locale,
    () => new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  );
  // Intl accepts exact decimal strings (Intl.NumberFormat v3).
  return f.format(centsToDecimalString(cents) as unknown as number);
}

/**
 * The locale Intl formats dates in. English dates are written day-first with the month as a word
 * ("1 Aug 2026"): American "8/1/26" and British "1/8/26" read differently, a month name never does.
 */
const dateLocale = (locale: AppLocale | string) => (locale === "en" ? "en-GB" : locale);

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, style: "short" | "medium", timeZone?: string): Intl.DateTimeFormat {
  return kept(dateFormats, `${locale}|${style}|${timeZone ?? ""}`, () => {
    // English "short" is the medium form too: numeric English dates are ambiguous.
    const dateStyle = style === "short" && locale !== "en-GB" ? "short" : "medium";
    // With a time: the same written date, the time and the zone's name (dateStyle cannot carry a zone name).
    return new Intl.DateTimeFormat(
      locale,
      timeZone
        ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }
        : { dateStyle, timeZone: "UTC" },
    );
  });
}

/**
 * A YYYY-MM-DD business date, per locale (no time zone shift). One style per place: "short" in table
 * cells (pt-BR 01/08/2026, en 1 Aug 2026), "medium" in sentences (1 de ago. de 2026, 1 Aug 2026), so a
 * sentence never mixes two styles. "long" is kept for callers and reads as "medium".
 */
export function formatDate(isoDate: string, locale: AppLocale | string, style: "short" | "medium" | "long" = "medium"): string {
  const d = new Date(isoDate + "T00:00:00Z");
  if (Number.isNaN(d.getTime())) return isoDate;
  return dateFormat(dateLocale(locale), style === "short" ? "short" : "medium").format(d);
}

/** An instant (ISO timestamp) in the user's time zone, with the zone's name ("1 Aug 2026, 18:33 BRT"). */
export function formatDateTime(instant: string | Date, locale: AppLocale | string, timeZone: string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return String(instant);
  return dateFormat(dateLocale(locale), "medium", isTimeZone(timeZone) ? timeZone : "UTC").format(d);
}

/** Whether Intl knows a time zone name ("America/Sao_Paulo", "UTC"). Answers are kept: a page asks many times. */
const zones = new Map<string, boolean>();
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || tz === "" || tz.length > 64) return false;
  return kept(zones, tz, () => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  });
}

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(n: number, locale: AppLocale | string): string {
  return kept(numberFormats, locale, () => new Intl.NumberFormat(locale)).format(n);
}

/** Today's date as YYYY-MM-DD in the server's time zone (TZ), the default as-of date. */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Today's date as YYYY-MM-DD in a time zone (the user's). */
export function todayIn(timeZone: string, now = new Date()): string {
  if (!isTimeZone(timeZone)) return todayIso(now);
  return kept(dayFormats, timeZone, () => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })).format(now);
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** A month ("2026-11") as "nov. de 2026" / "Nov 2026" (`withYear`), or just "nov" / "Nov". Formatters are kept: a chart asks 24 times. */
export function formatMonth(month: string, locale: AppLocale | string, withYear = true): string {
  const f = kept(
    monthFormats,
    `${locale}|${withYear}`,
    () => new Intl.DateTimeFormat(locale, withYear ? { month: "short", year: "numeric", timeZone: "UTC" } : { month: "short", timeZone: "UTC" }),
  );
  const label = f.format(new Date(`${month}-01T00:00:00Z`));
  return withYear ? label : label.replace(".", "");
}

const percentFormats = new Map<string, Intl.NumberFormat>();
/** A share (0.42) as a whole percentage ("42%"). */
export function formatPercent(share: number, locale: AppLocale | string): string {
  return kept(percentFormats, locale, () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 })).format(share);
}
