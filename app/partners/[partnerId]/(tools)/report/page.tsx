import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { buildDashboard } from "@/lib/server/dashboard";
import { listReviewNotes } from "@/db/manage";
import { formatDate } from "@/lib/format";
import { CurrentLevel } from "@/components/dashboard/current-level";
import { LevelCard } from "@/components/dashboard/level-card";
import { PRINTED_ROWS, RevenueDetail } from "@/components/dashboard/revenue-detail";
import { RiskPanel } from "@/components/dashboard/risk-panel";
import { IgnoredPasses } from "@/components/dashboard/ignored-passes";
import { PrintButton } from "@/components/report/print-button";
import { PageSetup } from "@/components/report/page-setup";
import { RuleSetNotYet } from "@/components/dashboard/as-of-form";
import { formatDateTime } from "@/lib/format";

/** One partner's status on paper (A4 first): everything the dashboard says, without the forms. */
export default async function PartnerReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ partnerId: string }>;
  searchParams: Promise<{ asOf?: string | string[] }>;
}) {
  const { partnerId } = await params;
  const id = Number(partnerId);
  await requirePartnerAccess(id);
  const sp = await searchParams;
  const model = buildDashboard(id, typeof sp.asOf === "string" ? sp.asOf : undefined);
  if (!model) notFound();
  const { data, evaluation, asOf } = model;
  const [t, tDash, tMarket, tDecision, locale] = await Promise.all([
    getTranslations("report"),
    getTranslations("dashboard"),
    getTranslations("market"),
    getTranslations("decision"),
    getLocale(),
  ]);
  const latest = listReviewNotes(id, 1)[0];
  const generated = formatDateTime(new Date(), locale, await getTimeZone());
  return (
    <article className="report mx-auto max-w-[210mm] space-y-5 bg-white p-6 print:p-0" data-testid="partner-report">
      <PageSetup footer={t("footer", { partner: data.partner.name, date: formatDate(asOf, locale) })} page={t("page")} of={t("of")} />
      <div className="no-print flex flex-wrap items-center gap-3">
        <PrintButton />
        <Link href={`/partners/${id}${sp.asOf ? `?asOf=${asOf}` : ""}`} className="text-blue-800 underline">
          {t("back")}
        </Link>
      </div>
      <header className="space-y-1 border-b border-slate-300 pb-3">
        <p className="text-sm uppercase tracking-wide text-slate-600">{t("title")}</p>
        <h1 className="text-2xl font-semibold">{data.partner.name}</h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm">
          <dt className="font-medium">{tDash("partnerId")}</dt>
          <dd>{data.partner.msPartnerId}</dd>
          <dt className="font-medium">{t("market")}</dt>
          <dd>{tMarket(data.partner.market)}</dd>
          <dt className="font-medium">{tDash("ruleSet")}</dt>
          <dd>{tDash("ruleSetName", { id: data.partner.ruleSet, date: formatDate(model.ruleSetEffectiveFrom, locale) })}</dd>
          <dt className="font-medium">{t("asOf")}</dt>
          <dd>{formatDate(asOf, locale, "long")}</dd>
          <dt className="font-medium">{t("window")}</dt>
          <dd>{t("windowValue", { from: formatDate(evaluation.window.from, locale), to: formatDate(evaluation.window.to, locale) })}</dd>
          <dt className="font-medium">{t("generated")}</dt>
          <dd data-testid="generated-at">{generated}</dd>
        </dl>
        <RuleSetNotYet asOf={asOf} ruleSet={data.partner.ruleSet} from={model.ruleSetEffectiveFrom} />
      </header>

      <CurrentLevel evaluation={evaluation} partnerName={data.partner.name} showWindow={false} className="break-inside-avoid" />

      <RiskPanel model={model} />
      <LevelCard level="silver" evaluation={evaluation} names={model.names} />
      <LevelCard level="gold" evaluation={evaluation} names={model.names} />
      <IgnoredPasses evaluation={evaluation} limit={PRINTED_ROWS} />
      <RevenueDetail evaluation={evaluation} customerNames={model.customerNames} />

      <section aria-labelledby="report-review" className="break-inside-avoid rounded-lg border border-slate-200 p-4">
        <h2 id="report-review" className="text-lg font-semibold">
          {t("latestReview")}
        </h2>
        {latest ? (
          <div data-testid="report-review">
            <p className="font-medium">
              {tDecision(latest.decision)} ·{" "}
              <span className="font-normal">{t("reviewBy", { author: latest.authorName, date: formatDate(latest.createdAt.slice(0, 10), locale) })}</span>
            </p>
            <p className="mt-1 whitespace-pre-wrap break-words text-sm">{latest.body}</p>
          </div>
        ) : (
          <p className="text-sm">{t("noReview")}</p>
        )}
      </section>
      <p className="text-xs text-slate-600">{t("rulesNote")}</p>
    </article>
  );
}
