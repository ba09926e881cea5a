import { getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { loadAuditPage } from "@/lib/server/audit-log";
import { parseAuditParams } from "@/lib/validation/review";
import { AuditView } from "@/components/loop/audit-view";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every partner's and account's changes (channel managers). */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireChannelManager();
  const params = parseAuditParams(await searchParams);
  const t = await getTranslations("audit");
  return <AuditView title={t("title")} intro={t("intro")} basePath="/audit" params={params} page={loadAuditPage(params)} showPartner />;
}
