// The import file format: per kind of record, its columns, the header each language's template writes,
// and every header accepted when reading (both languages, with or without accents, any case). This is
// the file format's own vocabulary, declared once: the templates and the header matcher both read it.
import type { ImportKind } from "@/lib/vocabulary";
import type { AppLocale } from "@/lib/i18n/config";
import { nameKey } from "@/lib/names";

export interface ImportColumn {
  field: string;
  required: boolean;
  header: Record<AppLocale, string>;
  /** Further headers accepted (the template headers of both languages always are). */
  aliases: string[];
  /** An example value per language for the template's sample row. */
  example: Record<AppLocale, string>;
}

const col = (field: string, required: boolean, pt: string, en: string, aliases: string[], example: [string, string]): ImportColumn => ({
  field,
  required,
  header: { "pt-BR": pt, en },
  aliases,
  example: { "pt-BR": example[0], en: example[1] },
});

export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ImportColumn[]>> = {
  revenue: [
    col("customer", true, "Cliente", "Customer", ["nome do cliente", "customer name", "client"], ["Banco Sul", "Banco Sul"]),
    col("product", true, "Produto", "Product", [], ["CRM Online", "CRM Online"]),
    col("date", true, "Data da fatura", "Invoice date", ["data", "date", "data fatura", "invoice"], ["2026-03-15", "2026-03-15"]),
    col("amount", true, "Valor (US$)", "Amount (US$)", ["valor", "amount", "valor us$", "amount us$", "valor usd", "amount usd"], ["40.000,00", "40,000.00"]),
    col("note", false, "Nota", "Note", ["observacao", "observacoes", "notes", "nota (opcional)", "note (optional)"], ["", ""]),
  ],
  customers: [
    col("name", true, "Cliente", "Customer", ["nome", "name", "nome do cliente", "customer name"], ["Banco Sul", "Banco Sul"]),
    col("dporFrom", false, "DPOR desde", "DPOR from", ["dpor inicio", "dpor start"], ["2025-01-01", "2025-01-01"]),
    col("dporUntil", false, "DPOR até", "DPOR until", ["dpor fim", "dpor end", "dpor ate (ultimo dia)", "dpor until (last day)"], ["", ""]),
  ],
  people: [
    col("name", true, "Nome", "Name", ["pessoa", "person", "nome completo", "full name"], ["Davi Lima", "Davi Lima"]),
    col("email", false, "E-mail", "Email", ["email", "e-mail address", "email address", "endereco de e-mail"], ["davi@example.com", "davi@example.com"]),
    col("joinedOn", false, "Entrou em", "Joined on", ["entrada", "joined"], ["2024-02-01", "2024-02-01"]),
    col("leftOn", false, "Saiu em", "Left on", ["saida", "left"], ["", ""]),
  ],
  passes: [
    col("person", true, "Nome", "Name", ["pessoa", "person", "candidato", "candidate", "nome completo", "full name"], ["Davi Lima", "Davi Lima"]),
    col("email", false, "E-mail", "Email", ["email", "e-mail address", "email address"], ["davi@example.com", "davi@example.com"]),
    col("exam", true, "Exame", "Exam", ["codigo do exame", "exam code", "exam number", "prova"], ["MB2-712", "MB2-712"]),
    col("passedOn", true, "Aprovado em", "Passed on", ["data de aprovacao", "date passed", "passed", "data"], ["2026-03-01", "2026-03-01"]),
  ],
};

/** A header as compared: accents, case, spacing and punctuation around words ignored. */
export const headerKey = (h: string) =>
  nameKey(h.replace(/^\uFEFF/, ""))
    .replace(/[:*]+$/g, "")
    .trim();

/**
 * Maps a file's header row to the kind's fields: field → column index. Unknown headers are ignored
 * (reported); a required field without a column is missing.
 */
export function matchHeaders(kind: ImportKind, headers: string[]): { columns: Record<string, number>; missing: string[]; ignored: string[] } {
  const columns: Record<string, number> = {};
  const ignored: string[] = [];
  const defs = IMPORT_COLUMNS[kind];
  headers.forEach((h, i) => {
    const k = headerKey(h);
    if (k === "") return;
    const def = defs.find((d) => [d.header["pt-BR"], d.header.en, ...d.aliases].some((a) => headerKey(a) === k));
    if (def && !(def.field in columns)) columns[def.field] = i;
    else ignored.push(h);
  });
  const missing = defs.filter((d) => d.required && !(d.field in columns)).map((d) => d.field);
  return { columns, missing, ignored };
}
