import "server-only";
import { evaluate, projectRisk, resultValidUntil, summarize } from "@/lib/competency";
import { toFacts, type PartnerData } from "@/db/partners";
import { partnersWithStaleEvaluation, recomputeStoredEvaluation, recordEvaluationFailure, type StoredEvaluation } from "@/db/portfolio";
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
    // Exact at any size: a number while safe, else the engine's exact decimal as a bigint.
    qualifyingRevenueCents: Number.isSafeInteger(s.qualifyingRevenueCents) ? s.qualifyingRevenueCents : BigInt(s.qualifyingRevenueCentsExact),
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

/** Recomputes and stores one partner's evaluation as of today. Throws what the engine throws (nothing stored). */
export function refreshPartnerEvaluation(partnerId: number, today = todayIso()): StoredEvaluation | null {
  return recomputeStoredEvaluation(partnerId, (data) => storedEvaluationOf(data, today));
}

/**
 * Recomputes every stored evaluation that does not hold today, in this process and at once: missing
 * ones (facts changed: the triggers of migration 0003 delete the row) and those whose valid-until date
 * has come. For scripts and tests only — the server leaves this to the background refresher
 * (lib/server/refresher.ts), never to a request. Pages through the partners by id (no limit on how many).
 * A partner the engine fails on is recorded as failed for the day. Returns how many were recomputed.
 */
export function refreshStaleEvaluations(today = todayIso()): number {
  let after = 0;
  let done = 0;
  for (;;) {
    const ids = partnersWithStaleEvaluation(today, { after, limit: 1000 });
    if (ids.length === 0) return done;
    for (const id of ids) {
      try {
        if (refreshPartnerEvaluation(id, today)) done++;
      } catch (err) {
        recordEvaluationFailure(id, today, err instanceof Error ? err.message : String(err));
      }
    }
    after = ids[ids.length - 1]!;
  }
}

/**
 * Runs after every successful write to a partner's facts or settings. The write's own transaction has
 * already dropped the stored evaluation (triggers); this stores the new one so the portfolio reads it
 * at once. If the engine fails on the new facts, the failure is recorded (the portfolio says so); if
 * this process dies first, the background refresher finds the missing row within a minute.
 */
export function afterPartnerWrite(partnerId: number): void {
  const today = todayIso();
  try {
    refreshPartnerEvaluation(partnerId, today);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`could not refresh the evaluation of partner ${partnerId}:`, message);
    try {
      recordEvaluationFailure(partnerId, today, message);
    } catch {
      /* the refresher will meet it again */
    }
  }
}
