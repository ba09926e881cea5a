// What a market or rule-set change does to a partner, before it is saved (issue 11, part 3): the level
// before → after as of a day, the exam passes that stop counting (and why), and the revenue thresholds
// that change. Every figure comes from the engine, evaluated once with each setting. Pure.
import { evaluate } from "@/lib/competency/evaluate";
import type { IgnoredPassReason, Level, Market, PartnerFacts, RuleSetId } from "@/lib/competency/types";

export interface SettingsEffect {
  asOf: string;
  from: { market: Market; ruleSet: RuleSetId };
  to: { market: Market; ruleSet: RuleSetId };
  levelBefore: Level;
  levelAfter: Level;
  /** Passes that count with the current settings and do not with the new ones. */
  passesLost: { person: string; exam: string; reason: IgnoredPassReason | "not-needed" }[];
  /** Revenue thresholds (cents) per level, before and after, where they differ. */
  thresholds: { level: "silver" | "gold"; before: number; after: number }[];
  /** The new rule set states no threshold for the market: the developed one is used. */
  fallbackAfter: boolean;
}

export function settingsEffect(
  facts: PartnerFacts,
  from: { market: Market; ruleSet: RuleSetId },
  to: { market: Market; ruleSet: RuleSetId },
  asOf: string,
): SettingsEffect {
  const before = evaluate({ ...facts, market: from.market }, { asOf, ruleSet: from.ruleSet });
  const after = evaluate({ ...facts, market: to.market }, { asOf, ruleSet: to.ruleSet });
  const passesLost: SettingsEffect["passesLost"] = [];
  const afterById = new Map(after.individualsStatus.map((p) => [p.id, p]));
  for (const p of before.individualsStatus) {
    const a = afterById.get(p.id);
    for (const x of p.countingPasses) {
      if (a?.countingPasses.some((y) => y.exam === x.exam)) continue;
      const ignored = a?.ignoredPasses.find((y) => y.exam === x.exam);
      passesLost.push({ person: p.name, exam: x.exam, reason: ignored?.reason ?? "not-needed" });
    }
  }
  const thresholds: SettingsEffect["thresholds"] = [];
  for (const level of ["silver", "gold"] as const) {
    const b = before[level].revenue.thresholdCents;
    const c = after[level].revenue.thresholdCents;
    if (b !== c) thresholds.push({ level, before: b, after: c });
  }
  return {
    asOf,
    from,
    to,
    levelBefore: before.level,
    levelAfter: after.level,
    passesLost,
    thresholds,
    fallbackAfter: after.thresholdSource === "developed-fallback",
  };
}
