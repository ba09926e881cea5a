// One import row → a clean record, or the reasons it is refused (a message key per column). The checks
// are the fact forms' own (lib/validation/facts.ts): names, e-mails, business dates, money in the file's
// dialect, notes, exams of the partner's rule set. Dates may also be written as Excel writes them in the
// dialect's language (dd/mm/yyyy for ";", mm/dd/yyyy for ",").
import type { z } from "zod";
import { findExam, normaliseExamCode } from "@/lib/competency";
import type { AppLocale } from "@/lib/i18n/config";
import type { ImportKind, Product, RuleSetId } from "@/lib/vocabulary";
import { amount, businessDate, name, optionalBusinessDate, optionalEmail, optionalNote } from "@/lib/validation/facts";

/** Import-only refusal keys (under "import.reason"); the others are "validation" keys. */
export const IMPORT_REASONS = ["productUnknown", "examNotInRuleSet", "personAmbiguous", "customerAmbiguous", "duplicateStored", "duplicateInFile"] as const;
export type ImportReason = (typeof IMPORT_REASONS)[number];

export interface RowIssue {
  /** The field (the column), or null for the row as a whole. */
  field: string | null;
  key: string;
}

export interface RevenueRow {
  customer: string;
  product: Product;
  date: string;
  amountCents: number;
  note: string | null;
}
export interface CustomerRow {
  name: string;
  dporFrom: string | null;
  dporUntil: string | null;
}
export interface PersonRow {
  name: string;
  email: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}
export interface PassRow {
  person: string;
  email: string | null;
  exam: string;
  passedOn: string;
}
export type ImportRow = RevenueRow | CustomerRow | PersonRow | PassRow;

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** dd/mm/yyyy (pt-BR dialect) or mm/dd/yyyy (en dialect) → yyyy-mm-dd; anything else unchanged. */
export function isoDate(raw: string, dialect: AppLocale): string {
  const s = raw.trim();
  const m = SLASHED.exec(s);
  if (!m) return s;
  const [a, b] = [m[1]!.padStart(2, "0"), m[2]!.padStart(2, "0")];
  return dialect === "pt-BR" ? `${m[3]}-${b}-${a}` : `${m[3]}-${a}-${b}`;
}

const PRODUCT_WORDS: Record<string, Product> = {
  crmonline: "crm-online",
  d365plan1: "d365-plan1",
  dynamics365plan1: "d365-plan1",
  dynamics365plano1: "d365-plan1",
  dynamics365customerengagement: "d365-plan1",
  d365customerengagement: "d365-plan1",
  other: "other",
  outro: "other",
  outros: "other",
  othernotcounted: "other",
  outronaoconta: "other",
};
/** A product by its code or its name in either language ("CRM Online", "Dynamics 365 Plano 1", "Outro"). */
export function productOf(raw: string): Product | null {
  const k = raw
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return PRODUCT_WORDS[k] ?? null;
}

function check<T>(schema: z.ZodType<T>, raw: string | undefined, field: string, issues: RowIssue[]): T {
  const r = schema.safeParse(raw ?? "");
  if (r.success) return r.data;
  issues.push({ field, key: r.error.issues[0]?.message ?? "genericError" });
  return undefined as T;
}

const amounts = { "pt-BR": amount("pt-BR"), en: amount("en") } as const;

/** Validates one row's cells (field → text). */
export function validateRow(
  kind: ImportKind,
  cells: Record<string, string | undefined>,
  dialect: AppLocale,
  ruleSet: RuleSetId,
): { ok: true; row: ImportRow } | { ok: false; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const date = (f: string, required: boolean) =>
    check<string | null>(required ? businessDate : optionalBusinessDate, isoDate(cells[f] ?? "", dialect), f, issues);
  let row: ImportRow;
  switch (kind) {
    case "revenue": {
      const customer = check(name, cells.customer, "customer", issues);
      const product = productOf(cells.product ?? "");
      if (!product) issues.push({ field: "product", key: (cells.product ?? "").trim() === "" ? "productInvalid" : "productUnknown" });
      const d = date("date", true) as string;
      const amountCents = check(amounts[dialect], cells.amount, "amount", issues);
      const note = check(optionalNote, cells.note, "note", issues);
      row = { customer, product: product!, date: d, amountCents, note };
      break;
    }
    case "customers": {
      const n = check(name, cells.name, "name", issues);
      const dporFrom = date("dporFrom", false);
      const dporUntil = date("dporUntil", false);
      if (dporUntil && !dporFrom && !issues.some((i) => i.field === "dporFrom")) issues.push({ field: "dporUntil", key: "dporUntilWithoutFrom" });
      else if (dporUntil && dporFrom && dporUntil < dporFrom) issues.push({ field: "dporUntil", key: "dporUntilBeforeFrom" });
      row = { name: n, dporFrom, dporUntil };
      break;
    }
    case "people": {
      const n = check(name, cells.name, "name", issues);
      const email = check(optionalEmail, cells.email, "email", issues);
      const joinedOn = date("joinedOn", false);
      const leftOn = date("leftOn", false);
      if (joinedOn && leftOn && leftOn < joinedOn) issues.push({ field: "leftOn", key: "leftBeforeJoined" });
      row = { name: n, email, joinedOn, leftOn };
      break;
    }
    case "passes": {
      const person = check(name, cells.person, "person", issues);
      const email = check(optionalEmail, cells.email, "email", issues);
      const raw = (cells.exam ?? "").trim();
      let exam = "";
      if (raw === "") issues.push({ field: "exam", key: "examRequired" });
      else {
        const code = normaliseExamCode(raw);
        if (code === null) issues.push({ field: "exam", key: "examUnknown" });
        else if (!findExam(ruleSet, code)) issues.push({ field: "exam", key: "examNotInRuleSet" });
        exam = code ?? raw;
      }
      const passedOn = date("passedOn", true) as string;
      row = { person, email, exam, passedOn };
      break;
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, row };
}
