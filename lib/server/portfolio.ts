import "server-only";
import { addDays } from "@/lib/competency";
import { AT_RISK_DAYS } from "@/lib/vocabulary";
import { cachedByGenerationAsync, cachedForDay, noteUpdating } from "@/lib/server/generation-cache";
import { readOffThread } from "@/lib/server/sql-worker";
import { countPortfolioQuery, portfolioCountsQuery, queryPortfolio, type PortfolioCounts, type PortfolioFilter, type PortfolioRow } from "@/db/portfolio";
import type { PortfolioParams } from "@/lib/validation/manager";
import { todayIso } from "@/lib/format";

export interface PortfolioView {
  today: string;
  rows: PortfolioRow[];
  total: number;
  page: number;
  pages: number;
  counts: PortfolioCounts;
  /** The day the counts hold for: today, or the previous day's for the first moments of a new day (the page says so). */
  countsDay: string;
  /** Partners whose stored figures do not hold today yet (stale, pending or failed); 0 while the counts are the previous day's. */
  updating: number;
}

/**
 * The portfolio as of today for a URL state, from the stored rows as they are (never evaluating: the
 * background refresher keeps them up to date). Every partner is counted and listed; rows that do not
 * hold today are marked (`row.state`). One SQL query filters, sorts and pages. `all` returns every
 * matching row (print and CSV).
 */
export async function loadPortfolio(p: PortfolioParams, opts: { all?: boolean; today?: string } = {}): Promise<PortfolioView> {
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
  // O(partners) counts, once per change of the data (lib/server/generation-cache.ts).
  // The filter's totals do not depend on the date (a risk filter's date is in the filter): kept across midnight.
  const totals = await cachedByGenerationAsync(`filter|${JSON.stringify(filter)}`, today, () => countOffThread(filter));
  const query = { ...filter, today, counts: totals, sort: p.sort, dir: p.dir, page: p.page, pageSize: opts.all ? 0 : p.size };
  const total = totals.withRow + totals.withoutRow;
  const pages = Math.max(1, Math.ceil(total / p.size));
  // A page past the end (an old link, a narrower filter): show the last page instead.
  const page = opts.all ? 1 : Math.min(p.page, pages);
  const { rows } = queryPortfolio({ ...query, page });
  const atRiskBy = addDays(today, AT_RISK_DAYS);
  // Printed and exported documents wait for today's counts; the page takes the previous day's for a moment.
  const { value: counts, day: countsDay } = await cachedForDay(
    "counts",
    today,
    () => readOffThread<PortfolioCounts>(portfolioCountsQuery(today, atRiskBy)),
    opts.all ? "exact" : undefined,
  );
  if (countsDay !== today) return { today, rows, total, page, pages, counts, countsDay, updating: 0 };
  const updating = counts.stale + counts.pending + counts.failed;
  noteUpdating(today, counts.stale + counts.pending); // failures wait for a write or tomorrow: not a refresh
  return { today, rows, total, page, pages, counts, countsDay, updating };
}

/** countPortfolio (db/portfolio.ts), on the worker thread. */
async function countOffThread(filter: PortfolioFilter): Promise<{ withRow: number; withoutRow: number }> {
  const q = countPortfolioQuery(filter);
  const [withRow, withoutRow] = await Promise.all([
    readOffThread<number>(q.withRow, "value"),
    q.withoutRow ? readOffThread<number>(q.withoutRow, "value") : Promise.resolve(0),
  ]);
  return { withRow, withoutRow };
}
