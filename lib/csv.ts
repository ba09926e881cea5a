import { stringify } from "csv-stringify/sync";
import type { AppLocale } from "@/lib/i18n/config";
import { centsToDecimalString, type Cents } from "@/lib/format";

// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents right), CRLF line ends,
// and the list separator people's spreadsheets expect in their language: ";" with a decimal comma in
// pt-BR, "," with a decimal point in en. Text cells that a spreadsheet would run as a formula are
// neutralised; numbers are written by us and are plain numbers.

/** A money amount (integer cents) or a whole number: written as a plain number in the locale's notation. */
export type CsvCell = string | null | { cents: Cents } | { int: number };

// A spreadsheet runs a cell as a formula when it starts with = + - @ (or a tab or carriage return, which
// some strip first) — also after leading spaces or invisible characters, and in the full-width and small
// forms some spreadsheets fold to ASCII.
const LEADING_IGNORED = /^[\s\p{Cf}\p{Default_Ignorable_Code_Point}]*/u;
const FORMULA_CHARS = new Set(["=", "+", "-", "@", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20", "\uFE66", "\uFE62", "\uFE63", "\uFE6B", "\u2212"]);

/** True when a spreadsheet could read this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  if (/^[\t\r]/.test(text)) return true;
  const first = [...text.replace(LEADING_IGNORED, "")][0];
  return first !== undefined && FORMULA_CHARS.has(first);
}

/** Prefixes a text that a spreadsheet could run as a formula with an apostrophe; NUL never leaves as itself (U+FFFD instead). */
export function neutraliseFormula(text: string): string {
  const clean = text.replace(/\u0000/g, "\uFFFD");
  return looksLikeFormula(clean) ? `'${clean}` : clean;
}

export function csvDialect(locale: AppLocale): { delimiter: string; decimal: string } {
  return locale === "pt-BR" ? { delimiter: ";", decimal: "," } : { delimiter: ",", decimal: "." };
}

function cellText(c: CsvCell, decimal: string): string {
  if (c === null) return "";
  if (typeof c === "string") return neutraliseFormula(c);
  if ("cents" in c) return centsToDecimalString(c.cents).replace(".", decimal);
  return String(c.int);
}

export function toCsv(header: string[], rows: CsvCell[][], locale: AppLocale): string {
  const { delimiter, decimal } = csvDialect(locale);
  return stringify([header.map(neutraliseFormula), ...rows.map((r) => r.map((c) => cellText(c, decimal)))], {
    bom: true,
    delimiter,
    record_delimiter: "windows",
    quoted_match: /^\s|\s$/, // keep leading/trailing spaces visible and intact
  });
}

/** A download response for a CSV text. The file name is ASCII (letters, digits, dashes). */
export function csvResponse(csv: string, fileName: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
