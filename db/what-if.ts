import "server-only";
import { addDays } from "@/lib/competency";
import type { Hypothetical } from "@/lib/what-if";
import { tx } from "./client";
import * as facts from "./facts";
import type { WriteError, WriteResult, WriteScope } from "./facts";
import { getPartnerData } from "./partners";

class Refused extends Error {
  constructor(readonly error: WriteError) {
    super(error);
  }
}
const must = <T>(r: WriteResult<T>): T => {
  if (!r.ok) throw new Refused(r.error);
  return r.row;
};

/**
 * Stores a what-if scenario's chosen hypotheticals through the facts' own writes (each with its audit
 * row), all in one transaction: every one is stored, or none. A person leaving sets their "left on"; a
 * customer losing DPOR on a day ends its DPOR period the day before.
 */
export function applyHypotheticals(scope: WriteScope, items: Hypothetical[]): { ok: true; count: number } | { ok: false; error: WriteError } {
  try {
    return tx(() => {
      const data = getPartnerData(scope.partnerId);
      if (!data) throw new Refused("notFound");
      const created: number[] = [];
      for (const h of items) {
        if (h.k === "person") created.push(must(facts.createIndividual(scope, { name: h.name, email: null, joinedOn: h.joinedOn, leftOn: null })).id);
      }
      for (const h of items) {
        switch (h.k) {
          case "pass": {
            const individualId = typeof h.person === "number" ? h.person : created[Number(h.person.slice(4))];
            if (individualId === undefined) throw new Refused("invalidReference");
            must(facts.createPass(scope, { individualId, exam: h.exam, passedOn: h.passedOn }));
            break;
          }
          case "revenue":
            must(facts.createRevenue(scope, { customerId: h.customerId, product: h.product, date: h.date, amountCents: h.amountCents, note: null }));
            break;
          case "leave": {
            const p = data.individuals.find((x) => x.id === h.person);
            if (!p) throw new Refused("invalidReference");
            if (p.joinedOn && h.on < p.joinedOn) throw new Refused("invalidReference");
            must(facts.updateIndividual(scope, p.id, p.version, { name: p.name, email: p.email, joinedOn: p.joinedOn, leftOn: h.on }));
            break;
          }
          case "dporLoss": {
            const c = data.customers.find((x) => x.id === h.customerId);
            if (!c) throw new Refused("invalidReference");
            const until = addDays(h.on, -1);
            const values =
              !c.dporFrom || until < c.dporFrom
                ? { dporFrom: null, dporUntil: null }
                : { dporFrom: c.dporFrom, dporUntil: c.dporUntil && c.dporUntil < until ? c.dporUntil : until };
            must(facts.updateCustomer(scope, c.id, c.version, { name: c.name, ...values }));
            break;
          }
          case "person":
            break;
        }
      }
      return { ok: true as const, count: items.length };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, error: err.error };
    throw err;
  }
}
