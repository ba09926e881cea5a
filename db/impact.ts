import "server-only";
import { and, asc, count, eq, ne, type SQL } from "drizzle-orm";
import type { Market, RuleSetId } from "@/lib/vocabulary";
import { getDb } from "./client";
import { partners, type Partner } from "./schema";

export interface ImpactSelection {
  /** The rule set the partners would move to (partners already on it do not move). */
  to: RuleSetId;
  /** Only partners on this rule set now (all when absent). */
  from?: RuleSetId;
  market?: Market;
}

/** One page of the partners a rule-set move concerns, by name, and how many there are in all. */
export function partnersToMove(sel: ImpactSelection, offset: number, limit: number): { total: number; partners: Partner[] } {
  const where: SQL[] = [ne(partners.ruleSet, sel.to)];
  if (sel.from) where.push(eq(partners.ruleSet, sel.from));
  if (sel.market) where.push(eq(partners.market, sel.market));
  const db = getDb();
  const total =
    db
      .select({ n: count() })
      .from(partners)
      .where(and(...where))
      .get()?.n ?? 0;
  const rows = db
    .select({
      id: partners.id,
      name: partners.name,
      msPartnerId: partners.msPartnerId,
      market: partners.market,
      ruleSet: partners.ruleSet,
      version: partners.version,
    })
    .from(partners)
    .where(and(...where))
    .orderBy(asc(partners.name), asc(partners.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { total, partners: rows };
}
