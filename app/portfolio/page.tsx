import { Pager } from "@/components/pager";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { loadPortfolio } from "@/lib/server/portfolio";
import { AT_RISK_DAYS, RISK_HORIZON_DAYS } from "@/lib/vocabulary";
import { parsePortfolioParams, portfolioQueryString, type PortfolioParams } from "@/lib/validation/manager";
import { formatDate, formatNumber } from "@/lib/format";
import { PortfolioFilters } from "@/components/portfolio/filters";
import { PortfolioTable } from "@/components/portfolio/table";
import { IgnoredParams } from "@/components/portfolio/ignored-params";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PortfolioPage({ searchParams }: { searchParams: SearchParams }) {
  await requireChannelManager();
  const { params, rejected } = parsePortfolioParams(await searchParams);
  const view = await loadPortfolio(params);
  const [t, tImpact, locale] = await Promise.all([getTranslations("portfolio"), getTranslations("impact"), getLocale()]);
  const qs = portfolioQueryString(params, { page: undefined });
  const page = view.page;
  const countLink = (change: Partial<PortfolioParams>) =>
    `/portfolio${portfolioQueryString({ sort: params.sort, dir: params.dir, page: 1, size: params.size }, change as Record<string, string>)}`;
  const cards = [
    { key: "gold", n: view.counts.gold, href: countLink({ level: "gold" }) },
    { key: "silver", n: view.counts.silver, href: countLink({ level: "silver" }) },
    { key: "none", n: view.counts.none, href: countLink({ level: "none" }) },
    { key: "atRisk", n: view.counts.atRisk, href: countLink({ riskDays: AT_RISK_DAYS, sort: "risk" }) },
  ] as const;

  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-700">{t("asOf", { date: formatDate(view.today, locale, "long") })}</p>
        </div>
        <div className="no-print flex flex-wrap gap-2 text-sm">
          <Link href="/partners/new" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
            {t("actions.newPartner")}
          </Link>
          <Link href={`/portfolio/report${qs}`} className="rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100">
            {t("actions.print")}
          </Link>
          <a href={`/portfolio/export${qs}`} className="rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100" download>
            {t("actions.export")}
          </a>
          <Link href="/portfolio/impact" className="rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100">
            {tImpact("open")}
          </Link>
        </div>
      </header>

      <section aria-label={t("counts.label")} className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {cards.map((c) => (
          <Link
            key={c.key}
            href={c.href}
            data-testid={`count-${c.key}`}
            className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-blue-400"
          >
            <span className="block text-2xl font-semibold tabular-nums" data-value={c.n}>
              {formatNumber(c.n, locale)}
            </span>
            <span className="text-sm text-slate-700">{t(`counts.${c.key}`, { days: AT_RISK_DAYS })}</span>
          </Link>
        ))}
      </section>
      <p className="text-xs text-slate-600">{t("riskNote", { days: AT_RISK_DAYS, horizon: RISK_HORIZON_DAYS })}</p>

      {view.countsDay !== view.today && (
        <p role="status" data-testid="counts-of" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
          {t("countsOf", { day: formatDate(view.countsDay, locale), today: formatDate(view.today, locale) })}
        </p>
      )}
      {view.updating > 0 && (
        <p
          role="status"
          data-testid="updating"
          data-updating={view.updating}
          data-total={view.counts.total}
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950"
        >
          {t("updating", { count: view.updating, total: formatNumber(view.counts.total, locale), date: formatDate(view.today, locale) })}
          {view.counts.failed > 0 && <span className="block">{t("failedCount", { count: view.counts.failed, date: formatDate(view.today, locale) })}</span>}
        </p>
      )}

      <PortfolioFilters params={params} />

      <IgnoredParams rejected={rejected} />

      <p role="status" data-testid="result-count" data-total={view.total} className="text-sm text-slate-700">
        {t("results", { total: view.total })}
      </p>

      {view.total === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">{view.counts.total === 0 ? t("empty") : t("noMatch")}</p>
      ) : (
        <>
          <PortfolioTable rows={view.rows} params={params} sortable />
          <Pager
            page={page}
            pageSize={params.size}
            total={view.total}
            href={(n) => `/portfolio${portfolioQueryString(params, { page: n })}`}
            label={t("title")}
          />
        </>
      )}
      <p className="text-xs text-slate-600">{t("storedNote")}</p>
    </div>
  );
}
