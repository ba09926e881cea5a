// The audit log in readable words: which fields of a record changed, labelled and formatted for people
// (money, dates, products, decisions, names of the customers and people referred to), never column names.
// Pure: the caller passes a translator over the whole catalogue and the names it looked up.
import { formatDateTime } from "./format";
import { formatDate, formatMoney } from "./format";

type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}
export interface NameLookup {
  customers: Map<number, string>;
  individuals: Map<number, string>;
}

/** Keys that say nothing to a reader (ids, versions, timestamps the row already has). */
const HIDDEN = new Set(["id", "version", "createdAt", "partnerId", "noteId", "value"]);
const DATES = new Set(["dporFrom", "dporUntil", "date", "joinedOn", "leftOn", "passedOn"]);
const TIMES = new Set(["requestedAt", "confirmedAt", "cancelledAt"]);
/** Fields with a label in the catalogue (audit.field.*); others are not shown. */
export const AUDIT_FIELDS = [
  "name",
  "msPartnerId",
  "market",
  "ruleSet",
  "admin",
  "email",
  "role",
  "locale",
  "disabled",
  "mustChangePassword",
  "totpEnabled",
  "customerId",
  "product",
  "date",
  "amountCents",
  "note",
  "dporFrom",
  "dporUntil",
  "joinedOn",
  "leftOn",
  "individualId",
  "exam",
  "passedOn",
  "decision",
  "body",
  "targetUserId",
  "requestedBy",
  "confirmedBy",
  "requestedAt",
  "confirmedAt",
  "cancelledAt",
] as const;
const LABELLED = new Set<string>(AUDIT_FIELDS);

/** One value as a person reads it. */
export function auditValue(field: string, v: unknown, t: Translate, locale: string, names: NameLookup): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "boolean") return t(v ? "audit.yes" : "audit.no");
  if (field === "amountCents" && typeof v === "number") return formatMoney(v, locale);
  if (DATES.has(field) && typeof v === "string") return formatDate(v, locale);
  if (TIMES.has(field) && typeof v === "string") return `${formatDateTime(v, locale, "UTC")} UTC`;
  if (field === "product") return t(`dashboard.productNames.${String(v)}`);
  if (field === "decision") return t(`decision.${String(v)}`);
  if (field === "market") return t(`market.${String(v)}`);
  if (field === "role") return t(`roles.${String(v)}`);
  if (field === "customerId") return names.customers.get(Number(v)) ?? t("audit.deletedRecord", { id: String(v) });
  if (field === "individualId") return names.individuals.get(Number(v)) ?? t("audit.deletedRecord", { id: String(v) });
  if (field === "admin" && typeof v === "object") return String((v as { email?: unknown }).email ?? "");
  if (field === "locale") return v === "en" ? "English" : "Português";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * What changed: for an update, each labelled field whose value differs (before → after); for a
 * creation, each labelled field with a value (→ after); for a deletion, each with a value (before →).
 */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  t: Translate,
  locale: string,
  names: NameLookup,
): AuditChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN.has(k) && LABELLED.has(k));
  const out: AuditChange[] = [];
  for (const k of keys) {
    const b = before ? auditValue(k, before[k], t, locale, names) : null;
    const a = after ? auditValue(k, after[k], t, locale, names) : null;
    if (before && after && b === a) continue;
    if (b === null && a === null) continue;
    out.push({ field: k, label: t(`audit.field.${k}`), before: b, after: a });
  }
  return out;
}

/** The ids of customers and people that audit rows refer to, to look their names up. */
export function referencedIds(rows: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }[]): {
  customers: number[];
  individuals: number[];
} {
  const c = new Set<number>();
  const i = new Set<number>();
  for (const r of rows) {
    for (const o of [r.before, r.after]) {
      if (!o) continue;
      if (typeof o.customerId === "number") c.add(o.customerId);
      if (typeof o.individualId === "number") i.add(o.individualId);
    }
  }
  return { customers: [...c], individuals: [...i] };
}
