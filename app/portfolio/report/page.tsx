import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { loadPortfolio } from "@/lib/server/portfolio";
import { AT_RISK_DAYS } from "@/lib/vocabulary";
import { parsePortfolioParams, portfolioQueryString } from "@/lib/validation/manager";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { PortfolioTable } from "@/components/portfolio/table";
import { PrintButton } from "@/components/report/print-button";
import { PageSetup } from "@/components/report/page-setup";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The portfolio's current filter as a printable summary: every matching row, no pagination. */
export default async function PortfolioReportPage({ searchParams }: { searchParams: SearchParams }) {
  await requireChannelManager();
  const { params } = parsePortfolioParams(await searchParams);
  const view = await loadPortfolio(params, { all: true });
  const [t, tp, tLevel, tMarket, locale] = await Promise.all([
    getTranslations("report"),
    getTranslations("portfolio"),
    getTranslations("level"),
    getTranslations("market"),
    getLocale(),
  ]);
  const filters = [
    params.q ? `${tp("filters.q")}: “${params.q}”` : null,
    params.level ? `${tp("filters.level")}: ${tLevel(params.level)}` : null,
    params.market ? `${tp("filters.market")}: ${tMarket(params.market)}` : null,
    params.maxExams !== undefined ? `${tp("filters.maxExams")}: ${params.maxExams}` : null,
    params.maxShortfall !== undefined ? `${tp("filters.maxShortfall")}: ${formatNumber(params.maxShortfall, locale)}` : null,
    params.riskDays ? `${tp("filters.riskDays")}: ${tp("filters.withinDays", { days: params.riskDays })}` : null,
    params.notReviewedSince ? `${tp("filters.notReviewedSince")}: ${formatDate(params.notReviewedSince, locale)}` : null,
  ].filter(Boolean);
  const generated = formatDateTime(new Date(), locale, await getTimeZone());
  return (
    <article className="mx-auto space-y-4 bg-white p-6 print:p-0" data-testid="portfolio-report">
      <PageSetup footer={t("portfolioFooter", { date: formatDate(view.today, locale) })} page={t("page")} of={t("of")} landscape />
      <div className="no-print flex flex-wrap items-center gap-3">
        <PrintButton />
        <Link href={`/portfolio${portfolioQueryString(params)}`} className="text-blue-800 underline">
          {t("backToPortfolio")}
        </Link>
      </div>
      <header className="space-y-1 border-b border-slate-300 pb-3">
        <p className="text-sm uppercase tracking-wide text-slate-600">{t("portfolioTitle")}</p>
        <h1 className="text-2xl font-semibold">{tp("title")}</h1>
        <p className="text-sm">
          {tp("asOf", { date: formatDate(view.today, locale, "long") })} · {t("generated")}: {generated}
        </p>
        <p className="text-sm">{filters.length ? t("filtersApplied", { filters: filters.join("; ") }) : t("noFilters")}</p>
        <p className="text-sm">
          {t("countsLine", {
            gold: view.counts.gold,
            silver: view.counts.silver,
            none: view.counts.none,
            atRisk: view.counts.atRisk,
            days: AT_RISK_DAYS,
            total: view.counts.total,
          })}
        </p>
        {view.updating > 0 && (
          <p className="text-sm font-medium" data-testid="updating" data-updating={view.updating}>
            {tp("updating", { count: view.updating, total: formatNumber(view.counts.total, locale), date: formatDate(view.today, locale) })}{" "}
            {t("countsUpToDate", { current: view.counts.total - view.updating, date: formatDate(view.today, locale) })}
          </p>
        )}
        <p className="text-sm font-medium" data-testid="result-count">
          {tp("results", { total: view.total })}
        </p>
      </header>
      {view.total === 0 ? <p>{tp("noMatch")}</p> : <PortfolioTable rows={view.rows} params={params} sortable={false} />}
    </article>
  );
}
