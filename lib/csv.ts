import { stringify } from "csv-stringify/sync";
import type { AppLocale } from "@/lib/i18n/config";
import { centsToDecimalString, type Cents } from "@/lib/format";

// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents right), CRLF line ends,
// and the list separator people's spreadsheets expect in their language: ";" with a decimal comma in
// pt-BR, "," with a decimal point in en. Text cells that a spreadsheet would run as a formula are
// neutralised; numbers are written by us and are plain numbers.

/** A money amount (integer cents) or a whole number: written as a plain number in the locale's notation. */
export type CsvCell = string | null | { cents: Cents } | { int: number };

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a text that begins like a formula (=, +, -, @, tab, carriage return) with an apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
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
