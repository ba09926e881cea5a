import "server-only";
import { addDays } from "@/lib/competency";
import { AT_RISK_DAYS } from "@/lib/vocabulary";
import { portfolioCounts, queryPortfolio, type PortfolioRow } from "@/db/portfolio";
import { refreshStaleEvaluations } from "@/lib/server/stored-evaluations";
import type { PortfolioParams } from "@/lib/validation/manager";
import { todayIso } from "@/lib/format";


export interface PortfolioView {
  today: string;
  rows: PortfolioRow[];
  total: number;
  page: number;
  pages: number;
  counts: ReturnType<typeof portfolioCounts>;
}

/**
 * The portfolio as of today for a URL state: stale stored evaluations are recomputed first, then one
 * SQL query filters, sorts and pages. `all` returns every matching row (print and CSV).
 */
export function loadPortfolio(p: PortfolioParams, opts: { all?: boolean; today?: string } = {}): PortfolioView {
  const today = opts.today ?? todayIso();
  refreshStaleEvaluations(today);
  const query = {
    level: p.level,
    market: p.market,
    maxExams: p.maxExams,
    maxShortfallBp: p.maxShortfall === undefined ? undefined : Math.round(p.maxShortfall * 100),
    atRiskBy: p.riskDays === undefined ? undefined : addDays(today, p.riskDays),
    notReviewedSince: p.notReviewedSince,
    changedSinceReview: p.changed,
    q: p.q,
    sort: p.sort,
    dir: p.dir,
    page: p.page,
    pageSize: opts.all ? 0 : p.size,
  };
  let { rows, total } = queryPortfolio(query);
  const pages = Math.max(1, Math.ceil(total / p.size));
  // A page past the end (an old link, a narrower filter): show the last page instead.
  if (!opts.all && p.page > pages) ({ rows, total } = queryPortfolio({ ...query, page: pages }));
  return {
    today,
    rows,
    total,
    page: Math.min(p.page, pages),
    pages,
    counts: portfolioCounts(addDays(today, AT_RISK_DAYS)),
  };
}
