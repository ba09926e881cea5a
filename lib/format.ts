import type { AppLocale } from "./i18n/config";

/** Integer cents as an exact decimal string ("-1234.05"), so Intl formats it without float error. */
export function centsToDecimalString(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0");
  return `${sign}${whole}.${frac}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** US dollars, per locale: pt-BR "US$ 100.000,00", en "$100,000.00". */
export function formatMoney(cents: number, locale: AppLocale | string): string {
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
