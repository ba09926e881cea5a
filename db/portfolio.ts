import "server-only";
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, lte, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Cents } from "@/lib/format";
import { LEVEL_RANK, type Decision, type Level, type Market, type PortfolioSort, type RuleSetId } from "@/lib/vocabulary";
import { getDb } from "./client";
import { getPartnerData, type PartnerData } from "./partners";
import { evaluationFailures, evaluationRefreshRuns, partnerEvaluations, partners, reviewNotes } from "./schema";

/** Amounts read from or written to the database: a number while safe, a bigint beyond 2^53; never a rounded float. */
export type { Cents };

/** What is stored per partner (see schema.partnerEvaluations). */
export interface StoredEvaluation {
  asOf: string;
  validUntil: string | null;
  ruleSet: RuleSetId;
  level: Level;
  qualifyingRevenueCents: Cents;
  nextLevel: "silver" | "gold" | null;
  nextThresholdCents: Cents;
  nextShortfallCents: Cents;
  nextShortfallBp: number;
  nextExamsNeeded: number;
  silverSlotsFilled: number;
  silverSlots: number;
  goldSlotsFilled: number;
  goldSlots: number;
  atRiskOn: string | null;
  levelAtRisk: Level | null;
}

/** An integer column read as text (exact at any size) back to cents: a number when safe, else a bigint. */
export function centsFromText(text: string): Cents {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/** Money columns are selected as text, so that better-sqlite3 never rounds a sum beyond 2^53. */
const asText = (col: SQL | AnyColumn) => sql<string>`cast(${col} as text)`;
const MONEY_KEYS = ["qualifyingRevenueCents", "nextThresholdCents", "nextShortfallCents"] as const;
function moneyFromText<T extends Record<string, unknown>>(row: T): T {
  for (const k of MONEY_KEYS) {
    const v = row[k];
    if (typeof v === "string") (row as Record<string, unknown>)[k] = centsFromText(v);
  }
  return row;
}

function storeValues(partnerId: number, e: StoredEvaluation) {
  return { ...e, partnerId, levelRank: LEVEL_RANK[e.level], computedAt: new Date().toISOString() } as unknown as typeof partnerEvaluations.$inferInsert;
}

/**
 * Reads one partner's facts and stores what `compute` makes of them, in one IMMEDIATE transaction: no
 * write can slip between the read and the store, so the row always matches the facts it was computed from.
 * If `compute` throws, nothing is stored and the error propagates.
 */
export function recomputeStoredEvaluation(partnerId: number, compute: (data: PartnerData) => StoredEvaluation): StoredEvaluation | null {
  const db = getDb();
  return db.$client.transaction(() => storeOne(partnerId, compute)).immediate();
}

/** Inside a write transaction: computes and stores one partner's row, and forgets an earlier failure. */
function storeOne(partnerId: number, compute: (data: PartnerData) => StoredEvaluation): StoredEvaluation | null {
  const db = getDb();
  const data = getPartnerData(partnerId);
  if (!data) return null;
  const e = compute(data);
  const values = storeValues(partnerId, e);
  db.insert(partnerEvaluations).values(values).onConflictDoUpdate({ target: partnerEvaluations.partnerId, set: values }).run();
  db.delete(evaluationFailures).where(eq(evaluationFailures.partnerId, partnerId)).run();
  return e;
}

/**
 * Stores evaluations computed elsewhere, in one transaction. Only for a database no one else writes
 * (scripts/db-synth.ts fills a new synthetic database from several processes): it does not check that
 * the facts are still those the evaluations were computed from, as recomputeStoredEvaluation does.
 */
export function storeEvaluationsOffline(rows: { partnerId: number; evaluation: StoredEvaluation }[]): void {
  const db = getDb();
  db.$client.transaction(() => {
    for (const r of rows)
      db.insert(partnerEvaluations)
        .values(storeValues(r.partnerId, r.evaluation))
        .onConflictDoUpdate({ target: partnerEvaluations.partnerId, set: storeValues(r.partnerId, r.evaluation) })
        .run();
  })();
}

/** Notes that the engine could not evaluate a partner as of a day (the refresher does not retry it that day). */
export function recordEvaluationFailure(partnerId: number, asOf: string, message: string): void {
  const values = { partnerId, asOf, message: message.slice(0, 500), failedAt: new Date().toISOString() };
  getDb().insert(evaluationFailures).values(values).onConflictDoUpdate({ target: evaluationFailures.partnerId, set: values }).run();
}

/** A row that does not hold on `today`: its valid-until date has come, or it is from a later day (the clock went back). */
const expiredRow = (today: string) =>
  sql`(${partnerEvaluations.asOf} > ${today} or ${partnerEvaluations.validUntil} <= ${today} or ${partnerEvaluations.ruleSet} <> ${partners.ruleSet})`;

/** Is any stored evaluation missing or not holding on `today` (failures of the day aside)? Cheap when none is. */
export function hasStaleEvaluations(today: string): boolean {
  // Fast path: one row per partner, none expired, none from the future, no failure recorded.
  // Uses the primary keys and the valid_until / as_of indexes, not a scan of both tables.
  const c = getDb()
    .$client.prepare(
      `select (select count(*) from partners) as partners, (select count(*) from partner_evaluations) as stored,
              (select min(valid_until) from partner_evaluations where valid_until is not null) as soonest,
              (select max(as_of) from partner_evaluations) as latest,
              (select count(*) from evaluation_failures) as failures`,
    )
    .get() as { partners: number; stored: number; soonest: string | null; latest: string | null; failures: number };
  if (c.partners === c.stored && c.failures === 0 && (c.soonest === null || c.soonest > today) && (c.latest === null || c.latest <= today)) return false;
  return partnersWithStaleEvaluation(today, { limit: 1 }).length > 0;
}

/**
 * Partners whose stored evaluation is missing or does not hold on `today` (its date passed, or the clock
 * went back), in id order, after the id `after`, at most `limit` of them (no limit by default: callers
 * that can meet many page through them with `after`). Partners the engine failed on today are left out.
 */
export function partnersWithStaleEvaluation(today: string, opts: { after?: number; limit?: number } = {}): number[] {
  const q = getDb()
    .select({ id: partners.id })
    .from(partners)
    .leftJoin(partnerEvaluations, eq(partnerEvaluations.partnerId, partners.id))
    .leftJoin(evaluationFailures, and(eq(evaluationFailures.partnerId, partners.id), eq(evaluationFailures.asOf, today)))
    .where(and(gt(partners.id, opts.after ?? 0), isNull(evaluationFailures.partnerId), or(isNull(partnerEvaluations.partnerId), expiredRow(today))))
    .orderBy(asc(partners.id));
  return (opts.limit !== undefined ? q.limit(opts.limit) : q).all().map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// The day's refresh run: a lease row per business date (schema.evaluationRefreshRuns).

export interface RefreshRun {
  asOf: string;
  holder: string;
  leaseUntilMs: number;
  cursor: number;
  passes: number;
  refreshed: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
}

export type Claim = { claimed: true; run: RefreshRun } | { claimed: false; reason: "held" | "done"; run: RefreshRun };

/**
 * Claims the run of `asOf` for `holder` until `nowMs + leaseMs`, in one IMMEDIATE transaction, so two
 * processes never both hold it. Taken when it does not exist, is ours, or its lease expired (its holder
 * died: the run resumes at its cursor). A finished run is reopened, from the first partner, only when
 * rows are stale again (a recompute after a write that failed); otherwise it stays done.
 */
export function claimRefreshRun(asOf: string, holder: string, nowMs: number, leaseMs: number): Claim {
  const db = getDb();
  return db.$client
    .transaction((): Claim => {
      const run = db.select().from(evaluationRefreshRuns).where(eq(evaluationRefreshRuns.asOf, asOf)).get();
      const leaseUntilMs = nowMs + leaseMs;
      if (!run) {
        const created = db.insert(evaluationRefreshRuns).values({ asOf, holder, leaseUntilMs }).returning().get();
        return { claimed: true, run: created };
      }
      if (run.holder !== holder && run.leaseUntilMs > nowMs) return { claimed: false, reason: "held", run };
      if (run.finishedAt !== null) {
        if (!hasStaleEvaluations(asOf)) return { claimed: false, reason: "done", run };
        const reopened = db
          .update(evaluationRefreshRuns)
          .set({ holder, leaseUntilMs, cursor: 0, passes: run.passes + 1, finishedAt: null })
          .where(eq(evaluationRefreshRuns.asOf, asOf))
          .returning()
          .get()!;
        return { claimed: true, run: reopened };
      }
      const taken = db.update(evaluationRefreshRuns).set({ holder, leaseUntilMs }).where(eq(evaluationRefreshRuns.asOf, asOf)).returning().get()!;
      return { claimed: true, run: taken };
    })
    .immediate();
}

/** Gives the run's lease up (a clean stop): another process may take it over at once. */
export function releaseRefreshRun(asOf: string, holder: string): void {
  getDb()
    .update(evaluationRefreshRuns)
    .set({ leaseUntilMs: 0 })
    .where(and(eq(evaluationRefreshRuns.asOf, asOf), eq(evaluationRefreshRuns.holder, holder)))
    .run();
}

export function getRefreshRun(asOf: string): RefreshRun | null {
  return getDb().select().from(evaluationRefreshRuns).where(eq(evaluationRefreshRuns.asOf, asOf)).get() ?? null;
}

export interface BatchResult {
  /** False when the lease was lost (another holder took the run over): stop. */
  held: boolean;
  refreshed: number;
  failed: number;
  /** The pass reached the last partner: the run is finished. */
  finished: boolean;
  cursor: number;
}

/**
 * One short write transaction of the day's run: checks the lease is still ours, recomputes stale
 * partners after the run's cursor until `maxMs` have passed or `maxPartners` are done, then moves the
 * cursor and renews the lease in the same transaction (a crash loses at most this batch, which the next
 * holder redoes). A partner whose evaluation throws is recorded as failed for the day and skipped.
 */
export function refreshBatch(
  asOf: string,
  holder: string,
  opts: { leaseMs: number; maxMs: number; maxPartners: number; now?: () => number },
  compute: (data: PartnerData) => StoredEvaluation,
  onError: (partnerId: number, err: unknown) => void = () => {},
): BatchResult {
  const db = getDb();
  const now = opts.now ?? Date.now;
  return db.$client
    .transaction((): BatchResult => {
      const run = getRefreshRun(asOf);
      const start = now();
      if (!run || run.holder !== holder || run.finishedAt !== null || run.leaseUntilMs <= start) {
        return { held: false, refreshed: 0, failed: 0, finished: run?.finishedAt != null, cursor: run?.cursor ?? 0 };
      }
      const ids = partnersWithStaleEvaluation(asOf, { after: run.cursor, limit: opts.maxPartners });
      let cursor = run.cursor;
      let refreshed = 0;
      let failed = 0;
      let handled = 0;
      for (const id of ids) {
        try {
          db.$client.transaction(() => storeOne(id, compute))(); // a savepoint: a throw undoes this partner only
          refreshed++;
        } catch (err) {
          recordEvaluationFailure(id, asOf, err instanceof Error ? err.message : String(err));
          onError(id, err);
          failed++;
        }
        cursor = id;
        handled++;
        if (now() - start >= opts.maxMs) break;
      }
      const finished = handled === ids.length && ids.length < opts.maxPartners;
      if (finished) cursor = 0;
      db.update(evaluationRefreshRuns)
        .set({
          cursor,
          leaseUntilMs: finished ? 0 : now() + opts.leaseMs,
          refreshed: run.refreshed + refreshed,
          failed: run.failed + failed,
          finishedAt: finished ? new Date().toISOString() : null,
        })
        .where(eq(evaluationRefreshRuns.asOf, asOf))
        .run();
      return { held: true, refreshed, failed, finished, cursor };
    })
    .immediate();
}

/** The number that grows with every change the portfolio shows (migration 0004's triggers). */
export function portfolioGenerationNumber(): number {
  return (getDb().$client.prepare("select n from portfolio_generation where id = 1").pluck().get() as number | undefined) ?? 0;
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

/**
 * How a partner's stored row stands on the day asked for: `current` holds on that day; `stale` is from
 * an earlier day and no longer holds (the refresher is bringing it up to date: its figures are shown
 * marked with their own date); `pending` has no row yet (being evaluated); `failed`: the engine could
 * not evaluate it that day (an older row, if any, is shown marked).
 */
export type EvaluationState = "current" | "stale" | "pending" | "failed";

/** A portfolio row: the partner, and its stored evaluation (null figures when it has none). */
export interface PortfolioRow {
  partnerId: number;
  name: string;
  msPartnerId: string;
  market: Market;
  state: EvaluationState;
  asOf: string | null;
  validUntil: string | null;
  ruleSet: RuleSetId;
  level: Level | null;
  qualifyingRevenueCents: Cents | null;
  nextLevel: "silver" | "gold" | null;
  nextThresholdCents: Cents | null;
  nextShortfallCents: Cents | null;
  nextShortfallBp: number | null;
  nextExamsNeeded: number | null;
  silverSlotsFilled: number | null;
  silverSlots: number | null;
  goldSlotsFilled: number | null;
  goldSlots: number | null;
  atRiskOn: string | null;
  levelAtRisk: Level | null;
  lastReviewAt: string | null;
  lastReviewDecision: Decision | null;
}

const lastReviewAt = sql<string | null>`(select max(${reviewNotes.createdAt}) from ${reviewNotes} where ${reviewNotes.partnerId} = ${partners.id})`;
const lastReviewDecision = sql<
  PortfolioRow["lastReviewDecision"]
>`(select ${reviewNotes.decision} from ${reviewNotes} where ${reviewNotes.partnerId} = ${partners.id} order by ${reviewNotes.createdAt} desc, ${reviewNotes.id} desc limit 1)`;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Filters on the stored figures: a partner without a stored row matches none of them. */
function evaluationConditions(f: PortfolioFilter): SQL[] {
  const out: SQL[] = [];
  if (f.level) out.push(eq(partnerEvaluations.level, f.level));
  if (f.maxExams !== undefined || f.maxShortfallBp !== undefined) out.push(sql`${partnerEvaluations.nextLevel} is not null`);
  if (f.maxExams !== undefined) out.push(lte(partnerEvaluations.nextExamsNeeded, f.maxExams));
  if (f.maxShortfallBp !== undefined) out.push(lte(partnerEvaluations.nextShortfallBp, f.maxShortfallBp));
  if (f.atRiskBy) out.push(lte(partnerEvaluations.atRiskOn, f.atRiskBy));
  return out;
}

/** Filters on the partner itself (market, search, reviews): every partner can match them. */
function partnerConditions(f: PortfolioFilter): SQL[] {
  const out: SQL[] = [];
  if (f.market) out.push(eq(partners.market, f.market));
  if (f.notReviewedSince) out.push(sql`coalesce(${lastReviewAt}, '') < ${f.notReviewedSince}`);
  if (f.changedSinceReview)
    out.push(sql`exists (select 1 from level_changes lc where lc.partner_id = ${partners.id} and lc.created_at > coalesce(${lastReviewAt}, ''))`);
  if (f.q && f.q.trim()) {
    const like = `%${escapeLike(f.q.trim().toLowerCase())}%`;
    out.push(or(sql`lower(${partners.name}) like ${like} escape '\\'`, sql`${partners.msPartnerId} like ${like} escape '\\'`)!);
  }
  return out;
}

/** Sorts on the partner's own columns: partners with and without a stored row interleave. */
const PARTNER_SORTS: ReadonlySet<PortfolioSort> = new Set(["name", "partnerId", "market", "review"]);

function orderBy(sort: PortfolioSort, dir: "asc" | "desc"): SQL[] {
  const d = dir === "desc" ? desc : asc;
  const nullsLast = (col: SQL | typeof partnerEvaluations.atRiskOn) => sql`${col} is null`;
  const byName = [asc(partners.name), asc(partners.id)];
  switch (sort) {
    case "name":
      return [d(partners.name), d(partners.id)];
    case "partnerId":
      return [d(partners.msPartnerId)];
    case "market":
      return [d(partners.market), ...byName];
    case "level":
      return [d(partnerEvaluations.levelRank), d(partnerEvaluations.qualifyingRevenueCents), ...byName];
    case "revenue":
      return [d(partnerEvaluations.qualifyingRevenueCents), ...byName];
    // Gold partners have no next level: they sort after everyone else.
    case "shortfall":
      return [sql`${partnerEvaluations.nextLevel} is null`, d(partnerEvaluations.nextShortfallBp), ...byName];
    case "slots":
      return [d(partnerEvaluations.goldSlotsFilled), d(partnerEvaluations.silverSlotsFilled), ...byName];
    case "exams":
      return [sql`${partnerEvaluations.nextLevel} is null`, d(partnerEvaluations.nextExamsNeeded), d(partnerEvaluations.nextShortfallBp), ...byName];
    case "risk":
      return [nullsLast(partnerEvaluations.atRiskOn), d(partnerEvaluations.atRiskOn), ...byName];
    case "review":
      return [sql`${lastReviewAt} is null`, d(lastReviewAt), ...byName];
  }
}

function rowColumns(today: string) {
  return {
    partnerId: partners.id,
    name: partners.name,
    msPartnerId: partners.msPartnerId,
    market: partners.market,
    state: sql<EvaluationState>`case
      when ${evaluationFailures.partnerId} is not null then 'failed'
      when ${partnerEvaluations.partnerId} is null then 'pending'
      when ${expiredRow(today)} then 'stale'
      else 'current' end`,
    asOf: partnerEvaluations.asOf,
    validUntil: partnerEvaluations.validUntil,
    ruleSet: partners.ruleSet,
    level: partnerEvaluations.level,
    qualifyingRevenueCents: asText(partnerEvaluations.qualifyingRevenueCents),
    nextLevel: partnerEvaluations.nextLevel,
    nextThresholdCents: asText(partnerEvaluations.nextThresholdCents),
    nextShortfallCents: asText(partnerEvaluations.nextShortfallCents),
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
}

const failureOn = (today: string) => and(eq(evaluationFailures.partnerId, partners.id), eq(evaluationFailures.asOf, today));

/**
 * The portfolio's totals for a filter: partners with a stored row that match it, and partners without
 * one that match it (only possible when the filter does not ask about stored figures). O(partners): the
 * page caches it per generation (lib/server/portfolio.ts).
 */
export function countPortfolio(f: PortfolioFilter): { withRow: number; withoutRow: number } {
  const q = countPortfolioQuery(f);
  const db = getDb().$client;
  const n = (query: { sql: string; params: unknown[] } | null): number =>
    query
      ? (db
          .prepare(query.sql)
          .pluck()
          .get(...query.params) as number)
      : 0;
  return { withRow: n(q.withRow), withoutRow: n(q.withoutRow) };
}

/** countPortfolio's two statements, to run elsewhere (lib/server/sql-worker.ts): each answers one value, a count; withoutRow is null when it must be 0. */
export function countPortfolioQuery(f: PortfolioFilter): {
  withRow: { sql: string; params: unknown[] };
  withoutRow: { sql: string; params: unknown[] } | null;
} {
  const db = getDb();
  const evaluated = evaluationConditions(f);
  const partnerOnly = partnerConditions(f);
  const withRow = db
    .select({ n: sql<number>`count(*)` })
    .from(partners)
    .innerJoin(partnerEvaluations, eq(partnerEvaluations.partnerId, partners.id))
    .where(and(...evaluated, ...partnerOnly))
    .toSQL();
  const withoutRow =
    evaluated.length > 0
      ? null
      : db
          .select({ n: sql<number>`count(*)` })
          .from(partners)
          .leftJoin(partnerEvaluations, eq(partnerEvaluations.partnerId, partners.id))
          .where(and(isNull(partnerEvaluations.partnerId), ...partnerOnly))
          .toSQL();
  return { withRow, withoutRow };
}

/**
 * One page of the portfolio as of `today` (every row when pageSize is 0). Every partner is in it: those
 * without a stored row (being evaluated) come after the others when sorting by a stored figure, and
 * among them when sorting by the partner's own columns; they match no filter on stored figures. Each
 * row says how its stored figures stand on `today` (`state`). Pass `counts` from countPortfolio (cached).
 */
export function queryPortfolio(q: PortfolioQuery & { today?: string; counts?: { withRow: number; withoutRow: number } }): {
  rows: PortfolioRow[];
  total: number;
} {
  const db = getDb();
  const today = q.today ?? new Date().toISOString().slice(0, 10);
  const counts = q.counts ?? countPortfolio(q);
  const total = counts.withRow + counts.withoutRow;
  const cols = rowColumns(today);
  const evaluated = evaluationConditions(q);
  const partnerOnly = partnerConditions(q);
  const offset = q.pageSize > 0 ? (q.page - 1) * q.pageSize : 0;
  const limit = q.pageSize > 0 ? q.pageSize : -1;
  const page = <T extends { limit: (n: number) => { offset: (n: number) => { all: () => unknown[] } }; all: () => unknown[] }>(
    b: T,
    lim: number,
    off: number,
  ) => (lim >= 0 ? b.limit(lim).offset(off).all() : off > 0 ? b.limit(-1).offset(off).all() : b.all()) as Record<string, unknown>[];
  let raw: Record<string, unknown>[];
  if (PARTNER_SORTS.has(q.sort)) {
    const b = db
      .select(cols)
      .from(partners)
      .leftJoin(partnerEvaluations, eq(partnerEvaluations.partnerId, partners.id))
      .leftJoin(evaluationFailures, failureOn(today))
      .where(and(...evaluated, ...partnerOnly))
      .orderBy(...orderBy(q.sort, q.dir));
    raw = page(b, limit, offset);
  } else {
    // Rows with stored figures first, read in the sort's order (from an index where one exists), then
    // the partners still without a row, by name.
    // Sorting by revenue or level, the outer loop walks that index (CROSS JOIN fixes SQLite's join
    // order), so the first page costs a page, not a sort of every partner.
    const byIndex = q.sort === "revenue" || q.sort === "level";
    const a = (
      byIndex
        ? db.select(cols).from(partnerEvaluations).crossJoin(partners)
        : db.select(cols).from(partnerEvaluations).innerJoin(partners, eq(partners.id, partnerEvaluations.partnerId))
    )
      .leftJoin(evaluationFailures, failureOn(today))
      .where(and(eq(partners.id, partnerEvaluations.partnerId), ...evaluated, ...partnerOnly))
      .orderBy(...orderBy(q.sort, q.dir));
    raw = offset < counts.withRow || counts.withoutRow === 0 ? page(a, limit, offset) : [];
    const wanted = limit < 0 ? Infinity : limit;
    if (raw.length < wanted && counts.withoutRow > 0) {
      const b = db
        .select(cols)
        .from(partners)
        .leftJoin(partnerEvaluations, eq(partnerEvaluations.partnerId, partners.id))
        .leftJoin(evaluationFailures, failureOn(today))
        .where(and(isNull(partnerEvaluations.partnerId), ...partnerOnly))
        .orderBy(asc(partners.name), asc(partners.id));
      raw = raw.concat(page(b, limit < 0 ? -1 : wanted - raw.length, Math.max(0, offset - counts.withRow)));
    }
  }
  return { rows: raw.map((r) => moneyFromText(r) as unknown as PortfolioRow), total };
}

export interface PortfolioCounts {
  /** Partners whose stored row holds today, per level; at risk: of those, the level would be lost by `atRiskBy`. */
  none: number;
  silver: number;
  gold: number;
  atRisk: number;
  /** Every partner. */
  total: number;
  /** Partners whose row is from an earlier day (being brought up to date). */
  stale: number;
  /** Partners without a stored row (being evaluated). */
  pending: number;
  /** Partners the engine could not evaluate today. */
  failed: number;
}

/** Every partner counted once, by how its stored row stands on `today`. O(partners): cached by the caller. */
export function portfolioCounts(today: string, atRiskBy: string): PortfolioCounts {
  const q = portfolioCountsQuery(today, atRiskBy);
  return getDb()
    .$client.prepare(q.sql)
    .get(...q.params) as PortfolioCounts;
}

/** portfolioCounts's statement, to run elsewhere (lib/server/sql-worker.ts): one row, a PortfolioCounts. */
export function portfolioCountsQuery(today: string, atRiskBy: string): { sql: string; params: unknown[] } {
  return {
    sql: `select count(*) as total,
         coalesce(sum(state = 'current' and level = 'none'), 0) as none,
         coalesce(sum(state = 'current' and level = 'silver'), 0) as silver,
         coalesce(sum(state = 'current' and level = 'gold'), 0) as gold,
         coalesce(sum(state = 'current' and at_risk_on <= @atRiskBy), 0) as atRisk,
         coalesce(sum(state = 'stale'), 0) as stale,
         coalesce(sum(state = 'pending'), 0) as pending,
         coalesce(sum(state = 'failed'), 0) as failed
       from (select e.level, e.at_risk_on,
               case when f.partner_id is not null then 'failed'
                    when e.partner_id is null then 'pending'
                    when e.as_of > @today or e.valid_until <= @today or e.rule_set <> p.rule_set then 'stale'
                    else 'current' end as state
             from partners p
             left join partner_evaluations e on e.partner_id = p.id
             left join evaluation_failures f on f.partner_id = p.id and f.as_of = @today)`,
    params: [{ today, atRiskBy }],
  };
}

/** Stored evaluations of some partners (for tests and checks). */
export function storedEvaluations(partnerIds: number[]): Map<number, StoredEvaluation> {
  if (partnerIds.length === 0) return new Map();
  const {
    partnerId,
    levelRank: _r,
    computedAt: _c,
    qualifyingRevenueCents,
    nextThresholdCents,
    nextShortfallCents,
    ...rest
  } = getTableColumns(partnerEvaluations);
  const rows = getDb()
    .select({
      partnerId,
      ...rest,
      qualifyingRevenueCents: asText(qualifyingRevenueCents),
      nextThresholdCents: asText(nextThresholdCents),
      nextShortfallCents: asText(nextShortfallCents),
    })
    .from(partnerEvaluations)
    .where(inArray(partnerEvaluations.partnerId, partnerIds))
    .all();
  return new Map(rows.map(({ partnerId: id, ...e }) => [id, moneyFromText(e) as unknown as StoredEvaluation]));
}
