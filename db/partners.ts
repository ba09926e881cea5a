import "server-only";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { PartnerFacts } from "@/lib/competency";
import { distinctNames } from "@/lib/names";
import { getDb, preparedPerConnection } from "./client";
import {
  customers,
  examPasses,
  individuals,
  partners,
  revenueLines,
  type CustomerRecord,
  type IndividualRecord as IndividualRow,
  type Partner,
  type PassRecord,
  type RevenueRecord,
} from "./schema";

export type { CustomerRecord, Partner, PassRecord, RevenueRecord };

const partnerColumns = {
  id: partners.id,
  name: partners.name,
  msPartnerId: partners.msPartnerId,
  market: partners.market,
  ruleSet: partners.ruleSet,
  version: partners.version,
};

export function listPartners(): Partner[] {
  return getDb().select(partnerColumns).from(partners).orderBy(asc(partners.name), asc(partners.id)).all();
}

const partnerById = preparedPerConnection((db) =>
  db
    .select(partnerColumns)
    .from(partners)
    .where(eq(partners.id, sql.placeholder("id")))
    .prepare(),
);

export function getPartner(id: number): Partner | null {
  return partnerById().get({ id }) ?? null;
}

const stampRowOf = preparedPerConnection((db) =>
  db
    .select({ ...partnerColumns, factsVersion: partners.factsVersion })
    .from(partners)
    .where(eq(partners.id, sql.placeholder("id")))
    .prepare(),
);

/**
 * What a computation from a partner's data depends on, as one string: the partner's own row (its
 * settings' version) and its facts' version (migration 0009), which every write to its customers,
 * revenue, people or passes moves. Null when there is no such partner.
 */
export function partnerDataStamp(id: number): string | null {
  const r = stampRowOf().get({ id });
  return r ? JSON.stringify(r) : null;
}

/** A person with their exam passes. */
export type IndividualRecord = IndividualRow & { passes: PassRecord[] };

/** Everything recorded for one partner, as plain rows. */
export interface PartnerData {
  partner: Partner;
  customers: CustomerRecord[];
  revenue: RevenueRecord[];
  individuals: IndividualRecord[];
}

// A partner's every revenue line (up to PARTNER_LIMITS.revenueLines): read as arrays from one statement
// prepared once per connection, then made records — about twice as fast as the query builder's rows for a
// 50,000-line reseller, whose dashboard and evaluation read them all.
const revenueLinesOf = preparedPerConnection((db) =>
  db.$client.prepare("select id, customer_id, product, date, amount_cents, note, version from revenue_lines where partner_id = ? order by date, id").raw(true),
);
function allRevenueLines(partnerId: number): RevenueRecord[] {
  return (revenueLinesOf().all(partnerId) as [number, number, RevenueRecord["product"], string, number, string | null, number][]).map(
    ([id, customerId, product, date, amountCents, note, version]) => ({ id, customerId, product, date, amountCents, note, version }),
  );
}

/** A revenue line's columns as the app reads them (db/facts.ts writes and reads back the same). */
export const revenueColumns = {
  id: revenueLines.id,
  customerId: revenueLines.customerId,
  product: revenueLines.product,
  date: revenueLines.date,
  amountCents: revenueLines.amountCents,
  note: revenueLines.note,
  version: revenueLines.version,
};

/**
 * Everything recorded for one partner. `{ revenue: false }` leaves the revenue lines out (the data page
 * reads them a page at a time: a partner may have 200,000).
 */
export function getPartnerData(partnerId: number, options: { revenue?: boolean } = {}): PartnerData | null {
  const db = getDb();
  const partner = getPartner(partnerId);
  if (!partner) return null;
  const cs = db
    .select({ id: customers.id, name: customers.name, dporFrom: customers.dporFrom, dporUntil: customers.dporUntil, version: customers.version })
    .from(customers)
    .where(eq(customers.partnerId, partnerId))
    .orderBy(asc(customers.name), asc(customers.id))
    .all();
  const rev = options.revenue === false ? [] : allRevenueLines(partnerId);
  const people = db
    .select({
      id: individuals.id,
      name: individuals.name,
      email: individuals.email,
      joinedOn: individuals.joinedOn,
      leftOn: individuals.leftOn,
      version: individuals.version,
    })
    .from(individuals)
    .where(eq(individuals.partnerId, partnerId))
    .orderBy(asc(individuals.name), asc(individuals.id))
    .all();
  const passes = db
    .select({ id: examPasses.id, individualId: examPasses.individualId, exam: examPasses.exam, passedOn: examPasses.passedOn, version: examPasses.version })
    .from(examPasses)
    .where(eq(examPasses.partnerId, partnerId))
    .orderBy(asc(examPasses.passedOn), asc(examPasses.id))
    .all();
  const byPerson = new Map<number, PassRecord[]>();
  for (const p of passes) {
    const list = byPerson.get(p.individualId) ?? [];
    list.push(p);
    byPerson.set(p.individualId, list);
  }
  return {
    partner,
    customers: cs,
    revenue: rev,
    individuals: people.map((p) => ({ ...p, passes: byPerson.get(p.id) ?? [] })),
  };
}

/** How many revenue lines the partner has. */
export function countRevenueLines(partnerId: number): number {
  return getDb().select({ n: count() }).from(revenueLines).where(eq(revenueLines.partnerId, partnerId)).get()?.n ?? 0;
}

/** One page of a partner's revenue lines, newest first, and how many there are (`total`, when the caller has counted them). */
export function getRevenuePage(
  partnerId: number,
  offset: number,
  limit: number,
  total = countRevenueLines(partnerId),
): { lines: RevenueRecord[]; total: number } {
  const lines = getDb()
    .select(revenueColumns)
    .from(revenueLines)
    .where(eq(revenueLines.partnerId, partnerId))
    .orderBy(desc(revenueLines.date), desc(revenueLines.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { lines, total };
}

/** One revenue line of the partner (null when it is not the partner's). */
export function getRevenueLine(partnerId: number, id: number): RevenueRecord | null {
  return (
    getDb()
      .select(revenueColumns)
      .from(revenueLines)
      .where(and(eq(revenueLines.partnerId, partnerId), eq(revenueLines.id, id)))
      .get() ?? null
  );
}

/** The engine's input for a partner's recorded data. Ids become strings; two people of one name are told apart. */
export function toFacts(data: PartnerData): PartnerFacts {
  const label = distinctNames(data.individuals);
  return {
    market: data.partner.market,
    customers: data.customers.map((c) => ({ id: String(c.id), dporFrom: c.dporFrom, dporUntil: c.dporUntil })),
    revenue: data.revenue.map((r) => ({
      id: String(r.id),
      customerId: String(r.customerId),
      product: r.product,
      date: r.date,
      amountCents: r.amountCents,
    })),
    individuals: data.individuals.map((p) => ({
      id: String(p.id),
      name: label.get(p.id) ?? p.name,
      joinedOn: p.joinedOn,
      leftOn: p.leftOn,
      passes: p.passes.map((x) => ({ exam: x.exam, passedOn: x.passedOn })),
    })),
  };
}

/** A name as people compare names: no accents, no case, single spaces. */
const nameKey = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** Partners whose name is the same as `name` up to case, accents and spaces (to warn before a second one). */
export function partnersNamedLike(name: string): Pick<Partner, "id" | "name" | "msPartnerId">[] {
  const key = nameKey(name);
  return getDb()
    .select({ id: partners.id, name: partners.name, msPartnerId: partners.msPartnerId })
    .from(partners)
    .all()
    .filter((p) => nameKey(p.name) === key);
}
