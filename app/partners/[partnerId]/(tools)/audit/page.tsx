import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { loadAuditPage } from "@/lib/server/audit-log";
import { parseAuditParams } from "@/lib/validation/review";
import { getPartner } from "@/db/partners";
import { AuditView } from "@/components/loop/audit-view";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One partner's changes: its own admins see them, and every channel manager. */
export default async function PartnerAuditPage({ params, searchParams }: { params: Promise<{ partnerId: string }>; searchParams: SearchParams }) {
  const id = Number((await params).partnerId);
  await requirePartnerAccess(id);
  const partner = getPartner(id);
  if (!partner) notFound();
  const p = parseAuditParams(await searchParams);
  const t = await getTranslations("audit");
  return (
    <AuditView
      title={t("titlePartner", { partner: partner.name })}
      intro={t("introPartner")}
      basePath={`/partners/${id}/audit`}
      params={p}
      page={loadAuditPage(p, id)}
      showPartner={false}
    />
  );
}
