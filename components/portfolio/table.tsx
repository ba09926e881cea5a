import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { PortfolioRow } from "@/db/portfolio";
import { AT_RISK_DAYS, type PortfolioSort } from "@/lib/vocabulary";
import { addDays } from "@/lib/competency";
import { formatDate, formatMoney, todayIso, type Cents } from "@/lib/format";
import { portfolioQueryString, type PortfolioParams } from "@/lib/validation/manager";
import { LevelBadge } from "@/components/level-badge";

const COLUMNS: { key: PortfolioSort; align?: "right" }[] = [
  { key: "name" },
  { key: "partnerId" },
  { key: "market" },
  { key: "level" },
  { key: "revenue", align: "right" },
  { key: "shortfall", align: "right" },
  { key: "slots" },
  { key: "exams", align: "right" },
  { key: "risk" },
  { key: "review" },
];

/** The portfolio's rows; column headers sort (through the URL) when `sortable`. */
export async function PortfolioTable({ rows, params, sortable }: { rows: PortfolioRow[]; params: PortfolioParams; sortable: boolean }) {
  const [t, tLevel, tMarket, tDecision, locale] = await Promise.all([
    getTranslations("portfolio"),
    getTranslations("level"),
    getTranslations("market"),
    getTranslations("decision"),
    getLocale(),
  ]);
  const money = (c: Cents) => formatMoney(c, locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  // "At risk": the level is lost within AT_RISK_DAYS (the counts above and the dashboard say the same).
  const atRiskBy = addDays(todayIso(), AT_RISK_DAYS);
  const label = (k: PortfolioSort) => t(`columns.${k}`);
  return (
    // Focusable and named, so keyboard users can scroll a table wider than the screen.
    // Relative: visually hidden text stays inside the scroll area. Below 640 px each row is a card.
    <div
      tabIndex={0}
      role="region"
      aria-label={t("caption")}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm print:overflow-visible print:border-0 print:shadow-none"
    >
      <table className={`stack-table w-full border-collapse text-left text-sm ${sortable ? "stack-head-visible" : ""}`} data-testid="portfolio-table">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-100 print:bg-white">
          <tr>
            {COLUMNS.map((c) => {
              const active = params.sort === c.key;
              const nextDir = active && params.dir === "asc" ? "desc" : "asc";
              const label = t(`columns.${c.key}`);
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={`p-2 align-bottom ${c.align === "right" ? "text-right" : ""}`}
                  aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {sortable ? (
                    <Link
                      href={`/portfolio${portfolioQueryString(params, { sort: c.key, dir: nextDir, page: 1 })}`}
                      className="text-blue-900 underline-offset-2 hover:underline"
                      data-testid={`sort-${c.key}`}
                    >
                      {label}
                      <span aria-hidden="true">{active ? (params.dir === "asc" ? " ▲" : " ▼") : ""}</span>
                      <span className="sr-only">{active ? ` (${t(params.dir === "asc" ? "sortedAsc" : "sortedDesc")})` : ""}</span>
                    </Link>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const figures = r.level !== null; // a stored row exists (current, or from an earlier day)
            const status =
              r.state === "current"
                ? null
                : r.state === "pending"
                  ? t("state.pending")
                  : r.state === "stale"
                    ? t("state.stale", { date: formatDate(r.asOf!, locale, "short") })
                    : r.asOf
                      ? t("state.failedAsOf", { date: formatDate(r.asOf, locale, "short") })
                      : t("state.failed");
            return (
              <tr
                key={r.partnerId}
                className={`break-inside-avoid border-t border-slate-200 align-top ${status ? "bg-amber-50/60" : ""}`}
                data-testid="portfolio-row"
                data-partner-id={r.partnerId}
                data-state={r.state}
                data-revenue={r.qualifyingRevenueCents === null ? "" : String(r.qualifyingRevenueCents)}
                data-shortfall-bp={r.nextLevel ? (r.nextShortfallBp ?? "") : ""}
                data-name={r.name}
              >
                <td className="p-2 font-medium [overflow-wrap:anywhere] sm:min-w-32 sm:font-normal">
                  {sortable ? (
                    <Link href={`/partners/${r.partnerId}`} className="text-blue-800 underline">
                      {r.name}
                    </Link>
                  ) : (
                    r.name
                  )}
                  {status && (
                    <span className="block text-xs font-medium text-amber-900" data-testid="row-status">
                      {status}
                    </span>
                  )}
                </td>
                <td className="p-2 tabular-nums" data-label={label("partnerId")}>
                  {r.msPartnerId}
                </td>
                <td className="p-2" data-label={label("market")}>
                  <span title={tMarket(r.market)}>{t(`cells.market.${r.market}`)}</span>
                </td>
                <td className="p-2 whitespace-nowrap" data-label={label("level")} data-testid="cell-level" data-level={r.level ?? ""}>
                  {r.level ? <LevelBadge level={r.level} /> : "—"}
                </td>
                <td className="p-2 text-right tabular-nums" data-label={label("revenue")}>
                  {figures && r.qualifyingRevenueCents !== null ? (
                    <>
                      {money(r.qualifyingRevenueCents)}
                      <span className="block text-xs text-slate-600">
                        {r.nextLevel && r.nextThresholdCents !== null
                          ? t("cells.ofThreshold", { threshold: money(r.nextThresholdCents), level: tLevel(r.nextLevel) })
                          : t("cells.topLevel")}
                      </span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="p-2 text-right tabular-nums" data-label={label("shortfall")} data-testid="cell-shortfall">
                  {r.nextLevel && r.nextShortfallCents !== null ? (
                    <>
                      {money(r.nextShortfallCents)}
                      <span className="block text-xs text-slate-600">{percent.format((r.nextShortfallBp ?? 0) / 10000)}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="p-2 whitespace-nowrap" data-label={label("slots")} data-testid="cell-slots">
                  {figures ? (
                    <>
                      <span className="block">{t("cells.slotsSilver", { filled: r.silverSlotsFilled ?? 0, total: r.silverSlots ?? 0 })}</span>
                      <span className="block">{t("cells.slotsGold", { filled: r.goldSlotsFilled ?? 0, total: r.goldSlots ?? 0 })}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="p-2 text-right tabular-nums" data-label={label("exams")} data-testid="cell-exams">
                  {r.nextLevel ? t("cells.exams", { count: r.nextExamsNeeded ?? 0, level: tLevel(r.nextLevel) }) : "—"}
                </td>
                <td
                  className="p-2 whitespace-nowrap"
                  data-label={label("risk")}
                  data-testid="cell-risk"
                  data-at-risk={r.atRiskOn && r.atRiskOn <= atRiskBy ? "true" : undefined}
                >
                  {r.atRiskOn && r.levelAtRisk ? (
                    <>
                      <span className={`block ${r.atRiskOn <= atRiskBy ? "font-semibold text-red-800" : ""}`}>
                        {formatDate(r.atRiskOn, locale, "short")}
                        {r.atRiskOn <= atRiskBy && <span className="block text-xs font-normal">{t("cells.atRisk")}</span>}
                      </span>
                      <span className="block text-xs text-slate-600">{t("cells.riskThen", { level: tLevel(r.levelAtRisk) })}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="p-2" data-label={label("review")} data-testid="cell-review">
                  {r.lastReviewAt ? (
                    <>
                      {formatDate(r.lastReviewAt.slice(0, 10), locale, "short")}
                      {r.lastReviewDecision && <span className="block text-xs text-slate-600">{tDecision(r.lastReviewDecision)}</span>}
                    </>
                  ) : (
                    t("cells.never")
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
