// The evaluation over time: the dates on which a result can change, how long a stored result stays
// true, the level history, and a short summary of one evaluation for lists.
import { addDays, assertDate, dayOf, fromDayNumber, leavesWindowDay, leavesWindowOn, packedOf, packedToDay } from "./dates";
import { DEFAULT_RULE_SET, getRuleSet } from "./rules";
import { LevelSweep } from "./sweep";
import type { Evaluation, Level, PartnerFacts, RuleSetId } from "./types";

/**
 * Every date on which evaluate() may give a different result than on the day before: a revenue line's
 * own date (it enters the window) and the day it leaves the window, DPOR starting and ending, people
 * joining and leaving, passes, and an exam's acceptance ending. Sorted, without duplicates.
 */
export function changeDates(facts: PartnerFacts, ruleSet: RuleSetId = DEFAULT_RULE_SET): string[] {
  const set = new Set<string>();
  const add = (d: string | null | undefined, what: string) => {
    if (d !== null && d !== undefined) set.add(assertDate(d, what));
  };
  for (const line of facts.revenue) {
    add(line.date, "revenue date");
    set.add(leavesWindowOn(line.date));
  }
  for (const c of facts.customers) {
    add(c.dporFrom, "dporFrom");
    if (c.dporUntil) set.add(addDays(assertDate(c.dporUntil, "dporUntil"), 1));
  }
  for (const ind of facts.individuals) {
    add(ind.joinedOn, "joinedOn");
    add(ind.leftOn, "leftOn");
    for (const p of ind.passes) add(p.passedOn, "passedOn");
  }
  for (const e of getRuleSet(ruleSet).exams) if (e.acceptedUntil) set.add(addDays(e.acceptedUntil, 1));
  return [...set].sort();
}

/**
 * The first date after asOf on which evaluate(facts, {asOf: t}) or projectRisk(facts, {asOf: t, horizonDays})
 * may differ from the result as of asOf; null when nothing recorded can ever change it. A result stored
 * for asOf holds for every t with asOf ≤ t < validUntil: no fact changes in between, and no drop date
 * enters the risk horizon.
 */
export function resultValidUntil(facts: PartnerFacts, options: { asOf: string; ruleSet?: RuleSetId; horizonDays: number }): string | null {
  const asOf = assertDate(options.asOf, "asOf");
  const ruleSet = options.ruleSet ?? DEFAULT_RULE_SET;
  const horizonEnd = addDays(asOf, options.horizonDays);
  // One pass over the facts: the first change date after asOf (see changeDates) and the first risk
  // candidate date after the horizon's end (see riskCandidateDates), with the same validation.
  const a = dayOf(asOf);
  const h = dayOf(horizonEnd);
  let next = Infinity;
  let farDrop = Infinity;
  const change = (d: number) => {
    if (d > a && d < next) next = d;
  };
  const drop = (d: number) => {
    if (d > h && d < farDrop) farDrop = d;
  };
  const opt = (d: string | null | undefined, what: string): number | null => (d !== null && d !== undefined ? dayOf(d, what) : null);
  for (const line of facts.revenue) {
    const p = packedOf(line.date, "revenue date");
    const day = packedToDay(p);
    const leaves = leavesWindowDay(p);
    change(day);
    change(leaves);
    drop(leaves);
    if (line.amountCents < 0) drop(day);
  }
  for (const c of facts.customers) {
    const from = opt(c.dporFrom, "dporFrom");
    if (from !== null) {
      change(from);
      drop(from);
    }
    if (c.dporUntil) {
      const end = dayOf(c.dporUntil, "dporUntil") + 1;
      if (c.dporUntil === "9999-12-31") addDays(c.dporUntil, 1); // throws, as changeDates does
      change(end);
      drop(end);
    }
  }
  for (const ind of facts.individuals) {
    const joined = opt(ind.joinedOn, "joinedOn");
    if (joined !== null) change(joined);
    const left = opt(ind.leftOn, "leftOn");
    if (left !== null) {
      change(left);
      drop(left);
    }
    for (const p of ind.passes) change(dayOf(p.passedOn, "passedOn"));
  }
  for (const e of getRuleSet(ruleSet).exams) {
    if (e.acceptedUntil) {
      const end = dayOf(e.acceptedUntil) + 1;
      change(end);
      drop(end);
    }
  }
  if (farDrop !== Infinity) {
    const entersHorizon = farDrop - options.horizonDays;
    fromDayNumber(entersHorizon); // validates as addDays(farDrop, -horizonDays) does
    if (entersHorizon < next) next = entersHorizon;
  }
  return next === Infinity ? null : fromDayNumber(next);
}

export interface LevelChange {
  /** The first day of the new level. */
  date: string;
  from: Level;
  to: Level;
  /** For a drop: which requirements of the level held before failed. For a rise: empty. */
  lost: ("revenue" | "exams")[];
}

/**
 * When the partner reached or lost Silver or Gold, from the recorded facts under one rule set, through
 * a date (inclusive). Before the first recorded fact the level is none.
 */
export function levelHistory(facts: PartnerFacts, options: { through: string; ruleSet?: RuleSetId }): LevelChange[] {
  const through = assertDate(options.through, "through");
  const ruleSet = options.ruleSet ?? DEFAULT_RULE_SET;
  const end = dayOf(through);
  const out: LevelChange[] = [];
  let prev: Level = "none";
  const sweep = new LevelSweep(facts, ruleSet);
  for (let day = sweep.nextDay(); day <= end; day = sweep.nextDay()) {
    sweep.advanceThrough(day);
    const level = sweep.level();
    if (level !== prev) {
      const lost: LevelChange["lost"] = [];
      if (prev !== "none" && (level === "none" || prev === "gold")) {
        if (!sweep.revenueMet(prev)) lost.push("revenue");
        if (!sweep.examsMet(prev)) lost.push("exams");
      }
      out.push({ date: fromDayNumber(day), from: prev, to: level, lost });
      prev = level;
    }
  }
  return out;
}

export interface EvaluationSummary {
  level: Level;
  /** The level above the current one; null at Gold. */
  nextLevel: "silver" | "gold" | null;
  /** As Evaluation.qualifyingRevenueCents: exact when a safe integer, else the nearest double. */
  qualifyingRevenueCents: number;
  /** The exact value as a decimal integer string (Evaluation.qualifyingRevenueCentsExact). */
  qualifyingRevenueCentsExact: string;
  /** Next level's revenue threshold and shortfall (Gold's at Gold, with no shortfall). */
  nextThresholdCents: number;
  nextShortfallCents: number;
  /** Shortfall as a share of the next threshold in basis points (1 % = 100), rounded up. */
  nextShortfallBasisPoints: number;
  /** Additional exam passes the cheapest plan needs for the next level (0 at Gold). */
  nextExamsNeeded: number;
  silverSlotsFilled: number;
  silverSlots: number;
  goldSlotsFilled: number;
  goldSlots: number;
}

/** What a portfolio row shows of one evaluation. */
export function summarize(e: Evaluation): EvaluationSummary {
  const nextLevel = e.level === "none" ? "silver" : e.level === "silver" ? "gold" : null;
  const target = e[nextLevel ?? "gold"];
  const shortfall = nextLevel ? target.revenue.shortfallCents : 0;
  const threshold = target.revenue.thresholdCents;
  const filled = (r: Evaluation["silver"]) => r.exams.slots.filter((s) => s.filledBy !== null).length;
  return {
    level: e.level,
    nextLevel,
    qualifyingRevenueCents: e.qualifyingRevenueCents,
    qualifyingRevenueCentsExact: e.qualifyingRevenueCentsExact,
    nextThresholdCents: threshold,
    nextShortfallCents: shortfall,
    nextShortfallBasisPoints: threshold > 0 ? Math.ceil((shortfall * 10000) / threshold) : 0,
    nextExamsNeeded: nextLevel ? target.plan.examsNeeded : 0,
    silverSlotsFilled: filled(e.silver),
    silverSlots: e.silver.exams.slots.length,
    goldSlotsFilled: filled(e.gold),
    goldSlots: e.gold.exams.slots.length,
  };
}
