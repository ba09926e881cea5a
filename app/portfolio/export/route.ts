import { getLocale, getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { loadPortfolio } from "@/lib/server/portfolio";
import { parsePortfolioParams } from "@/lib/validation/manager";
import { csvResponse, toCsv, type CsvCell } from "@/lib/csv";
import type { Cents } from "@/lib/format";
import { asLocale } from "@/lib/i18n/config";

/** The portfolio's current filter and sort as CSV (every matching row). */
export async function GET(request: Request) {
  await requireChannelManager();
  const { params } = parsePortfolioParams(Object.fromEntries(new URL(request.url).searchParams));
  const view = await loadPortfolio(params, { all: true });
  const [t, tLevel, tMarket, tDecision, localeRaw] = await Promise.all([
    getTranslations("csv"),
    getTranslations("level"),
    getTranslations("market"),
    getTranslations("decision"),
    getLocale(),
  ]);
  const locale = asLocale(localeRaw);
  const header = [
    t("partner"),
    t("partnerId"),
    t("market"),
    t("ruleSet"),
    t("level"),
    t("qualifyingRevenue"),
    t("nextLevel"),
    t("nextThreshold"),
    t("shortfall"),
    t("silverSlots"),
    t("silverSlotsTotal"),
    t("goldSlots"),
    t("goldSlotsTotal"),
    t("examsNeeded"),
    t("atRiskOn"),
    t("levelThen"),
    t("lastReview"),
    t("lastDecision"),
    t("asOf"),
    t("status"),
  ];
  // Every partner is a line. Each line carries the date its figures hold for and its status, so rows
  // of two dates are never mixed silently; a partner without a stored row has empty figures.
  const status = { current: t("statusCurrent"), stale: t("statusStale"), pending: t("statusPending"), failed: t("statusFailed") } as const;
  const cents = (c: Cents | null): CsvCell => (c === null ? null : { cents: c });
  const int = (n: number | null): CsvCell => (n === null ? null : { int: n });
  const rows: CsvCell[][] = view.rows.map((r) => [
    r.name,
    r.msPartnerId,
    tMarket(r.market),
    r.ruleSet,
    r.level ? tLevel(r.level) : null,
    cents(r.qualifyingRevenueCents),
    r.nextLevel ? tLevel(r.nextLevel) : null,
    r.nextLevel ? cents(r.nextThresholdCents) : null,
    r.nextLevel ? cents(r.nextShortfallCents) : null,
    // Filled and required as two numbers: "2/2" in one cell opens as a date in spreadsheets.
    r.level ? int(r.silverSlotsFilled) : null,
    r.level ? int(r.silverSlots) : null,
    r.level ? int(r.goldSlotsFilled) : null,
    r.level ? int(r.goldSlots) : null,
    r.nextLevel && r.nextExamsNeeded !== null ? { int: r.nextExamsNeeded } : null,
    r.atRiskOn,
    r.levelAtRisk ? tLevel(r.levelAtRisk) : null,
    r.lastReviewAt ? r.lastReviewAt.slice(0, 10) : null,
    r.lastReviewDecision ? tDecision(r.lastReviewDecision) : null,
    r.asOf,
    status[r.state],
  ]);
  return csvResponse(toCsv(header, rows, locale), `portfolio-${view.today}.csv`);
}
