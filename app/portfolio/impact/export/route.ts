import { getLocale, getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { impactReport } from "@/lib/server/impact";
import { parseImpactParams } from "@/lib/impact-params";
import { csvResponse, toCsv } from "@/lib/csv";
import { asLocale } from "@/lib/i18n/config";
import { todayIso } from "@/lib/format";

/** The impact report's page as CSV, in the user's language and dialect. */
export async function GET(req: Request) {
  await requireChannelManager();
  const p = parseImpactParams(Object.fromEntries(new URL(req.url).searchParams));
  const asOf = p.on ?? todayIso();
  const report = impactReport({ to: p.to, from: p.from, market: p.market }, asOf, p.page);
  const [t, tLevel, tMarket, localeRaw] = await Promise.all([getTranslations("impact"), getTranslations("level"), getTranslations("market"), getLocale()]);
  const header = [t("partner"), t("msPartnerId"), t("market"), t("ruleSetNow"), t("csvTo"), t("csvBefore"), t("csvAfter"), t("csvChange")];
  const rows = report.rows.map((r) => [
    r.name,
    r.msPartnerId,
    tMarket(r.market),
    r.ruleSet,
    p.to,
    tLevel(r.before),
    tLevel(r.after),
    t(`csvChanges.${r.change}`),
  ]);
  return csvResponse(toCsv(header, rows, asLocale(localeRaw)), `impact-${p.to}-${asOf}.csv`);
}
