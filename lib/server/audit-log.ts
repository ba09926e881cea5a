import "server-only";
import { getTranslations } from "next-intl/server";
import { exportAudit, findActors, queryAudit, referencedNames, type AuditFilter, type AuditLine } from "@/db/audit-log";
import { auditChanges, referencedIds, type NameLookup } from "@/lib/audit-words";
import { formatDateTime } from "@/lib/format";
import type { AuditParams } from "@/lib/validation/review";
import { AUDIT_EXPORT_MAX, AUDIT_PAGE_SIZE } from "@/lib/vocabulary";
import { toCsv, type CsvCell } from "@/lib/csv";
import type { AppLocale } from "@/lib/i18n/config";

/** The db filter for a URL state, within one partner or all of them. */
function filterOf(p: AuditParams, partnerId?: number): AuditFilter {
  return {
    partnerId,
    actorIds: p.person ? findActors(p.person, partnerId) : undefined,
    entity: p.entity,
    from: p.from,
    to: p.to,
  };
}

export interface AuditPage {
  lines: AuditLine[];
  hasOlder: boolean;
  hasNewer: boolean;
  names: NameLookup;
}

/** One page of the audit log (newest first) with the names of the records it refers to. */
export function loadAuditPage(p: AuditParams, partnerId?: number): AuditPage {
  const page = queryAudit(filterOf(p, partnerId), { older: p.older, newer: p.newer, limit: AUDIT_PAGE_SIZE });
  const ids = referencedIds(page.lines);
  return { ...page, names: referencedNames(ids.customers, ids.individuals) };
}

/** The audit log as CSV in the reader's language: one row per changed field, in words. */
export async function auditCsv(p: AuditParams, locale: AppLocale, partnerId?: number): Promise<{ csv: string; truncated: boolean }> {
  const t = await getTranslations();
  const tr = (k: string, v?: Record<string, string | number>) => t(k as never, v as never);
  const { lines, truncated } = exportAudit(filterOf(p, partnerId), AUDIT_EXPORT_MAX);
  const ids = referencedIds(lines);
  const names = referencedNames(ids.customers, ids.individuals);
  const header = ["when", "person", "email", "partner", "record", "recordId", "action", "field", "before", "after"].map((k) => tr(`audit.csv.${k}`));
  const rows: CsvCell[][] = [];
  for (const l of lines) {
    const common: CsvCell[] = [
      `${formatDateTime(l.at, locale, "UTC")} UTC`,
      l.actorName ?? tr("audit.system"),
      l.actorEmail,
      l.partnerName,
      tr(`audit.entity.${l.entity}`),
      l.entityId,
      tr(`audit.action.${l.action}`),
    ];
    const changes = auditChanges(l.before, l.after, tr, locale, names);
    if (changes.length === 0) rows.push([...common, null, null, null]);
    for (const c of changes) rows.push([...common, c.label, c.before, c.after]);
  }
  return { csv: toCsv(header, rows, locale), truncated };
}
