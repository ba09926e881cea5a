import "server-only";
import { evaluate, getRuleSet, isValidDate, levelHistory, projectRisk, type Evaluation, type LevelChange, type RiskProjection } from "@/lib/competency";
import { getPartnerData, partnerDataStamp, toFacts, type PartnerData } from "@/db/partners";
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

// A dashboard is a pure function of the partner's data and the as-of date, and a large partner's costs
// hundreds of milliseconds (reading 50,000 lines, then the engine). It is kept per partner for as long as
// the partner's data stamp (its row and its facts' version, which every write moves: migration 0009)
// and the date stay the same, so a reload, another admin or a channel manager reads it at once. The
// cache holds at most CACHE_WEIGHT records in all (a large partner's model is tens of megabytes).
const CACHE_WEIGHT = 400_000;
const cache = new Map<number, { stamp: string; asOf: string; model: DashboardModel; weight: number }>();

function remember(partnerId: number, entry: { stamp: string; asOf: string; model: DashboardModel; weight: number }): void {
  cache.delete(partnerId);
  cache.set(partnerId, entry);
  let total = 0;
  for (const e of cache.values()) total += e.weight;
  for (const [id, e] of cache) {
    if (total <= CACHE_WEIGHT || id === partnerId) break;
    cache.delete(id);
    total -= e.weight;
  }
}

/** Everything one partner's dashboard shows, as of a date given in the URL (today when absent or invalid). */
export function buildDashboard(partnerId: number, asOfParam: string | undefined): DashboardModel | null {
  const valid = typeof asOfParam === "string" && isValidDate(asOfParam) && asOfParam >= MIN_BUSINESS_DATE && asOfParam <= MAX_BUSINESS_DATE;
  const asOf = valid ? asOfParam : todayIso();
  const asOfWasInvalid = asOfParam !== undefined && asOfParam !== "" && !valid;
  const stamp = partnerDataStamp(partnerId);
  if (stamp === null) return null;
  const hit = cache.get(partnerId);
  if (hit && hit.stamp === stamp && hit.asOf === asOf) {
    remember(partnerId, hit); // most recently used last
    return { ...hit.model, asOfWasInvalid };
  }
  const model = computeDashboard(partnerId, asOf);
  if (!model) return null;
  const d = model.data;
  const weight = d.customers.length + d.revenue.length + d.individuals.length + d.individuals.reduce((n, p) => n + p.passes.length, 0) + 1;
  // Read again after computing: a write that landed meanwhile leaves a different stamp, and the next request recomputes.
  if (partnerDataStamp(partnerId) === stamp && weight <= CACHE_WEIGHT) remember(partnerId, { stamp, asOf, model, weight });
  return { ...model, asOfWasInvalid };
}

function computeDashboard(partnerId: number, asOf: string): DashboardModel | null {
  const data = getPartnerData(partnerId);
  if (!data) return null;
  const facts = toFacts(data);
  const ruleSet = data.partner.ruleSet;
  const evaluation = evaluate(facts, { asOf, ruleSet });
  const risk = projectRisk(facts, { asOf, ruleSet, horizonDays: RISK_HORIZON_DAYS });
  const riskEvaluation = risk.atRiskOn ? evaluate(facts, { asOf: risk.atRiskOn, ruleSet }) : null;
  return {
    data,
    asOf,
    asOfWasInvalid: false,
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
