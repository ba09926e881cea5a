import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { ImportKind, Product } from "@/lib/vocabulary";
import { getDb, tx } from "./client";
import { writeAudit } from "./audit";
import { auditLog, imports, type ImportRecord } from "./schema";
import type { WriteScope } from "./facts";

// An import's write: every new customer, person, revenue line and exam pass of one file in ONE
// IMMEDIATE transaction with ONE audit row (entity "import", the file name and the counts), or nothing.
// The rows were validated and resolved against the stored data (lib/server/import.ts); the transaction
// first checks that nothing of the partner changed since (its latest audit row is the one the analysis
// saw), so what is stored is exactly what the preview showed.

/** A reference to a record: a stored id, or the index of a record this import creates. */
export type Ref = { id: number } | { created: number };

export interface ImportPlan {
  kind: ImportKind;
  fileName: string;
  rows: number;
  refused: number;
  duplicatesSkipped: number;
  customers: { name: string; dporFrom: string | null; dporUntil: string | null }[];
  people: { name: string; email: string | null; joinedOn: string | null; leftOn: string | null }[];
  revenue: { customer: Ref; product: Product; date: string; amountCents: number; note: string | null }[];
  passes: { person: Ref; exam: string; passedOn: string }[];
}

export type ImportCommit = { ok: true; record: ImportRecord } | { ok: false; error: "changed" | "empty" };

/** The id of the partner's latest audit row (0 when none): what an import's analysis saw. */
export function partnerAuditMark(partnerId: number): number {
  return (
    getDb()
      .select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)` })
      .from(auditLog)
      .where(eq(auditLog.partnerId, partnerId))
      .get()?.id ?? 0
  );
}

export function commitImport(scope: WriteScope, plan: ImportPlan, expectedMark: number): ImportCommit {
  return tx((db) => {
    if (partnerAuditMark(scope.partnerId) !== expectedMark) return { ok: false, error: "changed" };
    const records = plan.customers.length + plan.people.length + plan.revenue.length + plan.passes.length;
    if (records === 0) return { ok: false, error: "empty" };
    const c = db.$client;
    const pid = scope.partnerId;
    const insCustomer = c.prepare("insert into customers (partner_id, name, dpor_from, dpor_until) values (?, ?, ?, ?)");
    const insPerson = c.prepare("insert into individuals (partner_id, name, email, joined_on, left_on) values (?, ?, ?, ?, ?)");
    const insRevenue = c.prepare("insert into revenue_lines (partner_id, customer_id, product, date, amount_cents, note) values (?, ?, ?, ?, ?, ?)");
    const insPass = c.prepare("insert into exam_passes (partner_id, individual_id, exam, passed_on) values (?, ?, ?, ?)");
    const customerIds = plan.customers.map((x) => Number(insCustomer.run(pid, x.name, x.dporFrom, x.dporUntil).lastInsertRowid));
    const personIds = plan.people.map((x) => Number(insPerson.run(pid, x.name, x.email, x.joinedOn, x.leftOn).lastInsertRowid));
    const resolve = (r: Ref, created: number[]) => ("id" in r ? r.id : created[r.created]!);
    // Stored references were read for this partner; check them again here (a forged plan cannot reach another partner).
    const ownCustomer = c.prepare("select 1 from customers where id = ? and partner_id = ?").pluck();
    const ownPerson = c.prepare("select 1 from individuals where id = ? and partner_id = ?").pluck();
    const checked = new Set<string>();
    const own = (stmt: typeof ownCustomer, kind: string, id: number) => {
      const k = `${kind}${id}`;
      if (checked.has(k)) return;
      if (!stmt.get(id, pid)) throw new Error(`import: ${kind} ${id} is not the partner's`);
      checked.add(k);
    };
    for (const r of plan.revenue) {
      if ("id" in r.customer) own(ownCustomer, "c", r.customer.id);
      insRevenue.run(pid, resolve(r.customer, customerIds), r.product, r.date, r.amountCents, r.note);
    }
    for (const p of plan.passes) {
      if ("id" in p.person) own(ownPerson, "p", p.person.id);
      insPass.run(pid, resolve(p.person, personIds), p.exam, p.passedOn);
    }
    const imported =
      plan.kind === "revenue"
        ? plan.revenue.length
        : plan.kind === "passes"
          ? plan.passes.length
          : plan.kind === "customers"
            ? plan.customers.length
            : plan.people.length;
    const record = db
      .insert(imports)
      .values({
        partnerId: pid,
        actorId: scope.actorId,
        kind: plan.kind,
        fileName: plan.fileName,
        rows: plan.rows,
        imported,
        refused: plan.refused,
        duplicatesSkipped: plan.duplicatesSkipped,
        customersCreated: plan.kind === "customers" ? 0 : plan.customers.length,
        peopleCreated: plan.kind === "people" ? 0 : plan.people.length,
      })
      .returning()
      .get();
    writeAudit(db, { actorId: scope.actorId, partnerId: pid, entity: "import", entityId: record.id, action: "create", after: record });
    return { ok: true, record };
  });
}

/** A partner's latest imports, newest first, with who made them. */
export function listImports(partnerId: number, limit = 5): (ImportRecord & { actorName: string | null })[] {
  return getDb()
    .select({ imp: imports, actorName: sql<string | null>`(select name from users where users.id = ${imports.actorId})` })
    .from(imports)
    .where(and(eq(imports.partnerId, partnerId)))
    .orderBy(desc(imports.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r.imp, actorName: r.actorName }));
}
