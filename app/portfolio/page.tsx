import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/auth/session";
import { evaluatePortfolio } from "@/lib/evaluation";
import { formatMoney, todayIso } from "@/lib/format";
import { LevelBadge } from "@/components/level-badge";

export default async function PortfolioPage() {
  await requireChannelManager();
  const rows = evaluatePortfolio(todayIso());
  const [t, tMarket, locale] = await Promise.all([getTranslations("portfolio"), getTranslations("market"), getLocale()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {rows.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-left text-sm shadow-sm">
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="p-2">{t("name")}</th>
              <th scope="col" className="p-2">{t("partnerId")}</th>
              <th scope="col" className="p-2">{t("market")}</th>
              <th scope="col" className="p-2">{t("level")}</th>
              <th scope="col" className="p-2 text-right">{t("revenue")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ partner, evaluation }) => (
              <tr key={partner.id} className="border-t border-slate-200" data-testid="portfolio-row">
                <td className="p-2"><Link href={`/partners/${partner.id}`} className="text-blue-800 underline">{partner.name}</Link></td>
                <td className="p-2">{partner.msPartnerId}</td>
                <td className="p-2">{tMarket(partner.market)}</td>
                <td className="p-2"><LevelBadge level={evaluation.level} /></td>
                <td className="p-2 text-right tabular-nums">{formatMoney(evaluation.qualifyingRevenueCents, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
