// The level alone, on many dates: the facts are prepared once, then each date costs one pass over the
// revenue lines and a feasibility check of the slots. Gives exactly evaluate(facts, {asOf}).level
// (a property test checks this); used where a result is scanned over time (risk, history).
import { ttmWindow } from "./dates";
import { isDporOn, isMemberOn } from "./evaluate";
import { groupsMask } from "./matching";
import { DEFAULT_RULE_SET, getRuleSet, normaliseExamCode } from "./rules";
import type { Level, PartnerFacts, RuleSetId } from "./types";

/** Whether every slot (required-group masks) can get a distinct person, given how many people hold each group set. */
function canFillAll(slotMasks: readonly number[], typeCounts: number[], s = 0): boolean {
  if (s === slotMasks.length) return true;
  const need = slotMasks[s]!;
  for (let t = 0; t < 8; t++) {
    if (typeCounts[t]! > 0 && (t & need) === need) {
      typeCounts[t]!--;
      const ok = canFillAll(slotMasks, typeCounts, s + 1);
      typeCounts[t]!++;
      if (ok) return true;
    }
  }
  return false;
}

export function compileLevelScan(facts: PartnerFacts, ruleSet: RuleSetId = DEFAULT_RULE_SET): (date: string) => Level {
  const rs = getRuleSet(ruleSet);
  const thresholds = rs.thresholds[facts.market] ?? rs.thresholds.developed!;
  const lines = facts.revenue.filter((l) => rs.eligibleProducts.includes(l.product));
  const silverSlots = rs.slots.silver.map((s) => groupsMask(s.requires));
  const goldSlots = rs.slots.gold.map((s) => groupsMask(s.requires));
  const people = facts.individuals.map((ind) => ({
    ind,
    passes: ind.passes.flatMap((p) => {
      const code = normaliseExamCode(p.exam);
      const def = code === null ? undefined : rs.exams.find((e) => e.code === code);
      return def ? [{ passedOn: p.passedOn, bit: groupsMask([def.group]), acceptedUntil: def.acceptedUntil }] : [];
    }),
  }));

  return (date: string): Level => {
    const { from } = ttmWindow(date);
    const dpor = new Map<string, boolean>();
    let revenue = 0;
    for (const l of lines) {
      if (l.date < from || l.date > date) continue;
      let d = dpor.get(l.customerId);
      if (d === undefined) dpor.set(l.customerId, (d = isDporOn(facts.customers, l.customerId, date)));
      if (d) revenue += l.amountCents;
    }
    if (revenue < thresholds.silver) return "none";
    const typeCounts = [0, 0, 0, 0, 0, 0, 0, 0];
    for (const { ind, passes } of people) {
      if (!isMemberOn(ind, date)) continue;
      let mask = 0;
      for (const p of passes) if (p.passedOn <= date && (p.acceptedUntil === null || date <= p.acceptedUntil)) mask |= p.bit;
      typeCounts[mask]!++;
    }
    if (revenue >= thresholds.gold && canFillAll(goldSlots, typeCounts)) return "gold";
    return canFillAll(silverSlots, typeCounts) ? "silver" : "none";
  };
}
