// Risk projection: the first date after as-of on which the level would drop.
import { addDays, assertDate, dayOf, fromDayNumber, leavesWindowOn } from "./dates";
import { LEVEL_RANK, evaluate } from "./evaluate";
import { CentsSum } from "./money";
import { DEFAULT_RULE_SET, getRuleSet } from "./rules";
import { LevelSweep } from "./sweep";
import type { Evaluation, Level, PartnerFacts, RuleSetId } from "./types";

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

function diffCauses(before: Evaluation, after: Evaluation, facts: PartnerFacts, level: "silver" | "gold"): RiskCause[] {
  const date = after.asOf;
  const causes: RiskCause[] = [];
  const was = new Set(before.counted.map((c) => c.index));
  const now = new Set(after.counted.map((c) => c.index));
  const exclusion = new Map(after.excludedRevenue.map((x) => [x.index, x.reason]));
  const dporLost = new Map<string, CentsSum>();
  const dporGained = new Map<string, CentsSum>();
  const addTo = (m: Map<string, CentsSum>, k: string, x: number) => {
    let sum = m.get(k);
    if (!sum) m.set(k, (sum = new CentsSum()));
    sum.add(x);
  };
  facts.revenue.forEach((l, i) => {
    const id = l.id !== undefined ? { revenueId: l.id } : {};
    if (was.has(i) && !now.has(i)) {
      if (l.amountCents <= 0) return; // a credit dropping out only raises revenue
      if (exclusion.get(i) === "not-dpor") addTo(dporLost, l.customerId, l.amountCents);
      else causes.push({ kind: "revenue-leaves-window", date, customerId: l.customerId, ...id, revenueDate: l.date, amountCents: l.amountCents });
    } else if (!was.has(i) && now.has(i)) {
      if (l.amountCents >= 0) return; // new positive revenue only raises
      if (l.date === date) causes.push({ kind: "credit-enters-window", date, customerId: l.customerId, ...id, amountCents: l.amountCents });
      else addTo(dporGained, l.customerId, l.amountCents);
    }
  });
  for (const [customerId, sum] of dporLost) causes.push({ kind: "dpor-ends", date, customerId, amountCents: sum.toNumber() });
  for (const [customerId, sum] of dporGained) causes.push({ kind: "dpor-starts", date, customerId, amountCents: sum.toNumber() });

  // People
  const slotIdsOf = (id: string) =>
    before[level].exams.slots.filter((s) => s.filledBy === id).map((s) => s.id);
  before.individualsStatus.forEach((b, i) => {
    const a = after.individualsStatus[i];
    if (b.active && !a.active && b.countingGroups.length > 0) causes.push({ kind: "person-leaves", date, individualId: b.id, name: b.name, slotIds: slotIdsOf(b.id) });
  });
  const ended = new Map<string, string[]>();
  after.individualsStatus.forEach((a, i) => {
    const b = before.individualsStatus[i];
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
  return causes;
}

/**
 * The first date after asOf, within the horizon, on which the level would be lower than as of asOf, with
 * what is lost and why. One sweep over the facts' events (sorted once); evaluate() runs only on the drop
 * date and the day before, to name the causes.
 */
export function projectRisk(
  facts: PartnerFacts,
  options: { asOf: string; ruleSet?: RuleSetId; horizonDays?: number },
): RiskProjection {
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
        const d = fromDayNumber(day);
        const then = evaluate(facts, { asOf: d, ruleSet });
        const before = evaluate(facts, { asOf: fromDayNumber(day - 1), ruleSet });
        const lvl = levelNow === "gold" ? "gold" : "silver";
        const lr = then[lvl];
        const lost: ("revenue" | "exams")[] = [];
        if (!lr.revenue.met) lost.push("revenue");
        if (!lr.exams.met) lost.push("exams");
        const causes = diffCauses(before, then, facts, lvl).filter((c) =>
          c.kind === "person-leaves" || c.kind === "exam-acceptance-ends" ? lost.includes("exams") : lost.includes("revenue"),
        );
        return { ...base, atRiskOn: d, levelThen: then.level, lost, causes };
      }
    }
  }
  return { ...base, atRiskOn: null, levelThen: levelNow, lost: [], causes: [] };
}
