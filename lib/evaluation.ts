import "server-only";
import { evaluate, type Evaluation } from "@/lib/competency";
import { getPartnerData, listPartners, toFacts, type Partner, type PartnerData } from "@/db/partners";

export interface PartnerEvaluation {
  data: PartnerData;
  evaluation: Evaluation;
}

/** One partner's recorded data and its evaluation as of a date, under the partner's rule set. */
export function evaluatePartner(partnerId: number, asOf: string): PartnerEvaluation | null {
  const data = getPartnerData(partnerId);
  if (!data) return null;
  return { data, evaluation: evaluate(toFacts(data), { asOf, ruleSet: data.partner.ruleSet }) };
}

export interface PortfolioRow {
  partner: Partner;
  evaluation: Evaluation;
}

export function evaluatePortfolio(asOf: string): PortfolioRow[] {
  return listPartners().map((partner) => {
    const data = getPartnerData(partner.id)!;
    return { partner, evaluation: evaluate(toFacts(data), { asOf, ruleSet: partner.ruleSet }) };
  });
}
