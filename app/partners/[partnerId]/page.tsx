import { notFound } from "next/navigation";
import { ClientIntl } from "@/components/i18n/client-intl";
import { STATUS_PAGE_ADMIN_NAMESPACES, STATUS_PAGE_NAMESPACES } from "@/lib/i18n/messages";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { buildDashboard } from "@/lib/server/dashboard";
import { formatDate, formatDateTime } from "@/lib/format";
import { CurrentLevel } from "@/components/dashboard/current-level";
import { LevelCard } from "@/components/dashboard/level-card";
import { RevenueDetail } from "@/components/dashboard/revenue-detail";
import { RiskPanel } from "@/components/dashboard/risk-panel";
import { HowCounted } from "@/components/dashboard/how-counted";
import { IgnoredPasses } from "@/components/dashboard/ignored-passes";
import { AsOfForm, RuleSetNotYet } from "@/components/dashboard/as-of-form";
import { LevelHistory, PartnerAdminPanel, ReviewPanel } from "@/components/manage/panels";
import { listReviewNotes } from "@/db/manage";
import { listReplies } from "@/db/review";
import { listPartnerAccounts } from "@/db/accounts";
import { queueItemOf } from "@/lib/server/review-queue";
import { QueueBanner } from "@/components/loop/queue-banner";
import Link from "next/link";
import { PartnerTabs } from "@/components/partner/tabs";
import { listSettingsChanges } from "@/db/settings-changes";
import { SettingsChangesNotice } from "@/components/settings/changes-notice";

export default async function PartnerPage({
  params,
  searchParams,
}: {
  params: Promise<{ partnerId: string }>;
  searchParams: Promise<{ asOf?: string | string[]; all?: string | string[]; excludedPage?: string | string[] }>;
}) {
  const { partnerId } = await params;
  const id = Number(partnerId);
  const user = await requirePartnerAccess(id);
  const sp = await searchParams;
  const model = buildDashboard(id, typeof sp.asOf === "string" ? sp.asOf : undefined);
  if (!model) notFound();
  const { data, evaluation, asOf } = model;
  const [t, tMarket, tReport, tWhatIf, locale] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("market"),
    getTranslations("report"),
    getTranslations("whatIf"),
    getLocale(),
  ]);
  const timeZone = await getTimeZone();
  const isManager = user.role === "channel_manager";
  const notes = listReviewNotes(id);
  const replies = listReplies(
    id,
    notes.map((n) => n.id),
  );
  const asOfQuery = sp.asOf && !model.asOfWasInvalid ? `?asOf=${asOf}` : "";
  const exportLink = "rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100";
  /** This page's URL with some parameters changed (null removes one); the as-of date stays. */
  const here = (change: Record<string, string | null>) => {
    const q = new URLSearchParams();
    if (asOfQuery) q.set("asOf", asOf);
    if (sp.all === "customers") q.set("all", "customers");
    if (typeof sp.excludedPage === "string") q.set("excludedPage", sp.excludedPage);
    for (const [k, v] of Object.entries(change)) {
      if (v === null) q.delete(k);
      else q.set(k, v);
    }
    const str = q.toString();
    return `/partners/${id}${str ? `?${str}` : ""}`;
  };
  return (
    // Only what this page's client components translate goes to the browser (the data page has its own).
    <ClientIntl namespaces={isManager ? STATUS_PAGE_NAMESPACES : STATUS_PAGE_ADMIN_NAMESPACES}>
      <div className="space-y-6">
        <header className="space-y-2">
          <h1 className="text-2xl font-semibold">{t("title", { partner: data.partner.name })}</h1>
          <PartnerTabs partnerId={id} current="status" query={asOfQuery} />
          <p className="text-slate-700">
            {t("partnerId")}: {data.partner.msPartnerId} · {tMarket(data.partner.market)} ·{" "}
            {t("ruleSetName", { id: data.partner.ruleSet, date: formatDate(model.ruleSetEffectiveFrom, locale) })}
          </p>
          <AsOfForm asOf={asOf} path={`/partners/${id}`} invalid={model.asOfWasInvalid} />
          <RuleSetNotYet asOf={asOf} ruleSet={data.partner.ruleSet} from={model.ruleSetEffectiveFrom} />
          <nav aria-label={tReport("toolsLabel")} className="no-print flex flex-wrap gap-2 text-sm">
            <Link href={`/partners/${id}/report${asOfQuery}`} className={exportLink}>
              {tReport("open")}
            </Link>
            <Link href={`/partners/${id}/what-if`} className={exportLink} data-testid="open-what-if">
              {tWhatIf("open")}
            </Link>
            <Link href={`/partners/${id}/data#section-import`} className={exportLink}>
              {tWhatIf("openImport")}
            </Link>
            <Link href={`/partners/${id}/audit`} className={exportLink}>
              {tReport("auditLog")}
            </Link>
          </nav>
        </header>
        {isManager && <QueueBanner item={queueItemOf(id)} />}

        <CurrentLevel
          evaluation={evaluation}
          partnerName={data.partner.name}
          showWindow
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        />

        <SettingsChangesNotice changes={listSettingsChanges(id)} />

        <RiskPanel model={model} />

        <div className="grid gap-6 lg:grid-cols-2">
          <LevelCard level="silver" evaluation={evaluation} names={model.names} />
          <LevelCard level="gold" evaluation={evaluation} names={model.names} />
        </div>

        <IgnoredPasses evaluation={evaluation} />
        <div className="grid gap-6 lg:grid-cols-2">
          <ReviewPanel partnerId={id} notes={notes} canWrite={isManager} replies={replies} canReply={user.role === "partner_admin"} />
          <LevelHistory changes={model.history} through={asOf} />
        </div>
        <RevenueDetail
          evaluation={evaluation}
          customerNames={model.customerNames}
          paging={{ allCustomers: sp.all === "customers", excludedPage: sp.excludedPage, href: here }}
        />
        <HowCounted evaluation={evaluation} />

        {isManager && (
          <PartnerAdminPanel
            partnerId={id}
            market={data.partner.market}
            ruleSet={data.partner.ruleSet}
            version={data.partner.version}
            admins={listPartnerAccounts(id).map((a) => ({ ...a, lastSignIn: a.lastSignInAt ? formatDateTime(a.lastSignInAt, locale, timeZone) : null }))}
          />
        )}
      </div>
    </ClientIntl>
  );
}
