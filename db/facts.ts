import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { tx, type Db } from "./client";
import { writeAudit } from "./audit";
import { revenueColumns } from "./partners";
import {
  customers,
  examPasses,
  individuals,
  revenueLines,
  type CustomerRecord,
  type IndividualRecord,
  type PassRecord,
  type RevenueRecord,
  type ValuesOf,
} from "./schema";
import { PARTNER_LIMITS } from "@/lib/vocabulary";

/** Who is writing and for which partner. The caller has already been authorised for partnerId. */
export interface WriteScope {
  actorId: number;
  partnerId: number;
}

export type WriteError = "notFound" | "conflict" | "duplicatePass" | "customerHasRevenue" | "invalidReference" | LimitError;
export type LimitError = "limitRevenueLines" | "limitPeople" | "limitCustomers" | "limitPasses";
export type WriteResult<T> = { ok: true; row: T } | { ok: false; error: WriteError; current?: T };

export type CustomerValues = ValuesOf<CustomerRecord>;
export type RevenueValues = ValuesOf<RevenueRecord>;
export type IndividualValues = ValuesOf<IndividualRecord>;
export type PassValues = ValuesOf<PassRecord>;

// Each editable entity: its table, the columns the app shows and edits, and its audit name.
/* eslint-disable @typescript-eslint/no-explicit-any -- drizzle tables of four shapes share one generic writer */
interface Entity<V> {
  name: string;
  table: SQLiteTable & { id: any; partnerId: any; version: any };
  columns: Record<string, any>;
  /** The most rows of this kind one partner may have (PARTNER_LIMITS), and the refusal past it. */
  limit: { max: number; error: LimitError };
  /** Checks references (same partner) and uniqueness before a write; returns an error to refuse it. */
  check?: (db: Db, scope: WriteScope, values: V, id: number | null) => WriteError | null;
}

const customerEntity: Entity<CustomerValues> = {
  name: "customer",
  table: customers,
  limit: { max: PARTNER_LIMITS.customers, error: "limitCustomers" },
  columns: { id: customers.id, name: customers.name, dporFrom: customers.dporFrom, dporUntil: customers.dporUntil, version: customers.version },
};

const revenueEntity: Entity<RevenueValues> = {
  name: "revenue_line",
  table: revenueLines,
  limit: { max: PARTNER_LIMITS.revenueLines, error: "limitRevenueLines" },
  columns: revenueColumns,
  check: (db, scope, v) => (belongsToPartner(db, customers, v.customerId, scope.partnerId) ? null : "invalidReference"),
};

const individualEntity: Entity<IndividualValues> = {
  name: "individual",
  table: individuals,
  limit: { max: PARTNER_LIMITS.individuals, error: "limitPeople" },
  columns: {
    id: individuals.id,
    name: individuals.name,
    email: individuals.email,
    joinedOn: individuals.joinedOn,
    leftOn: individuals.leftOn,
    version: individuals.version,
  },
};

const passEntity: Entity<PassValues> = {
  name: "exam_pass",
  table: examPasses,
  limit: { max: PARTNER_LIMITS.examPasses, error: "limitPasses" },
  columns: { id: examPasses.id, individualId: examPasses.individualId, exam: examPasses.exam, passedOn: examPasses.passedOn, version: examPasses.version },
  check: (db, scope, v, id) => {
    if (!belongsToPartner(db, individuals, v.individualId, scope.partnerId)) return "invalidReference";
    const dup = db
      .select({ id: examPasses.id })
      .from(examPasses)
      .where(and(eq(examPasses.individualId, v.individualId), eq(examPasses.exam, v.exam)))
      .get();
    return dup && dup.id !== id ? "duplicatePass" : null;
  },
};

function belongsToPartner(db: Db, table: typeof customers | typeof individuals, id: number, partnerId: number): boolean {
  return !!db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.partnerId, partnerId)))
    .get();
}

function readRow<T>(db: Db, e: Entity<any>, scope: WriteScope, id: number): T | undefined {
  return db
    .select(e.columns)
    .from(e.table)
    .where(and(eq(e.table.id, id), eq(e.table.partnerId, scope.partnerId)))
    .get() as T | undefined;
}

function create<V extends object, T>(e: Entity<V>, scope: WriteScope, values: V): WriteResult<T> {
  return tx((db) => {
    // Inside the write transaction: two concurrent creates cannot both pass the last free place.
    const count = db
      .select({ n: sql<number>`count(*)` })
      .from(e.table)
      .where(eq(e.table.partnerId, scope.partnerId))
      .get()!.n;
    if (count >= e.limit.max) return { ok: false, error: e.limit.error };
    const refused = e.check?.(db, scope, values, null);
    if (refused) return { ok: false, error: refused };
    const row = (db.insert(e.table) as any)
      .values({ ...values, partnerId: scope.partnerId })
      .returning(e.columns)
      .get() as T;
    writeAudit(db, { actorId: scope.actorId, partnerId: scope.partnerId, entity: e.name, entityId: (row as any).id, action: "create", after: row });
    return { ok: true, row };
  });
}

/** Updates only when the stored version is the one the user edited; otherwise reports the current row. */
function update<V extends object, T>(e: Entity<V>, scope: WriteScope, id: number, version: number, values: V): WriteResult<T> {
  return tx((db) => {
    const before = readRow<T & { version: number }>(db, e, scope, id);
    if (!before) return { ok: false, error: "notFound" };
    if (before.version !== version) return { ok: false, error: "conflict", current: before };
    const refused = e.check?.(db, scope, values, id);
    if (refused) return { ok: false, error: refused };
    const row = (db.update(e.table) as any)
      .set({ ...values, version: sql`${e.table.version} + 1` })
      .where(and(eq(e.table.id, id), eq(e.table.partnerId, scope.partnerId), eq(e.table.version, version)))
      .returning(e.columns)
      .get() as T;
    writeAudit(db, { actorId: scope.actorId, partnerId: scope.partnerId, entity: e.name, entityId: id, action: "update", before, after: row });
    return { ok: true, row };
  });
}

function remove<T>(e: Entity<any>, scope: WriteScope, id: number, version: number, guard?: (db: Db) => WriteError | null): WriteResult<T> {
  return tx((db) => {
    const before = readRow<T & { version: number }>(db, e, scope, id);
    if (!before) return { ok: false, error: "notFound" };
    if (before.version !== version) return { ok: false, error: "conflict", current: before };
    const refused = guard?.(db);
    if (refused) return { ok: false, error: refused };
    db.delete(e.table)
      .where(and(eq(e.table.id, id), eq(e.table.partnerId, scope.partnerId), eq(e.table.version, version)))
      .run();
    writeAudit(db, { actorId: scope.actorId, partnerId: scope.partnerId, entity: e.name, entityId: id, action: "delete", before });
    return { ok: true, row: before };
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export const createCustomer = (s: WriteScope, v: CustomerValues) => create<CustomerValues, CustomerRecord>(customerEntity, s, v);
export const updateCustomer = (s: WriteScope, id: number, version: number, v: CustomerValues) =>
  update<CustomerValues, CustomerRecord>(customerEntity, s, id, version, v);
/** A customer with revenue lines is kept: its lines must go first, so no revenue disappears silently. */
export const deleteCustomer = (s: WriteScope, id: number, version: number) =>
  remove<CustomerRecord>(customerEntity, s, id, version, (db) =>
    db.select({ id: revenueLines.id }).from(revenueLines).where(eq(revenueLines.customerId, id)).get() ? "customerHasRevenue" : null,
  );

export const createRevenue = (s: WriteScope, v: RevenueValues) => create<RevenueValues, RevenueRecord>(revenueEntity, s, v);
export const updateRevenue = (s: WriteScope, id: number, version: number, v: RevenueValues) =>
  update<RevenueValues, RevenueRecord>(revenueEntity, s, id, version, v);
export const deleteRevenue = (s: WriteScope, id: number, version: number) => remove<RevenueRecord>(revenueEntity, s, id, version);

export const createIndividual = (s: WriteScope, v: IndividualValues) => create<IndividualValues, IndividualRecord>(individualEntity, s, v);
export const updateIndividual = (s: WriteScope, id: number, version: number, v: IndividualValues) =>
  update<IndividualValues, IndividualRecord>(individualEntity, s, id, version, v);
/** Deleting a person deletes their passes too (cascade); marking them as left keeps their history. */
export const deleteIndividual = (s: WriteScope, id: number, version: number) => remove<IndividualRecord>(individualEntity, s, id, version);

export const createPass = (s: WriteScope, v: PassValues) => create<PassValues, PassRecord>(passEntity, s, v);
export const updatePass = (s: WriteScope, id: number, version: number, v: PassValues) => update<PassValues, PassRecord>(passEntity, s, id, version, v);
export const deletePass = (s: WriteScope, id: number, version: number) => remove<PassRecord>(passEntity, s, id, version);
