// Builders shared by the engine's tests (not part of the public API).
import type { ExamGroup, PartnerFacts } from "./types";

export const EXAM_OF: Record<ExamGroup, string> = { A: "MB2-714", B: "MB2-710", C: "MB2-712" };

type Individual = PartnerFacts["individuals"][number];
type Line = PartnerFacts["revenue"][number];

/** A person holding the given groups, each passed on `passedOn` (default 2017-01-10). */
export function person(
  id: string,
  groups: ExamGroup[] | string,
  opts: Partial<Omit<Individual, "id" | "passes">> & { passedOn?: string; passes?: Individual["passes"] } = {},
): Individual {
  const gs = (typeof groups === "string" ? groups.split("") : groups) as ExamGroup[];
  const passedOn = opts.passedOn ?? "2017-01-10";
  return {
    id,
    name: opts.name ?? `Person ${id}`,
    joinedOn: opts.joinedOn ?? null,
    leftOn: opts.leftOn ?? null,
    passes: [...gs.map((g) => ({ exam: EXAM_OF[g], passedOn })), ...(opts.passes ?? [])],
  };
}

export function line(customerId: string, date: string, amountCents: number, extra: Partial<Line> = {}): Line {
  return { customerId, date, amountCents, product: "crm-online", ...extra };
}

export function facts(p: Partial<PartnerFacts> = {}): PartnerFacts {
  return {
    market: p.market ?? "developed",
    customers: p.customers ?? [{ id: "c1", dporFrom: "2016-01-01" }],
    revenue: p.revenue ?? [],
    individuals: p.individuals ?? [],
  };
}

export const SILVER_TEAM = (): Individual[] => [person("p1", "AB"), person("p2", "C")];
export const GOLD_TEAM = (): Individual[] => [person("g1", "AB"), person("g2", "AB"), person("g3", "C"), person("g4", "C")];
