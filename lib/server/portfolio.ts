import "server-only";
import { addDays } from "@/lib/competency";
import { AT_RISK_DAYS } from "@/lib/vocabulary";
import {
  countPortfolio,
  portfolioCounts,
  portfolioGenerationNumber,
  queryPortfolio,
  type PortfolioCounts,
  type PortfolioFilter,
  type PortfolioRow,
} from "@/db/portfolio";
import type { PortfolioParams } from "@/lib/validation/manager";
import { todayIso } from "@/lib/format";

export interface PortfolioView {
  today: string;
  rows: PortfolioRow[];
  total: number;
  page: number;
  pages: number;
  counts: PortfolioCounts;
  /** Partners whose stored figures do not hold today yet (stale, pending or failed). */
  updating: number;
}

// Counting every partner is O(partners); the answer only changes with a write to partners, their stored
// evaluations, failures or reviews (each bumps the generation number, migration 0004) or with the date.
// So counts are kept per (generation, day, filter), in this process: a request that changes nothing
// reads one row to learn the generation. Several server processes each keep their own, all exact.
// While the refresher works, the generation moves with every batch: recounting at each request would
// put O(partners) back into the request path for the whole refresh. So while the day's counts say rows
// are being brought up to date, counts up to REFRESHING_REUSE_MS old are reused (the page says that
// figures are being updated); once every row is up to date, counts are exact at every generation.
const CACHE_SIZE = 200;
const REFRESHING_REUSE_MS = 5_000;
const cache = new Map<string, { generation: number; at: number; value: unknown }>();
const updatingOn = new Map<string, number>();

function cached<T>(key: string, generation: number, compute: () => T, reuseMs = 0): T {
  const hit = cache.get(key);
  if (hit && (hit.generation === generation || Date.now() - hit.at < reuseMs)) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  cache.set(key, { generation, at: Date.now(), value });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return value;
}

/**
 * The portfolio as of today for a URL state, from the stored rows as they are (never evaluating: the
 * background refresher keeps them up to date). Every partner is counted and listed; rows that do not
 * hold today are marked (`row.state`). One SQL query filters, sorts and pages. `all` returns every
 * matching row (print and CSV).
 */
export function loadPortfolio(p: PortfolioParams, opts: { all?: boolean; today?: string } = {}): PortfolioView {
  const today = opts.today ?? todayIso();
  const filter: PortfolioFilter = {
    level: p.level,
    market: p.market,
    maxExams: p.maxExams,
    maxShortfallBp: p.maxShortfall === undefined ? undefined : Math.round(p.maxShortfall * 100),
    atRiskBy: p.riskDays === undefined ? undefined : addDays(today, p.riskDays),
    notReviewedSince: p.notReviewedSince,
    changedSinceReview: p.changed,
    q: p.q,
  };
  const generation = portfolioGenerationNumber();
  const reuseMs = (updatingOn.get(today) ?? 0) > 0 ? REFRESHING_REUSE_MS : 0;
  const totals = cached(`filter|${today}|${JSON.stringify(filter)}`, generation, () => countPortfolio(filter), reuseMs);
  const query = { ...filter, today, counts: totals, sort: p.sort, dir: p.dir, page: p.page, pageSize: opts.all ? 0 : p.size };
  const total = totals.withRow + totals.withoutRow;
  const pages = Math.max(1, Math.ceil(total / p.size));
  // A page past the end (an old link, a narrower filter): show the last page instead.
  const page = opts.all ? 1 : Math.min(p.page, pages);
  const { rows } = queryPortfolio({ ...query, page });
  const atRiskBy = addDays(today, AT_RISK_DAYS);
  const counts = cached(`counts|${today}|${atRiskBy}`, generation, () => portfolioCounts(today, atRiskBy), reuseMs);
  const updating = counts.stale + counts.pending + counts.failed;
  updatingOn.clear(); // one day matters at a time
  updatingOn.set(today, counts.stale + counts.pending); // failures wait for a write or tomorrow: not a refresh
  return { today, rows, total, page, pages, counts, updating };
}
