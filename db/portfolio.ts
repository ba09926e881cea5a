import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { LEVEL_RANK, type Decision, type Level, type Market, type PortfolioSort, type RuleSetId } from "@/lib/vocabulary";
import { getDb } from "./client";
import { getPartnerData, type PartnerData } from "./partners";
import { partnerEvaluations, partners, reviewNotes } from "./schema";

/** What is stored per partner (see schema.partnerEvaluations). */
export interface StoredEvaluation {
  asOf: string;
  validUntil: string | null;
  ruleSet: RuleSetId;
  level: Level;
  qualifyingRevenueCents: number;
  nextLevel: "silver" | "gold" | null;
  nextThresholdCents: number;
  nextShortfallCents: number;
  nextShortfallBp: number;
  nextExamsNeeded: number;
  silverSlotsFilled: number;
  silverSlots: number;
  goldSlotsFilled: number;
  goldSlots: number;
  atRiskOn: string | null;
  levelAtRisk: Level | null;
}


/**
 * Reads one partner's facts and stores what `compute` makes of them, in one IMMEDIATE transaction: no
 * write can slip between the read and the store, so the row always matches the facts it was computed from.
 */
export function recomputeStoredEvaluation(partnerId: number, compute: (data: PartnerData) => StoredEvaluation): StoredEvaluation | null {
  const db = getDb();
  return db.$client
    .transaction(() => {
      const data = getPartnerData(partnerId);
      if (!data) return null;
      const e = compute(data);
      const values = { ...e, partnerId, levelRank: LEVEL_RANK[e.level], computedAt: new Date().toISOString() };
      db.insert(partnerEvaluations).values(values).onConflictDoUpdate({ target: partnerEvaluations.partnerId, set: values }).run();
      return e;
    })
    .immediate();
}

/** Partners whose stored evaluation is missing or does not hold on `today` (its date passed, or the clock went back). */
export function partnersWithStaleEvaluation(today: string, limit = 100_000): number[] {
  // Fast path (every request of the portfolio comes here): one row per partner, none expired, none
  // from the future. Uses the primary keys and the valid_until index, not a scan of both tables.
  const c = getDb().$client
    .prepare(
      `select (select count(*) from partners) as partners, (select count(*) from partner_evaluations) as stored,
              (select min(valid_until) from partner_evaluations where valid_until is not null) as soonest,
              (select max(as_of) from partner_evaluations) as latest`,
    )
    .get() as { partners: number; stored: number; soonest: string | null; latest: string | null };
  if (c.partners === c.stored && (c.soonest === null || c.soonest > today) && (c.latest === null || c.latest <= today)) return [];
  return getDb()
    .select({ id: partners.id })
    .from(partners)
    .leftJoin(partnerEvaluations, eq(partnerEvaluations.partnerId, partners.id))
    .where(
      or(
        isNull(partnerEvaluations.partnerId),
        lte(partnerEvaluations.validUntil, today),
        gt(partnerEvaluations.asOf, today),
        sql`${partnerEvaluations.ruleSet} <> ${partners.ruleSet}`,
      ),
    )
    .limit(limit)
    .all()
    .map((r) => r.id);
}


export interface PortfolioFilter {
  level?: Level;
  market?: Market;
  /** Close to the next level: its cheapest plan needs at most this many exams. */
  maxExams?: number;
  /** Close to the next level: the revenue shortfall is at most this share of its threshold, in basis points. */
  maxShortfallBp?: number;
  /** The level would be lost on or before this date. */
  atRiskBy?: string;
  /** No review note on or after this date. */
  notReviewedSince?: string;
  /** Only partners whose level changed since their last review note (level_changes, migration 0004). */
  changedSinceReview?: boolean;
  /** Part of the name or the partner ID. */
  q?: string;
}

export interface PortfolioQuery extends PortfolioFilter {
  sort: PortfolioSort;
  dir: "asc" | "desc";
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface PortfolioRow extends StoredEvaluation {
  partnerId: number;
  name: string;
  msPartnerId: string;
  market: Market;
  lastReviewAt: string | null;
  lastReviewDecision: Decision | null;
}

const lastReviewAt = sql<string | null>`(select max(${reviewNotes.createdAt}) from ${reviewNotes} where ${reviewNotes.partnerId} = ${partners.id})`;
const lastReviewDecision = sql<PortfolioRow["lastReviewDecision"]>`(select ${reviewNotes.decision} from ${reviewNotes} where ${reviewNotes.partnerId} = ${partners.id} order by ${reviewNotes.createdAt} desc, ${reviewNotes.id} desc limit 1)`;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(f: PortfolioFilter): SQL[] {
  const out: SQL[] = [];
  if (f.level) out.push(eq(partnerEvaluations.level, f.level));
  if (f.market) out.push(eq(partners.market, f.market));
  if (f.maxExams !== undefined || f.maxShortfallBp !== undefined) out.push(sql`${partnerEvaluations.nextLevel} is not null`);
  if (f.maxExams !== undefined) out.push(lte(partnerEvaluations.nextExamsNeeded, f.maxExams));
  if (f.maxShortfallBp !== undefined) out.push(lte(partnerEvaluations.nextShortfallBp, f.maxShortfallBp));
  if (f.atRiskBy) out.push(lte(partnerEvaluations.atRiskOn, f.atRiskBy));
  if (f.notReviewedSince) out.push(sql`coalesce(${lastReviewAt}, '') < ${f.notReviewedSince}`);
  if (f.changedSinceReview) out.push(sql`exists (select 1 from level_changes lc where lc.partner_id = ${partners.id} and lc.created_at > coalesce(${lastReviewAt}, ''))`);
  if (f.q && f.q.trim()) {
    const like = `%${escapeLike(f.q.trim().toLowerCase())}%`;
    out.push(or(sql`lower(${partners.name}) like ${like} escape '\\'`, sql`${partners.msPartnerId} like ${like} escape '\\'`)!);
  }
  return out;
}

function orderBy(sort: PortfolioSort, dir: "asc" | "desc"): SQL[] {
  const d = dir === "desc" ? desc : asc;
  const nullsLast = (col: SQL | typeof partnerEvaluations.atRiskOn) => sql`${col} is null`;
  const byName = [asc(partners.name), asc(partners.id)];
  switch (sort) {
    case "name": return [d(partners.name), d(partners.id)];
    case "partnerId": return [d(partners.msPartnerId)];
    case "market": return [d(partners.market), ...byName];
    case "level": return [d(partnerEvaluations.levelRank), d(partnerEvaluations.qualifyingRevenueCents), ...byName];
    case "revenue": return [d(partnerEvaluations.qualifyingRevenueCents), ...byName];
    // Gold partners have no next level: they sort after everyone else.
    case "shortfall": return [sql`${partnerEvaluations.nextLevel} is null`, d(partnerEvaluations.nextShortfallBp), ...byName];
    case "slots": return [d(partnerEvaluations.goldSlotsFilled), d(partnerEvaluations.silverSlotsFilled), ...byName];
    case "exams": return [sql`${partnerEvaluations.nextLevel} is null`, d(partnerEvaluations.nextExamsNeeded), d(partnerEvaluations.nextShortfallBp), ...byName];
    case "risk": return [nullsLast(partnerEvaluations.atRiskOn), d(partnerEvaluations.atRiskOn), ...byName];
    case "review": return [sql`${lastReviewAt} is null`, d(lastReviewAt), ...byName];
  }
}

const rowColumns = {
  partnerId: partners.id,
  name: partners.name,
  msPartnerId: partners.msPartnerId,
  market: partners.market,
  asOf: partnerEvaluations.asOf,
  validUntil: partnerEvaluations.validUntil,
  ruleSet: partnerEvaluations.ruleSet,
  level: partnerEvaluations.level,
  qualifyingRevenueCents: partnerEvaluations.qualifyingRevenueCents,
  nextLevel: partnerEvaluations.nextLevel,
  nextThresholdCents: partnerEvaluations.nextThresholdCents,
  nextShortfallCents: partnerEvaluations.nextShortfallCents,
  nextShortfallBp: partnerEvaluations.nextShortfallBp,
  nextExamsNeeded: partnerEvaluations.nextExamsNeeded,
  silverSlotsFilled: partnerEvaluations.silverSlotsFilled,
  silverSlots: partnerEvaluations.silverSlots,
  goldSlotsFilled: partnerEvaluations.goldSlotsFilled,
  goldSlots: partnerEvaluations.goldSlots,
  atRiskOn: partnerEvaluations.atRiskOn,
  levelAtRisk: partnerEvaluations.levelAtRisk,
  lastReviewAt,
  lastReviewDecision,
};

/**
 * One page of the portfolio (or every row when pageSize is 0), with the number of matching partners.
 * Reads the stored evaluations: refresh stale ones first (lib/server/stored-evaluations.ts).
 */
export function queryPortfolio(q: PortfolioQuery): { rows: PortfolioRow[]; total: number } {
  const db = getDb();
  const where = and(...conditions(q));
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(partners)
    .innerJoin(partnerEvaluations, eq(partnerEvaluations.partnerId, partners.id))
    .where(where)
    .get()!.n;
  const base = db
    .select(rowColumns)
    .from(partners)
    .innerJoin(partnerEvaluations, eq(partnerEvaluations.partnerId, partners.id))
    .where(where)
    .orderBy(...orderBy(q.sort, q.dir));
  const rows = (q.pageSize > 0 ? base.limit(q.pageSize).offset((q.page - 1) * q.pageSize) : base).all() as PortfolioRow[];
  return { rows, total };
}

/** Partners per level, and those whose level would be lost on or before `atRiskBy`. */
export function portfolioCounts(atRiskBy: string): { none: number; silver: number; gold: number; atRisk: number; total: number } {
  const r = getDb()
    .select({
      none: sql<number>`coalesce(sum(${partnerEvaluations.level} = 'none'), 0)`,
      silver: sql<number>`coalesce(sum(${partnerEvaluations.level} = 'silver'), 0)`,
      gold: sql<number>`coalesce(sum(${partnerEvaluations.level} = 'gold'), 0)`,
      atRisk: sql<number>`coalesce(sum(${partnerEvaluations.atRiskOn} <= ${atRiskBy}), 0)`,
      total: sql<number>`count(*)`,
    })
    .from(partnerEvaluations)
    .get()!;
  return r;
}

/** Stored evaluations of some partners (for tests and checks). */
export function storedEvaluations(partnerIds: number[]): Map<number, StoredEvaluation> {
  if (partnerIds.length === 0) return new Map();
  const rows = getDb().select().from(partnerEvaluations).where(inArray(partnerEvaluations.partnerId, partnerIds)).all();
  return new Map(rows.map(({ partnerId, levelRank: _r, computedAt: _c, ...e }) => [partnerId, e]));
}
