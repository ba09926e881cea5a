import { getLocale } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { auditCsv } from "@/lib/server/audit-log";
import { parseAuditParams } from "@/lib/validation/review";
import { csvResponse } from "@/lib/csv";
import { asLocale } from "@/lib/i18n/config";
import { todayIso } from "@/lib/format";

export async function GET(request: Request, { params }: { params: Promise<{ partnerId: string }> }) {
  const id = Number((await params).partnerId);
  await requirePartnerAccess(id);
  const p = parseAuditParams(Object.fromEntries(new URL(request.url).searchParams));
  const { csv } = await auditCsv(p, asLocale(await getLocale()), id);
  return csvResponse(csv, `audit-partner-${id}-${todayIso()}.csv`);
}
