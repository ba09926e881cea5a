// Risk projection: the first date after as-of on which the level would drop.
import { addDays, assertDate, dayOf, fromDayNumber, leavesWindowOn, packedYmd, ttmWindow } from "./dates";
import { LEVEL_RANK, individualStatus, prepareRuleSet } from "./evaluate";
import { maxMatchingMasks } from "./matching";
import { CentsSum } from "./money";
import { DEFAULT_RULE_SET, getRuleSet } from "./rules";
import { LevelSweep } from "./sweep";
import type { IndividualStatus, Level, PartnerFacts, RuleSetId } from "./types";

export type RiskCause =
  | { kind: "revenue-leaves-window"; date: string; customerId: string; revenueId?: string; revenueDate: string; amountCents: number }
  | { kind: "dpor-ends"; date: string; customerId: string; amountCents: number }
  | { kind: "person-leaves"; date: string; individualId: string; name: string; slotIds: string[] }
  | { kind: "exam-acceptance-ends"; date: string; exam: string; individualIds: string[] }
  | { kind: "credit-enters-window"; date: string; customerId: string; revenueId?: string; amountCents: number }
  | { kind: "dpor-starts"; date: string; customerId: string; amountCents: number };

export interface RiskProjection {
  asOf: string;
  ruleSet: RuleSetId;
  horizonDays: number;
  /** Last date examined (asOf + horizonDays). */
  horizonTo: string;
  levelNow: Level;
  /** First date after asOf (within the horizon) on which the level is lower than levelNow; null if none. */
  atRiskOn: string | null;
  /** The level on atRiskOn (levelNow when not at risk). */
  levelThen: Level;
  /** Which requirements of levelNow fail on atRiskOn. */
  lost: ("revenue" | "exams")[];
  /**
   * What changed on atRiskOn compared with the day before that can lower the level, limited to the
   * lost requirements (revenue causes when revenue is lost, people/exam causes when exams are lost).
   */
  causes: RiskCause[];
}

/**
 * The candidate dates on which a level can drop: each revenue line leaving the window, each line's
 * own date (a credit entering), each leftOn, each dporFrom and dporUntil+1, each acceptedUntil+1.
 * Between candidates nothing can be lost (only gained), so evaluating at candidates is exact.
 */
export function riskCandidateDates(facts: PartnerFacts, ruleSet: RuleSetId, after: string, through: string): string[] {
  const set = new Set<string>();
  const add = (d: string | null | undefined) => {
    if (d && after < d && d <= through) set.add(d);
  };
  for (const line of facts.revenue) {
    add(leavesWindowOn(assertDate(line.date, "revenue date")));
    if (line.amountCents < 0) add(line.date);
  }
  for (const c of facts.customers) {
    if (c.dporUntil) add(addDays(assertDate(c.dporUntil, "dporUntil"), 1));
    if (c.dporFrom) add(c.dporFrom);
  }
  for (const ind of facts.individuals) add(ind.leftOn);
  for (const e of getRuleSet(ruleSet).exams) if (e.acceptedUntil) add(addDays(e.acceptedUntil, 1));
  return [...set].sort();
}

/** The customer ids for which the partner is DPOR on a date (packed), as evaluate() decides it. */
function dporSet(customers: PartnerFacts["customers"], p: number): Set<string> {
  const set = new Set<string>();
  for (const c of customers) {
    if (c.dporFrom === null || c.dporFrom === undefined) continue;
    const u = c.dporUntil === null || c.dporUntil === undefined ? -1 : packedYmd(c.dporUntil);
    if (packedYmd(c.dporFrom) <= p && (u < 0 || p <= u)) set.add(c.id);
  }
  return set;
}

/**
 * What changed on `date` compared with the day before that can lower the level: exactly what comparing
 * evaluate() on both days gives (revenue causes in line order, then DPOR ends and starts per customer,
 * then people leaving, then exam acceptance ending), computed without building the two evaluations.
 * Revenue causes only when `revenue`, people/exam causes only when `exams`. The facts are valid (the
 * sweep checked them).
 */
function causesOn(facts: PartnerFacts, ruleSet: RuleSetId, day: number, level: "silver" | "gold", revenue: boolean, exams: boolean): RiskCause[] {
  const date = fromDayNumber(day);
  const prevDate = fromDayNumber(day - 1);
  const rs = getRuleSet(ruleSet);
  const prep = prepareRuleSet(rs);
  const causes: RiskCause[] = [];
  if (revenue) {
    const p = packedYmd(date);
    const q = packedYmd(prevDate);
    const from = packedYmd(ttmWindow(date).from);
    const prevFrom = packedYmd(ttmWindow(prevDate).from);
    const dporNow = dporSet(facts.customers, p);
    const dporBefore = dporSet(facts.customers, q);
    const dporLost = new Map<string, CentsSum>();
    const dporGained = new Map<string, CentsSum>();
    const addTo = (m: Map<string, CentsSum>, k: string, x: number) => {
      let sum = m.get(k);
      if (!sum) m.set(k, (sum = new CentsSum()));
      sum.add(x);
    };
    for (const l of facts.revenue) {
      const a = l.amountCents;
      if (a === 0 || !prep.eligible.has(l.product)) continue; // never counted, or changes nothing
      const d = packedYmd(l.date);
      const inNow = from <= d && d <= p;
      const was = prevFrom <= d && d <= q && dporBefore.has(l.customerId);
      const now = inNow && dporNow.has(l.customerId);
      if (was && !now) {
        if (a < 0) continue; // a credit dropping out only raises revenue
        if (inNow)
          addTo(dporLost, l.customerId, a); // excluded as not-dpor
        else
          causes.push(
            l.id !== undefined
              ? { kind: "revenue-leaves-window", date, customerId: l.customerId, revenueId: l.id, revenueDate: l.date, amountCents: a }
              : { kind: "revenue-leaves-window", date, customerId: l.customerId, revenueDate: l.date, amountCents: a },
          );
      } else if (!was && now) {
        if (a > 0) continue; // new positive revenue only raises
        if (l.date === date)
          causes.push(
            l.id !== undefined
              ? { kind: "credit-enters-window", date, customerId: l.customerId, revenueId: l.id, amountCents: a }
              : { kind: "credit-enters-window", date, customerId: l.customerId, amountCents: a },
          );
        else addTo(dporGained, l.customerId, a);
      }
    }
    for (const [customerId, sum] of dporLost) causes.push({ kind: "dpor-ends", date, customerId, amountCents: sum.toNumber() });
    for (const [customerId, sum] of dporGained) causes.push({ kind: "dpor-starts", date, customerId, amountCents: sum.toNumber() });
  }
  if (exams) {
    const masks: number[] = [];
    const before = facts.individuals.map((ind) => individualStatus(ind, prep, prevDate, masks));
    const after = facts.individuals.map((ind) => individualStatus(ind, prep, date, []));
    // who filled the level's slots the day before (evaluate's maximum matching over active members)
    const pool: IndividualStatus[] = [];
    const poolMasks: number[] = [];
    before.forEach((b, i) => {
      if (b.active) {
        pool.push(b);
        poolMasks.push(masks[i]!);
      }
    });
    const slots = rs.slots[level];
    const matching = maxMatchingMasks(level === "gold" ? prep.goldReq : prep.silverReq, poolMasks);
    const slotIdsOf = (id: string) => slots.filter((_, i) => matching[i]! >= 0 && pool[matching[i]!]!.id === id).map((s) => s.id);
    before.forEach((b, i) => {
      const a = after[i]!;
      if (b.active && !a.active && b.countingGroups.length > 0)
        causes.push({ kind: "person-leaves", date, individualId: b.id, name: b.name, slotIds: slotIdsOf(b.id) });
    });
    const ended = new Map<string, string[]>();
    after.forEach((a, i) => {
      const b = before[i]!;
      if (!a.active || !b.active) return;
      for (const p of a.ignoredPasses) {
        if (p.reason !== "acceptance-ended") continue;
        if (!b.countingPasses.some((c) => c.exam === p.exam && c.passedOn === p.passedOn)) continue;
        const list = ended.get(p.exam) ?? [];
        if (!list.includes(a.id)) list.push(a.id);
        ended.set(p.exam, list);
      }
    });
    for (const [exam, individualIds] of ended) causes.push({ kind: "exam-acceptance-ends", date, exam, individualIds });
  }
  return causes;
}

/**
 * The first date after asOf, within the horizon, on which the level would be lower than as of asOf, with
 * what is lost and why. One sweep over the facts' events (sorted once); evaluate() runs only on the drop
 * date and the day before, to name the causes.
 */
export function projectRisk(facts: PartnerFacts, options: { asOf: string; ruleSet?: RuleSetId; horizonDays?: number }): RiskProjection {
  const asOf = assertDate(options.asOf, "asOf");
  const ruleSet = options.ruleSet ?? DEFAULT_RULE_SET;
  const horizonDays = options.horizonDays ?? 365;
  if (!Number.isInteger(horizonDays) || horizonDays < 0) throw new RangeError("horizonDays must be a non-negative integer");
  const horizonTo = addDays(asOf, horizonDays);
  const sweep = new LevelSweep(facts, ruleSet);
  const asOfDay = dayOf(asOf);
  const horizonDay = asOfDay + horizonDays;
  sweep.advanceThrough(asOfDay);
  const levelNow = sweep.level();
  const base = { asOf, ruleSet, horizonDays, horizonTo, levelNow };
  const rankNow = LEVEL_RANK[levelNow];
  if (rankNow > 0) {
    for (let day = sweep.nextDay(); day <= horizonDay; day = sweep.nextDay()) {
      sweep.advanceThrough(day);
      if (LEVEL_RANK[sweep.level()] < rankNow) {
        const lvl = levelNow === "gold" ? "gold" : "silver";
        const lost: ("revenue" | "exams")[] = [];
        if (!sweep.revenueMet(lvl)) lost.push("revenue");
        if (!sweep.examsMet(lvl)) lost.push("exams");
        const causes = causesOn(facts, ruleSet, day, lvl, lost.includes("revenue"), lost.includes("exams"));
        return { ...base, atRiskOn: fromDayNumber(day), levelThen: sweep.level(), lost, causes };
      }
    }
  }
  return { ...base, atRiskOn: null, levelThen: levelNow, lost: [], causes: [] };
}
