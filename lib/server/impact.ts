import "server-only";
// The portfolio-wide impact of moving partners to another rule set on a date (issue 11, part 3): each
// partner evaluated by the engine with its current rule set and with the target one. Bounded: one
// report page covers at most IMPACT_PAGE_SIZE partners (the network may have 400,000; a page of 500
// small partners takes well under a second), with the total and the next pages named, so no request
// does work that grows with the whole network.
import { compareLevels, evaluate, type Level } from "@/lib/competency";
import { getPartnerData, toFacts } from "@/db/partners";
import { partnersToMove, type ImpactSelection } from "@/db/impact";

export const IMPACT_PAGE_SIZE = 500;

export interface ImpactRow {
  id: number;
  name: string;
  msPartnerId: string;
  market: string;
  ruleSet: string;
  before: Level;
  after: Level;
  change: "gain" | "loss" | "same";
}

export interface ImpactReport {
  selection: ImpactSelection;
  asOf: string;
  total: number;
  offset: number;
  rows: ImpactRow[];
  gain: number;
  loss: number;
  same: number;
}

export function impactReport(selection: ImpactSelection, asOf: string, page: number): ImpactReport {
  const offset = Math.max(0, page - 1) * IMPACT_PAGE_SIZE;
  const { total, partners } = partnersToMove(selection, offset, IMPACT_PAGE_SIZE);
  const rows: ImpactRow[] = [];
  for (const p of partners) {
    const data = getPartnerData(p.id);
    if (!data) continue;
    const facts = toFacts(data);
    const before = evaluate(facts, { asOf, ruleSet: p.ruleSet }).level;
    const after = evaluate(facts, { asOf, ruleSet: selection.to }).level;
    const c = compareLevels(after, before);
    rows.push({
      id: p.id,
      name: p.name,
      msPartnerId: p.msPartnerId,
      market: p.market,
      ruleSet: p.ruleSet,
      before,
      after,
      change: c > 0 ? "gain" : c < 0 ? "loss" : "same",
    });
  }
  // Changes first (losses, then gains), then by name.
  const order = { loss: 0, gain: 1, same: 2 } as const;
  rows.sort((a, b) => order[a.change] - order[b.change] || a.name.localeCompare(b.name));
  return {
    selection,
    asOf,
    total,
    offset,
    rows,
    gain: rows.filter((r) => r.change === "gain").length,
    loss: rows.filter((r) => r.change === "loss").length,
    same: rows.filter((r) => r.change === "same").length,
  };
}
