// Money as people type it, per locale, into integer US cents — and back for edit forms.
// Only digit strings and integers are involved: no floats ever carry an amount.
import type { AppLocale } from "./i18n/config";

export type MoneyError = "moneyRequired" | "moneyInvalid" | "moneyFraction" | "moneyZero" | "moneyTooLarge";
export type MoneyParseResult = { ok: true; cents: number } | { ok: false; error: MoneyError };

/** The largest amount accepted on one line, in cents: US$ 1,000,000,000.00. */
export const MAX_MONEY_CENTS = 100_000_000_000;

/** Longer inputs are refused outright (the longest valid input is far shorter). */
const MAX_INPUT_LENGTH = 64;

const SEPARATORS: Readonly<Record<AppLocale, { decimal: string; group: string }>> = {
  "pt-BR": { decimal: ",", group: "." },
  en: { decimal: ".", group: "," },
};

function separatorsOf(locale: AppLocale): { decimal: string; group: string } {
  return SEPARATORS[locale] ?? SEPARATORS.en;
}

// [sign] [currency] [sign] number [currency]; spaces allowed between the parts, not inside the number.
const SHAPE = /^(-?)[ ]*(US\$|USD|\$)?[ ]*(-?)[ ]*([0-9.,]+)[ ]*(US\$|USD|\$)?$/i;

const fail = (error: MoneyError): MoneyParseResult => ({ ok: false, error });

/**
 * Parses an amount typed in the user's locale into integer cents.
 * pt-BR: "100.000,00", "100000,00", "1.234,5", "US$ 10", "-US$ 10,00", "(10,00)".
 * en: "100,000.00", "100000.00", "1,234.5", "$10", "-$10.00", "10 USD".
 * A leading "-" (before or after the currency) or surrounding parentheses make it negative.
 * Never throws.
 */
export function parseMoney(input: string, locale: AppLocale): MoneyParseResult {
  if (input === null || input === undefined) return fail("moneyRequired");
  if (typeof input !== "string") return fail("moneyInvalid");
  // Any Unicode space (nbsp, narrow nbsp, thin space…) counts as a space; typographic minus signs as "-".
  let s = input
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, " ")
    .replace(/[\u2212\u2012\u2013\uff0d\ufe63]/g, "-")
    .trim();
  if (s === "") return fail("moneyRequired");
  if (s.length > MAX_INPUT_LENGTH) return fail("moneyInvalid");

  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
    if (s === "") return fail("moneyInvalid");
  }
  const m = SHAPE.exec(s);
  if (!m) return fail("moneyInvalid");
  type Parts = [string, string, string | undefined, string, string, string | undefined];
  const [, signBefore, currencyBefore, signAfter, number, currencyAfter] = m as unknown as Parts;
  if (currencyBefore && currencyAfter) return fail("moneyInvalid");
  const signs = (signBefore ? 1 : 0) + (signAfter ? 1 : 0);
  if (signs > 1 || (signs === 1 && negative)) return fail("moneyInvalid");
  if (signs === 1) negative = true;

  const { decimal, group } = separatorsOf(locale);
  const parts = number.split(decimal);
  if (parts.length > 2) return fail("moneyInvalid");
  const intPart = parts[0]!;
  const fracPart = parts.length === 2 ? parts[1]! : null;

  let intDigits: string;
  if (intPart === "") {
    // ",50" / ".50": a fraction alone is fine, but something must be typed.
    if (fracPart === null || fracPart === "") return fail("moneyInvalid");
    intDigits = "0";
  } else if (intPart.includes(group)) {
    const groupRe = group === "." ? /^[1-9][0-9]{0,2}(\.[0-9]{3})+$/ : /^[1-9][0-9]{0,2}(,[0-9]{3})+$/;
    if (!groupRe.test(intPart)) return fail("moneyInvalid");
    intDigits = intPart.split(group).join("");
  } else {
    if (!/^[0-9]+$/.test(intPart)) return fail("moneyInvalid");
    intDigits = intPart;
  }

  let fracDigits = "00";
  if (fracPart !== null) {
    if (!/^[0-9]+$/.test(fracPart)) return fail("moneyInvalid");
    if (fracPart.length > 2) return fail("moneyFraction");
    fracDigits = fracPart.padEnd(2, "0");
  }

  const digits = (intDigits + fracDigits).replace(/^0+/, "");
  if (digits === "") return fail("moneyZero");
  // At most 12 digits fit the limit; Number() of an integer string that short is exact.
  if (digits.length > 12) return fail("moneyTooLarge");
  const cents = Number(digits);
  if (cents > MAX_MONEY_CENTS) return fail("moneyTooLarge");
  return { ok: true, cents: negative ? -cents : cents };
}

/** The value that prefills an amount field: pt-BR "100.000,00", en "100,000.00"; "-" for credits; no currency. */
export function formatMoneyInput(cents: number, locale: AppLocale): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${String(cents)}`);
  const { decimal, group } = separatorsOf(locale);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  const frac = String(abs % 100).padStart(2, "0");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${decimal}${frac}`;
}
