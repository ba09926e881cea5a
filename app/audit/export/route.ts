import { getLocale } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { auditCsv } from "@/lib/server/audit-log";
import { parseAuditParams } from "@/lib/validation/review";
import { csvResponse } from "@/lib/csv";
import { asLocale } from "@/lib/i18n/config";
import { todayIso } from "@/lib/format";

export async function GET(request: Request) {
  await requireChannelManager();
  const params = parseAuditParams(Object.fromEntries(new URL(request.url).searchParams));
  const { csv } = await auditCsv(params, asLocale(await getLocale()));
  return csvResponse(csv, `audit-${todayIso()}.csv`);
}
