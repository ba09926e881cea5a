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

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** US dollars, per locale: pt-BR "US$ 100.000,00", en "$100,000.00". */
export function formatMoney(cents: Cents, locale: AppLocale | string): string {
  let f = moneyFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(locale, f);
  }
  // Intl accepts exact decimal strings (Intl.NumberFormat v3).
  return f.format(centsToDecimalString(cents) as unknown as number);
}

/** A YYYY-MM-DD business date, per locale (no time zone shift). */
export function formatDate(isoDate: string, locale: AppLocale | string, style: "short" | "medium" | "long" = "medium"): string {
  const d = new Date(isoDate + "T00:00:00Z");
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(d);
}

export function formatNumber(n: number, locale: AppLocale | string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** Today's date as YYYY-MM-DD in the server's time zone (TZ), the default as-of date. */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
