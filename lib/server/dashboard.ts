import "server-only";
import { evaluate, getRuleSet, isValidDate, levelHistory, projectRisk, type Evaluation, type LevelChange, type RiskProjection } from "@/lib/competency";
import { getPartnerData, toFacts, type PartnerData } from "@/db/partners";
import { todayIso } from "@/lib/format";
import { distinctNames } from "@/lib/names";
import { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE, RISK_HORIZON_DAYS } from "@/lib/vocabulary";

export interface DashboardModel {
  data: PartnerData;
  asOf: string;
  asOfWasInvalid: boolean;
  evaluation: Evaluation;
  risk: RiskProjection;
  /** The evaluation on the day the level would drop (what it takes to keep the level), when at risk. */
  riskEvaluation: Evaluation | null;
  names: Map<string, string>;
  customerNames: Map<string, string>;
  ruleSetEffectiveFrom: string;
  /** Level changes from the recorded facts, through the as-of date. */
  history: LevelChange[];
}

/** Everything one partner's dashboard shows, as of a date given in the URL (today when absent or invalid). */
export function buildDashboard(partnerId: number, asOfParam: string | undefined): DashboardModel | null {
  const data = getPartnerData(partnerId);
  if (!data) return null;
  const valid = typeof asOfParam === "string" && isValidDate(asOfParam) && asOfParam >= MIN_BUSINESS_DATE && asOfParam <= MAX_BUSINESS_DATE;
  const asOf = valid ? asOfParam : todayIso();
  const facts = toFacts(data);
  const ruleSet = data.partner.ruleSet;
  const evaluation = evaluate(facts, { asOf, ruleSet });
  const risk = projectRisk(facts, { asOf, ruleSet, horizonDays: RISK_HORIZON_DAYS });
  const riskEvaluation = risk.atRiskOn ? evaluate(facts, { asOf: risk.atRiskOn, ruleSet }) : null;
  return {
    data,
    asOf,
    asOfWasInvalid: asOfParam !== undefined && asOfParam !== "" && !valid,
    evaluation,
    risk,
    riskEvaluation,
    // Two people of one name are told apart (their e-mail, else a short suffix).
    names: distinctNames(data.individuals.map((p) => ({ id: String(p.id), name: p.name, email: p.email }))),
    customerNames: new Map(data.customers.map((c) => [String(c.id), c.name])),
    ruleSetEffectiveFrom: getRuleSet(ruleSet).effectiveFrom,
    history: levelHistory(facts, { through: asOf, ruleSet }),
  };
}
