import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/auth/session";
import { evaluatePartner } from "@/lib/evaluation";
import { formatDate, todayIso } from "@/lib/format";
import { LevelSummary } from "@/components/level-summary";
import { LevelBadge } from "@/components/level-badge";

export default async function PartnerPage({ params }: { params: Promise<{ partnerId: string }> }) {
  const { partnerId } = await params;
  const id = Number(partnerId);
  await requirePartnerAccess(id);
  const asOf = todayIso();
  const result = evaluatePartner(id, asOf);
  if (!result) notFound();
  const { data, evaluation } = result;
  const [t, tMarket, locale] = await Promise.all([getTranslations("dashboard"), getTranslations("market"), getLocale()]);
  const names = new Map(data.individuals.map((p) => [String(p.id), p.name]));
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("title", { partner: data.partner.name })}</h1>
        <p className="text-slate-700">
          {t("partnerId")}: {data.partner.msPartnerId} · {tMarket(data.partner.market)} · {t("ruleSet")}: {data.partner.ruleSet}
        </p>
        <p className="text-slate-700">{t("asOf", { date: formatDate(asOf, locale, "long") })}</p>
      </header>
      <section aria-labelledby="current-level" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="current-level" className="text-lg font-semibold">{t("currentLevel")}</h2>
        <p className="mt-2" data-testid="current-level"><LevelBadge level={evaluation.level} /></p>
        <p className="mt-2 text-sm text-slate-700">
          {t("window", { from: formatDate(evaluation.window.from, locale), to: formatDate(evaluation.window.to, locale) })}
        </p>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <LevelSummary level="silver" result={evaluation.silver} names={names} evaluation={evaluation} />
        <LevelSummary level="gold" result={evaluation.gold} names={names} evaluation={evaluation} />
      </div>
    </div>
  );
}
