import "server-only";
import { evaluate, projectRisk, resultValidUntil, summarize } from "@/lib/competency";
import { toFacts, type PartnerData } from "@/db/partners";
import { partnersWithStaleEvaluation, recomputeStoredEvaluation, type StoredEvaluation } from "@/db/portfolio";
import { todayIso } from "@/lib/format";
import { RISK_HORIZON_DAYS } from "@/lib/vocabulary";


/** What the portfolio stores of one partner's evaluation as of a day; every figure comes from the engine. */
export function storedEvaluationOf(data: PartnerData, asOf: string): StoredEvaluation {
  const facts = toFacts(data);
  const ruleSet = data.partner.ruleSet;
  const e = evaluate(facts, { asOf, ruleSet });
  const s = summarize(e);
  const risk = projectRisk(facts, { asOf, ruleSet, horizonDays: RISK_HORIZON_DAYS });
  return {
    asOf,
    validUntil: resultValidUntil(facts, { asOf, ruleSet, horizonDays: RISK_HORIZON_DAYS }),
    ruleSet,
    level: s.level,
    qualifyingRevenueCents: s.qualifyingRevenueCents,
    nextLevel: s.nextLevel,
    nextThresholdCents: s.nextThresholdCents,
    nextShortfallCents: s.nextShortfallCents,
    nextShortfallBp: s.nextShortfallBasisPoints,
    nextExamsNeeded: s.nextExamsNeeded,
    silverSlotsFilled: s.silverSlotsFilled,
    silverSlots: s.silverSlots,
    goldSlotsFilled: s.goldSlotsFilled,
    goldSlots: s.goldSlots,
    atRiskOn: risk.atRiskOn,
    levelAtRisk: risk.atRiskOn ? risk.levelThen : null,
  };
}

/** Recomputes and stores one partner's evaluation as of today. */
export function refreshPartnerEvaluation(partnerId: number, today = todayIso()): StoredEvaluation | null {
  return recomputeStoredEvaluation(partnerId, (data) => storedEvaluationOf(data, today));
}

/**
 * Recomputes every stored evaluation that does not hold today: missing ones (facts changed: the
 * triggers of migration 0003 delete the row) and those whose valid-until date has come. Returns how many.
 */
export function refreshStaleEvaluations(today = todayIso()): number {
  const ids = partnersWithStaleEvaluation(today);
  for (const id of ids) refreshPartnerEvaluation(id, today);
  return ids.length;
}

/**
 * Runs after every successful write to a partner's facts or settings. The write's own transaction has
 * already dropped the stored evaluation (triggers); this stores the new one so the portfolio reads it
 * at once. If this fails, the next portfolio read recomputes it.
 */
export function afterPartnerWrite(partnerId: number): void {
  try {
    refreshPartnerEvaluation(partnerId);
  } catch (err) {
    console.error(`could not refresh the evaluation of partner ${partnerId}:`, err instanceof Error ? err.message : err);
  }
}
