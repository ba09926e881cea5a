// Reading an import file: the bytes' encoding (UTF-8 with or without BOM, else Windows-1252, what Excel
// in pt-BR saves), the CSV dialect (";" with a decimal comma, or "," with a decimal point, told by the
// header row), and the records. Pure; never throws on bad input (answers a refusal key).
import { parse } from "csv-parse/sync";
import type { AppLocale } from "@/lib/i18n/config";

export type FileEncoding = "utf-8-bom" | "utf-8" | "windows-1252";
export type FileRefusal = "fileEmpty" | "fileNotCsv" | "fileXlsx" | "fileUtf16" | "fileUnreadable" | "fileTooManyRows" | "fileTooLarge";

export interface ReadFile {
  encoding: FileEncoding;
  /** The dialect: pt-BR is ";" with a decimal comma, en is "," with a decimal point. */
  dialect: AppLocale;
  headers: string[];
  rows: string[][];
  /** The file's line number of each row (the header is line 1), for messages. */
  lines: number[];
}

export function decode(bytes: Uint8Array): { text: string; encoding: FileEncoding } | { refusal: FileRefusal } {
  if (bytes.length === 0) return { refusal: "fileEmpty" };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { refusal: "fileXlsx" };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { refusal: "fileUtf16" };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3)), encoding: "utf-8-bom" };
    } catch {
      return { refusal: "fileUnreadable" };
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: Windows-1252 (every byte is a character there, so this always decodes).
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** ";" or "," as the header row uses it (outside quotes); a file with neither is one column, read as ",". */
export function detectDialect(text: string): AppLocale {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ";") semi++;
    else if (!quoted && c === ",") comma++;
  }
  return semi > comma ? "pt-BR" : "en";
}

/** Decodes and parses a file; `maxRows` data rows at most (the header row not counted). */
export function readImportFile(bytes: Uint8Array, maxRows: number): ReadFile | { refusal: FileRefusal } {
  const decoded = decode(bytes);
  if ("refusal" in decoded) return decoded;
  const text = decoded.text;
  if (text.includes("\u0000")) return { refusal: "fileNotCsv" };
  const dialect = detectDialect(text);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      info: true,
      delimiter: dialect === "pt-BR" ? ";" : ",",
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    return { refusal: "fileNotCsv" };
  }
  // Rows with nothing but empty cells (";;;" lines Excel leaves) are not rows.
  parsed = parsed.filter((r) => r.record.some((c) => c.trim() !== ""));
  if (parsed.length === 0) return { refusal: "fileEmpty" };
  if (parsed.length - 1 > maxRows) return { refusal: "fileTooManyRows" };
  const [head, ...rest] = parsed;
  return { encoding: decoded.encoding, dialect, headers: head!.record, rows: rest.map((r) => r.record), lines: rest.map((r) => r.info.lines) };
}
