import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { getPartnerData, toFacts } from "@/db/partners";
import { examCatalogue } from "@/lib/competency";
import { packFacts, parseScenario } from "@/lib/what-if";
import { todayIso } from "@/lib/format";
import { WhatIfPlanner } from "@/components/what-if/planner";
import { applyWhatIfAction } from "@/app/partners/[partnerId]/actions";

export async function generateMetadata() {
  const t = await getTranslations("whatIf");
  return { title: t("title") };
}

/** The what-if planner of one partner: the scenario is in the URL (`?s=`), evaluated in the browser. */
export default async function WhatIfPage({
  params,
  searchParams,
}: {
  params: Promise<{ partnerId: string }>;
  searchParams: Promise<{ s?: string | string[] }>;
}) {
  const id = Number((await params).partnerId);
  const user = await requirePartnerAccess(id);
  const data = getPartnerData(id);
  if (!data) notFound();
  const sp = await searchParams;
  const t = await getTranslations("whatIf");
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">{t("heading", { partner: data.partner.name })}</h1>
        <p className="text-slate-700">{t("intro", { ruleSet: data.partner.ruleSet, exams: examCatalogue(data.partner.ruleSet).length })}</p>
      </header>
      <WhatIfPlanner
        partnerId={id}
        ruleSet={data.partner.ruleSet}
        facts={packFacts(toFacts(data))}
        customers={data.customers.map((c) => ({ id: c.id, name: c.name }))}
        asOf={todayIso()}
        initial={parseScenario(typeof sp.s === "string" ? sp.s : null)}
        canApply={user.role === "partner_admin"}
        applyAction={applyWhatIfAction.bind(null, id)}
      />
    </div>
  );
}
