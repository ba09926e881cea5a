// What-if scenarios (issue 11, part 2): hypothetical facts laid over a partner's recorded ones, for the
// engine to evaluate in the browser. A scenario is plain data that lives in the URL (`?s=` JSON), so it
// can be shared and printed. Pure.
import { addDays } from "@/lib/competency/dates";
import { PRODUCTS, type PartnerFacts, type Product } from "@/lib/competency/types";

/** A person: a recorded one (their id) or the n-th hypothetical person of the scenario ("new:n"). */
export type PersonRef = number | `new:${number}`;

export type Hypothetical =
  | { k: "person"; name: string; joinedOn: string | null }
  | { k: "pass"; person: PersonRef; exam: string; passedOn: string }
  | { k: "revenue"; customerId: number; product: Product; date: string; amountCents: number }
  | { k: "leave"; person: number; on: string }
  | { k: "dporLoss"; customerId: number; on: string };

export interface Scenario {
  /** Another as-of date (null: the page's). */
  asOf: string | null;
  items: Hypothetical[];
}

export const EMPTY_SCENARIO: Scenario = { asOf: null, items: [] };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: unknown): v is string => typeof v === "string" && DATE.test(v);
const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;
const MAX_ITEMS = 100;

/** Reads a scenario from its URL form; anything malformed is dropped (a shared link never breaks the page). */
export function parseScenario(raw: string | null | undefined): Scenario {
  if (!raw) return EMPTY_SCENARIO;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return EMPTY_SCENARIO;
  }
  if (!v || typeof v !== "object") return EMPTY_SCENARIO;
  const o = v as { asOf?: unknown; items?: unknown };
  const items = (Array.isArray(o.items) ? o.items : []).slice(0, MAX_ITEMS).filter((h): h is Hypothetical => {
    if (!h || typeof h !== "object") return false;
    const x = h as Record<string, unknown>;
    switch (x.k) {
      case "person":
        return typeof x.name === "string" && x.name.trim() !== "" && x.name.length <= 200 && (x.joinedOn === null || isDate(x.joinedOn));
      case "pass":
        return (
          (isId(x.person) || (typeof x.person === "string" && /^new:\d{1,3}$/.test(x.person))) &&
          typeof x.exam === "string" &&
          x.exam.length <= 20 &&
          isDate(x.passedOn)
        );
      case "revenue":
        return (
          isId(x.customerId) &&
          (PRODUCTS as readonly string[]).includes(x.product as string) &&
          isDate(x.date) &&
          typeof x.amountCents === "number" &&
          Number.isSafeInteger(x.amountCents) &&
          Math.abs(x.amountCents) <= 100_000_000_000
        );
      case "leave":
        return isId(x.person) && isDate(x.on);
      case "dporLoss":
        return isId(x.customerId) && isDate(x.on);
      default:
        return false;
    }
  });
  return { asOf: isDate(o.asOf) ? o.asOf : null, items };
}

export const serialiseScenario = (s: Scenario) => JSON.stringify(s);

/** The id a hypothetical person has in the engine's facts. */
export const hypotheticalPersonId = (n: number) => `new:${n}`;

/** The recorded facts with the scenario's hypotheticals laid over them (the input is not changed). */
export function applyScenario(facts: PartnerFacts, s: Scenario): PartnerFacts {
  const people = facts.individuals.map((p) => ({ ...p, passes: [...p.passes] }));
  const customers = facts.customers.map((c) => ({ ...c }));
  const revenue = [...facts.revenue];
  let newPeople = 0;
  for (const h of s.items)
    if (h.k === "person") people.push({ id: hypotheticalPersonId(newPeople++), name: h.name, joinedOn: h.joinedOn, leftOn: null, passes: [] });
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const h of s.items) {
    switch (h.k) {
      case "pass":
        byId.get(String(h.person))?.passes.push({ exam: h.exam, passedOn: h.passedOn });
        break;
      case "revenue":
        revenue.push({ id: `hyp-${revenue.length}`, customerId: String(h.customerId), product: h.product, date: h.date, amountCents: h.amountCents });
        break;
      case "leave": {
        const p = byId.get(String(h.person));
        if (p && (!p.leftOn || p.leftOn > h.on)) p.leftOn = h.on;
        break;
      }
      case "dporLoss":
        for (const c of customers) {
          if (c.id !== String(h.customerId) || !c.dporFrom) continue;
          const until = addDays(h.on, -1);
          if (until < c.dporFrom)
            c.dporFrom = null; // lost before it began: never DPOR
          else if (!c.dporUntil || c.dporUntil > until) c.dporUntil = until;
        }
        break;
    }
  }
  return { market: facts.market, customers, revenue, individuals: people };
}

/**
 * A partner's facts as the what-if page sends them to the browser: the revenue lines column by column
 * (numeric ids as numbers, the product as its index in PRODUCTS). As objects, a reseller's 50,000 lines
 * made a 7 MB page. `unpackFacts(packFacts(f))` equals `f`.
 */
export interface PackedFacts {
  market: PartnerFacts["market"];
  customers: PartnerFacts["customers"];
  individuals: PartnerFacts["individuals"];
  revenue: { id: (number | string | null)[]; customerId: (number | string)[]; product: number[]; date: string[]; amountCents: number[] };
}

/** An id as a number when it reads back as the same string (most are), else as it is. */
const packId = (s: string): number | string => {
  const n = Number(s);
  return Number.isSafeInteger(n) && String(n) === s ? n : s;
};

export function packFacts(facts: PartnerFacts): PackedFacts {
  const lines = facts.revenue;
  const revenue: PackedFacts["revenue"] = { id: [], customerId: [], product: [], date: [], amountCents: [] };
  for (const l of lines) {
    revenue.id.push(l.id === undefined ? null : packId(l.id));
    revenue.customerId.push(packId(l.customerId));
    revenue.product.push(PRODUCTS.indexOf(l.product));
    revenue.date.push(l.date);
    revenue.amountCents.push(l.amountCents);
  }
  return { market: facts.market, customers: facts.customers, individuals: facts.individuals, revenue };
}

export function unpackFacts(packed: PackedFacts): PartnerFacts {
  const r = packed.revenue;
  const revenue: PartnerFacts["revenue"] = r.date.map((date, i) => {
    const line = { customerId: String(r.customerId[i]), product: PRODUCTS[r.product[i]!]!, date, amountCents: r.amountCents[i]! };
    const id = r.id[i];
    return id === null || id === undefined ? line : { id: String(id), ...line };
  });
  return { market: packed.market, customers: packed.customers, individuals: packed.individuals, revenue };
}
