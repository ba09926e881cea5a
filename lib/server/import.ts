import "server-only";
// Imports of a partner's facts from a file: the analysis (the preview) and the commit. The analysis
// reads the file (encoding, dialect, headers in either language), checks every row with the fact
// forms' own validators, resolves customers and people against the stored data (by name key / e-mail),
// flags duplicates against the stored data and within the file, and evaluates the level before and after.
// It yields to the event loop between slices of rows and reports progress; the commit re-runs the
// analysis and stores exactly its plan in one transaction (db/imports.ts), then refreshes the stored
// evaluation once.
import { createHash } from "node:crypto";
import { evaluate, normaliseExamCode, type PartnerFacts } from "@/lib/competency";
import { getPartnerData, type PartnerData } from "@/db/partners";
import { commitImport, partnerAuditMark, type ImportPlan, type Ref } from "@/db/imports";
import type { WriteScope } from "@/db/facts";
import type { ImportRecord } from "@/db/schema";
import { toFacts } from "@/db/partners";
import { IMPORT_COLUMNS, matchHeaders } from "@/lib/import/columns";
import { readImportFile, type FileEncoding, type FileRefusal } from "@/lib/import/read";
import { IMPORT_REASONS, validateRow, type CustomerRow, type PassRow, type PersonRow, type RevenueRow, type RowIssue } from "@/lib/import/rows";
import { emailKey, nameKey } from "@/lib/names";
import { todayIso } from "@/lib/format";
import type { AppLocale } from "@/lib/i18n/config";
import { IMPORT_MAX_ROWS, type ImportKind, type Level, type RuleSetId } from "@/lib/vocabulary";
import { afterPartnerWrite } from "./stored-evaluations";

/** At most this many row messages are listed (the counts cover every row). */
export const MAX_LISTED_ISSUES = 1000;
const MAX_LISTED_NAMES = 200;
const SLICE = 5000;

export interface ImportIssue {
  /** The file's line (the header is line 1). */
  row: number;
  /** The column's header as written in the file, or null for the whole row. */
  column: string | null;
  status: "refused" | "duplicate";
  /** A message key: under "import.reason" when `ns` is "import", else under "validation". */
  key: string;
  ns: "validation" | "import";
  /** For a duplicate within the file: the line it repeats. */
  of?: number;
}

export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  encoding: FileEncoding;
  dialect: AppLocale;
  ruleSet: RuleSetId;
  rows: number;
  /** Rows that will be stored. */
  toImport: number;
  refused: number;
  duplicates: number;
  includeDuplicates: boolean;
  issues: ImportIssue[];
  issuesTotal: number;
  newCustomers: string[];
  newCustomersTotal: number;
  newPeople: string[];
  newPeopleTotal: number;
  /** Exam codes of the file that the partner's rule set does not have. */
  notInRuleSet: string[];
  ignoredHeaders: string[];
  asOf: string;
  levelBefore: Level;
  levelAfter: Level;
  /** What the analysis saw of the partner (its latest audit row): the commit must see the same. */
  mark: number;
}

export type ImportRefusal = { refusal: FileRefusal } | { refusal: "columnsMissing"; missing: string[] } | { refusal: "notFound" };

export interface AnalyseInput {
  partnerId: number;
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  includeDuplicates: boolean;
  asOf?: string;
  /** Skip the level before → after (a commit already showed it in its preview). */
  skipLevels?: boolean;
  onProgress?: (done: number, total: number) => void;
}

const REASONS: ReadonlySet<string> = new Set(IMPORT_REASONS);
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

function revenueKey(customer: string, r: { product: string; date: string; amountCents: number }) {
  return `${customer}|${r.product}|${r.date}|${r.amountCents}`;
}

/** Reads, checks and resolves a file; the plan is what a commit stores. */
export async function analyseImport(input: AnalyseInput): Promise<ImportRefusal | { preview: ImportPreview; plan: ImportPlan }> {
  const file = readImportFile(input.bytes, IMPORT_MAX_ROWS);
  if ("refusal" in file) return file;
  const { columns, missing, ignored } = matchHeaders(input.kind, file.headers);
  if (missing.length) {
    const defs = IMPORT_COLUMNS[input.kind];
    return { refusal: "columnsMissing", missing: missing.map((f) => defs.find((d) => d.field === f)!.header[file.dialect]) };
  }
  const mark = partnerAuditMark(input.partnerId);
  const data = getPartnerData(input.partnerId);
  if (!data) return { refusal: "notFound" };
  const ruleSet = data.partner.ruleSet;
  const headerOf = (field: string | null) => (field === null || !(field in columns) ? null : (file.headers[columns[field]!] ?? null));

  const plan: ImportPlan = {
    kind: input.kind,
    fileName: input.fileName,
    rows: file.rows.length,
    refused: 0,
    duplicatesSkipped: 0,
    customers: [],
    people: [],
    revenue: [],
    passes: [],
  };
  const issues: ImportIssue[] = [];
  let issuesTotal = 0;
  let refused = 0;
  let duplicates = 0;
  const notInRuleSet = new Set<string>();
  const note = (i: ImportIssue) => {
    issuesTotal++;
    if (issues.length < MAX_LISTED_ISSUES) issues.push(i);
  };

  // Stored data, by the keys people compare.
  const storedCustomers = new Map<string, number[]>();
  for (const c of data.customers) {
    const k = nameKey(c.name);
    storedCustomers.set(k, [...(storedCustomers.get(k) ?? []), c.id]);
  }
  const storedByEmail = new Map<string, number>();
  const storedByName = new Map<string, { id: number; email: string | null }[]>();
  for (const p of data.individuals) {
    if (p.email) storedByEmail.set(emailKey(p.email), p.id);
    const k = nameKey(p.name);
    storedByName.set(k, [...(storedByName.get(k) ?? []), { id: p.id, email: p.email }]);
  }
  const storedRevenue = new Set(data.revenue.map((r) => revenueKey(`s${r.customerId}`, r)));
  const storedPasses = new Set(data.individuals.flatMap((p) => p.passes.map((x) => `s${p.id}|${x.exam}`)));

  // Within the file: what earlier rows created or stored, by key → line.
  const seen = new Map<string, number>();
  const newCustomerByKey = new Map<string, number>();
  const newPersonByKey = new Map<string, number>();
  const refKey = (r: Ref) => ("id" in r ? `s${r.id}` : `n${r.created}`);

  /** A duplicate: skipped, or stored anyway when asked (never for passes: one pass per person and exam). */
  const duplicate = (line: number, field: string | null, storedDup: boolean, of: number | undefined, canInclude: boolean): boolean => {
    duplicates++;
    note({ row: line, column: headerOf(field), status: "duplicate", key: storedDup ? "duplicateStored" : "duplicateInFile", ns: "import", of });
    return canInclude && input.includeDuplicates;
  };

  const total = file.rows.length;
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % SLICE === 0) {
      input.onProgress?.(i, total);
      await yieldNow();
    }
    const line = file.lines[i]!;
    const raw = file.rows[i]!;
    const cells: Record<string, string | undefined> = {};
    for (const [field, idx] of Object.entries(columns)) cells[field] = raw[idx];
    const v = validateRow(input.kind, cells, file.dialect, ruleSet);
    let rowIssues: RowIssue[] = v.ok ? [] : v.issues;
    if (!v.ok && input.kind === "passes")
      for (const x of v.issues) if (x.key === "examNotInRuleSet") notInRuleSet.add(normaliseExamCode(cells.exam ?? "") ?? (cells.exam ?? "").trim());

    if (v.ok) {
      switch (input.kind) {
        case "revenue": {
          const r = v.row as RevenueRow;
          const k = nameKey(r.customer);
          const stored = storedCustomers.get(k);
          let customer: Ref;
          if (stored && stored.length > 1) {
            rowIssues = [{ field: "customer", key: "customerAmbiguous" }];
            break;
          }
          if (stored) customer = { id: stored[0]! };
          else {
            let created = newCustomerByKey.get(k);
            if (created === undefined) {
              created = plan.customers.push({ name: r.customer, dporFrom: null, dporUntil: null }) - 1;
              newCustomerByKey.set(k, created);
            }
            customer = { created };
          }
          const key = revenueKey(refKey(customer), r);
          const storedDup = storedRevenue.has(key);
          const earlier = seen.get(key);
          if ((storedDup || earlier !== undefined) && !duplicate(line, null, storedDup, earlier, true)) continue;
          if (earlier === undefined) seen.set(key, line);
          plan.revenue.push({ customer, product: r.product, date: r.date, amountCents: r.amountCents, note: r.note });
          continue;
        }
        case "customers": {
          const c = v.row as CustomerRow;
          const k = nameKey(c.name);
          const storedDup = storedCustomers.has(k);
          const earlier = seen.get(k);
          if ((storedDup || earlier !== undefined) && !duplicate(line, "name", storedDup, earlier, true)) continue;
          if (earlier === undefined) seen.set(k, line);
          plan.customers.push(c);
          continue;
        }
        case "people": {
          const p = v.row as PersonRow;
          const k = p.email ? `e:${emailKey(p.email)}` : `n:${nameKey(p.name)}`;
          const storedDup = p.email ? storedByEmail.has(emailKey(p.email)) : storedByName.has(nameKey(p.name));
          const earlier = seen.get(k);
          if ((storedDup || earlier !== undefined) && !duplicate(line, p.email ? "email" : "name", storedDup, earlier, true)) continue;
          if (earlier === undefined) seen.set(k, line);
          plan.people.push(p);
          continue;
        }
        case "passes": {
          const x = v.row as PassRow;
          let person: Ref | null = null;
          const byEmail = x.email ? storedByEmail.get(emailKey(x.email)) : undefined;
          if (byEmail !== undefined) person = { id: byEmail };
          else {
            const sameName = (storedByName.get(nameKey(x.person)) ?? []).filter((s) => !x.email || !s.email || emailKey(s.email) === emailKey(x.email));
            if (sameName.length > 1) {
              rowIssues = [{ field: "person", key: "personAmbiguous" }];
              break;
            }
            if (sameName.length === 1) person = { id: sameName[0]!.id };
          }
          if (!person) {
            const pk = x.email ? `e:${emailKey(x.email)}` : `n:${nameKey(x.person)}`;
            let created = newPersonByKey.get(pk);
            if (created === undefined) {
              created = plan.people.push({ name: x.person, email: x.email, joinedOn: null, leftOn: null }) - 1;
              newPersonByKey.set(pk, created);
            }
            person = { created };
          }
          const key = `${refKey(person)}|${x.exam}`;
          const storedDup = storedPasses.has(key);
          const earlier = seen.get(key);
          if (storedDup || earlier !== undefined) {
            duplicate(line, "exam", storedDup, earlier, false);
            continue;
          }
          seen.set(key, line);
          plan.passes.push({ person, exam: x.exam, passedOn: x.passedOn });
          continue;
        }
      }
    }
    refused++;
    for (const issue of rowIssues) {
      note({ row: line, column: headerOf(issue.field), status: "refused", key: issue.key, ns: REASONS.has(issue.key) ? "import" : "validation" });
    }
  }
  input.onProgress?.(total, total);

  plan.refused = refused;
  const toImport =
    input.kind === "revenue"
      ? plan.revenue.length
      : input.kind === "passes"
        ? plan.passes.length
        : input.kind === "customers"
          ? plan.customers.length
          : plan.people.length;
  plan.duplicatesSkipped = total - refused - toImport;
  const asOf = input.asOf ?? todayIso();
  const before = input.skipLevels ? null : toFacts(data);
  const levelBefore = before ? evaluate(before, { asOf, ruleSet }).level : "none";
  const levelAfter = before ? evaluate(withPlan(before, plan), { asOf, ruleSet }).level : "none";
  const createdCustomers = input.kind === "customers" ? [] : plan.customers.map((c) => c.name);
  const createdPeople = input.kind === "people" ? [] : plan.people.map((p) => (p.email ? `${p.name} <${p.email}>` : p.name));
  return {
    plan,
    preview: {
      kind: input.kind,
      fileName: input.fileName,
      encoding: file.encoding,
      dialect: file.dialect,
      ruleSet,
      rows: total,
      toImport,
      refused,
      duplicates,
      includeDuplicates: input.includeDuplicates,
      issues,
      issuesTotal,
      newCustomers: createdCustomers.slice(0, MAX_LISTED_NAMES),
      newCustomersTotal: createdCustomers.length,
      newPeople: createdPeople.slice(0, MAX_LISTED_NAMES),
      newPeopleTotal: createdPeople.length,
      notInRuleSet: [...notInRuleSet].sort(),
      ignoredHeaders: ignored,
      asOf,
      levelBefore,
      levelAfter,
      mark,
    },
  };
}

/** The partner's facts with an import's plan added (new records get ids the stored ones cannot have). */
function withPlan(facts: PartnerFacts, plan: ImportPlan): PartnerFacts {
  const ref = (r: Ref, prefix: string) => ("id" in r ? String(r.id) : `${prefix}${r.created}`);
  const individuals = facts.individuals.map((p) => ({ ...p, passes: [...p.passes] }));
  const byId = new Map(individuals.map((p) => [p.id, p]));
  plan.people.forEach((p, i) => {
    const ind = { id: `new-p${i}`, name: p.name, joinedOn: p.joinedOn, leftOn: p.leftOn, passes: [] as { exam: string; passedOn: string }[] };
    individuals.push(ind);
    byId.set(ind.id, ind);
  });
  for (const x of plan.passes) byId.get(ref(x.person, "new-p"))?.passes.push({ exam: x.exam, passedOn: x.passedOn });
  return {
    market: facts.market,
    customers: [...facts.customers, ...plan.customers.map((c, i) => ({ id: `new-c${i}`, dporFrom: c.dporFrom, dporUntil: c.dporUntil }))],
    revenue: [
      ...facts.revenue,
      ...plan.revenue.map((r) => ({ customerId: ref(r.customer, "new-c"), product: r.product, date: r.date, amountCents: r.amountCents })),
    ],
    individuals,
  };
}

// The last previews' plans, so that an import right after its preview does not read the file twice. The
// client sends the file again with the commit; its hash, the caller, the partner and what the analysis
// saw must all match, else the analysis runs again (a restarted server simply re-analyses).
const PLAN_CACHE_SIZE = 4;
const PLAN_CACHE_MS = 15 * 60_000;
const planCache = new Map<string, { at: number; plan: ImportPlan; preview: ImportPreview }>();

function cacheKey(actorId: number, input: AnalyseInput): string {
  const hash = createHash("sha256").update(input.bytes).digest("hex");
  return [actorId, input.partnerId, input.kind, input.includeDuplicates ? 1 : 0, input.fileName, hash].join("|");
}

/** The preview of a file, remembered for the caller's commit. */
export async function previewImport(actorId: number, input: AnalyseInput): Promise<ImportRefusal | { preview: ImportPreview }> {
  const r = await analyseImport(input);
  if ("refusal" in r) return r;
  const now = Date.now();
  for (const [k, v] of planCache) if (now - v.at > PLAN_CACHE_MS) planCache.delete(k);
  while (planCache.size >= PLAN_CACHE_SIZE) planCache.delete(planCache.keys().next().value!);
  planCache.set(cacheKey(actorId, input), { at: now, plan: r.plan, preview: r.preview });
  return { preview: r.preview };
}

export type ImportOutcome =
  ImportRefusal | { refusal: "changed" | "nothingToImport"; preview?: ImportPreview } | { preview: ImportPreview; record: ImportRecord };

/**
 * Stores a file's rows as its preview showed them: the analysis runs again and must see the partner as
 * the preview did (`expectedMark`) and store as many rows (`expectedRows`); else nothing is stored.
 */
export async function runImport(
  scope: WriteScope,
  input: AnalyseInput,
  expected: { mark: number; rows: number },
  opts: { refresh?: boolean } = {},
): Promise<ImportOutcome> {
  const key = cacheKey(scope.actorId, input);
  const cached = planCache.get(key);
  planCache.delete(key);
  let analysed: { plan: ImportPlan; preview: ImportPreview } | ImportRefusal;
  if (cached && Date.now() - cached.at <= PLAN_CACHE_MS && cached.preview.mark === partnerAuditMark(input.partnerId)) {
    input.onProgress?.(cached.preview.rows, cached.preview.rows);
    analysed = cached;
  } else analysed = await analyseImport({ ...input, skipLevels: true });
  if ("refusal" in analysed) return analysed;
  const { preview, plan } = analysed;
  if (preview.mark !== expected.mark || preview.toImport !== expected.rows) return { refusal: "changed", preview };
  const r = commitImport(scope, plan, preview.mark);
  if (!r.ok) return { refusal: r.error === "empty" ? "nothingToImport" : "changed", preview };
  if (opts.refresh !== false) afterPartnerWrite(scope.partnerId);
  return { preview, record: r.record };
}

export type { PartnerData };
export { afterPartnerWrite as refreshAfterImport };
