import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { IMPACT_PAGE_SIZE, impactReport } from "@/lib/server/impact";
import { impactQuery, parseImpactParams } from "@/lib/impact-params";
import { formatDate, todayIso } from "@/lib/format";
import { MARKETS, RULE_SET_IDS } from "@/lib/vocabulary";
import { PrintButton } from "@/components/report/print-button";

export async function generateMetadata() {
  const t = await getTranslations("impact");
  return { title: t("title") };
}

/** Portfolio-wide impact of moving partners to another rule set on a date (channel managers). */
export default async function ImpactPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireChannelManager();
  const p = parseImpactParams(await searchParams);
  const asOf = p.on ?? todayIso();
  const report = impactReport({ to: p.to, from: p.from, market: p.market }, asOf, p.page);
  const [t, tLevel, tMarket, tManage, locale] = await Promise.all([
    getTranslations("impact"),
    getTranslations("level"),
    getTranslations("market"),
    getTranslations("manage"),
    getLocale(),
  ]);
  const base = { to: p.to, from: p.from, market: p.market, on: p.on };
  const pages = Math.max(1, Math.ceil(report.total / IMPACT_PAGE_SIZE));
  const select = "w-full rounded border border-slate-400 bg-white px-2 py-1";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form method="get" className="no-print grid gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-5 sm:items-end" aria-label={t("formLabel")}>
        <div>
          <label htmlFor="impact-to" className="mb-1 block text-sm font-medium">
            {t("to")}
          </label>
          <select id="impact-to" name="to" defaultValue={p.to} className={select}>
            {RULE_SET_IDS.map((r) => (
              <option key={r} value={r}>
                {tManage(`ruleSetOption.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="impact-on" className="mb-1 block text-sm font-medium">
            {t("on")}
          </label>
          <input id="impact-on" name="on" type="date" defaultValue={asOf} className={select} />
        </div>
        <div>
          <label htmlFor="impact-from" className="mb-1 block text-sm font-medium">
            {t("from")}
          </label>
          <select id="impact-from" name="from" defaultValue={p.from ?? ""} className={select}>
            <option value="">{t("any")}</option>
            {RULE_SET_IDS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="impact-market" className="mb-1 block text-sm font-medium">
            {t("market")}
          </label>
          <select id="impact-market" name="market" defaultValue={p.market ?? ""} className={select}>
            <option value="">{t("any")}</option>
            {MARKETS.map((m) => (
              <option key={m} value={m}>
                {tMarket(m)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800">
          {t("show")}
        </button>
      </form>

      <section aria-labelledby="impact-summary" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="impact-summary" className="text-lg font-semibold" data-testid="impact-summary">
          {t("summary", { n: report.total, to: p.to, date: formatDate(asOf, locale), gain: report.gain, loss: report.loss, same: report.same })}
        </h2>
        {report.total > IMPACT_PAGE_SIZE && (
          <p className="text-sm text-slate-700" data-testid="impact-bounded">
            {t("bounded", { from: report.offset + 1, to: report.offset + report.rows.length, total: report.total, size: IMPACT_PAGE_SIZE })}
          </p>
        )}
        <div className="no-print flex flex-wrap gap-2 text-sm">
          <PrintButton />
          <a
            href={`/portfolio/impact/export${impactQuery({ ...base, page: p.page })}`}
            download
            className="rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100"
          >
            {t("csv")}
          </a>
          <Link href="/portfolio" className="px-1 py-1.5 text-blue-800 underline">
            {t("back")}
          </Link>
        </div>
        {report.rows.length === 0 ? (
          <p className="text-sm">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="impact-table">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-1 pr-2">
                    {t("partner")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("msPartnerId")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("market")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("ruleSetNow")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("level")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100" data-testid="impact-row" data-change={r.change}>
                    <td className="py-1 pr-2">
                      <Link href={`/partners/${r.id}`} className="text-blue-800 underline">
                        {r.name}
                      </Link>
                    </td>
                    <td className="py-1 pr-2 tabular-nums">{r.msPartnerId}</td>
                    <td className="py-1 pr-2">{tMarket(r.market)}</td>
                    <td className="py-1 pr-2">{r.ruleSet}</td>
                    <td
                      className={`py-1 pr-2 ${r.change === "loss" ? "font-semibold text-red-800" : r.change === "gain" ? "font-semibold text-green-800" : ""}`}
                    >
                      {t(`change.${r.change}`, { before: tLevel(r.before), after: tLevel(r.after) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 && (
          <nav aria-label={t("pages")} className="no-print flex gap-3 text-sm">
            {p.page > 1 && (
              <Link href={`/portfolio/impact${impactQuery({ ...base, page: p.page - 1 })}`} className="text-blue-800 underline">
                {t("previous")}
              </Link>
            )}
            <span>{t("pageOf", { page: p.page, pages })}</span>
            {p.page < pages && (
              <Link href={`/portfolio/impact${impactQuery({ ...base, page: p.page + 1 })}`} className="text-blue-800 underline">
                {t("next")}
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
