import "server-only";
import { and, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "./client";
import { auditLog, customers, individuals, partners, users } from "./schema";

// Reads of the audit log for its pages and CSV (issue 12). Newest first, a page at a time by a keyset
// cursor (created_at, id), so the thousandth page costs what the first does; every filter has an index
// (migration 0004): partner, person, kind of record, dates.

export interface AuditFilter {
  partnerId?: number;
  /** Only what these users did (an empty list matches nothing). */
  actorIds?: number[];
  entity?: string;
  /** Business dates, inclusive, compared with the row's UTC time. */
  from?: string;
  to?: string;
}

export interface AuditCursor {
  at: string;
  id: number;
}

export interface AuditLine {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  partnerId: number | null;
  partnerName: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function where(f: AuditFilter): SQL[] {
  const out: SQL[] = [];
  if (f.partnerId !== undefined) out.push(eq(auditLog.partnerId, f.partnerId));
  if (f.actorIds) out.push(f.actorIds.length ? inArray(auditLog.actorId, f.actorIds) : sql`0`);
  if (f.entity) out.push(eq(auditLog.entity, f.entity));
  if (f.from) out.push(gte(auditLog.at, f.from));
  if (f.to) out.push(lt(auditLog.at, `${f.to}~`)); // every time of that day ("~" sorts after "T…Z")
  return out;
}

const parse = (s: string | null) => {
  if (s === null) return null;
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { value: s };
  }
};

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actorId: auditLog.actorId,
  actorName: users.name,
  actorEmail: users.email,
  partnerId: auditLog.partnerId,
  partnerName: partners.name,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  action: auditLog.action,
  before: auditLog.before,
  after: auditLog.after,
};

/**
 * One page of audit lines, newest first: older than `older`, or newer than `newer` (then still shown
 * newest first), or the newest. Says whether there are more either way.
 */
export function queryAudit(
  f: AuditFilter,
  opts: { older?: AuditCursor; newer?: AuditCursor; limit: number },
): { lines: AuditLine[]; hasOlder: boolean; hasNewer: boolean } {
  const conds = where(f);
  const db = getDb();
  const base = () => db.select(columns).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).leftJoin(partners, eq(partners.id, auditLog.partnerId));
  let rows;
  if (opts.newer) {
    const c = opts.newer;
    rows = base()
      .where(and(...conds, sql`(${auditLog.at}, ${auditLog.id}) > (${c.at}, ${c.id})`))
      .orderBy(auditLog.at, auditLog.id)
      .limit(opts.limit + 1)
      .all();
    const hasNewer = rows.length > opts.limit;
    rows = rows.slice(0, opts.limit).reverse();
    return { lines: rows.map(toLine), hasNewer, hasOlder: true };
  }
  const c = opts.older;
  rows = base()
    .where(and(...conds, ...(c ? [sql`(${auditLog.at}, ${auditLog.id}) < (${c.at}, ${c.id})`] : [])))
    .orderBy(sql`${auditLog.at} desc`, sql`${auditLog.id} desc`)
    .limit(opts.limit + 1)
    .all();
  return { lines: rows.slice(0, opts.limit).map(toLine), hasOlder: rows.length > opts.limit, hasNewer: !!c };
}

function toLine(r: { before: string | null; after: string | null } & Omit<AuditLine, "before" | "after">): AuditLine {
  return { ...r, before: parse(r.before), after: parse(r.after) };
}

/** Every line matching (newest first), at most `max`, for the CSV; `truncated` when there were more. */
export function exportAudit(f: AuditFilter, max: number): { lines: AuditLine[]; truncated: boolean } {
  const rows = getDb()
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(partners, eq(partners.id, auditLog.partnerId))
    .where(and(...where(f)))
    .orderBy(sql`${auditLog.at} desc`, sql`${auditLog.id} desc`)
    .limit(max + 1)
    .all();
  return { lines: rows.slice(0, max).map(toLine), truncated: rows.length > max };
}

/**
 * The users whose name or e-mail contains `q` (the "person" filter), at most 200; for a partner's log,
 * only that partner's admins and the channel managers.
 */
export function findActors(q: string, partnerId?: number): number[] {
  const like = `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = or(sql`lower(${users.name}) like ${like} escape '\\'`, sql`lower(${users.email}) like ${like} escape '\\'`);
  const scope = partnerId === undefined ? undefined : or(eq(users.partnerId, partnerId), eq(users.role, "channel_manager"));
  return getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(match, scope))
    .limit(200)
    .all()
    .map((r) => r.id);
}

/** Names of the customers and people an audit page refers to by id (deleted ones are absent). */
export function referencedNames(customerIds: number[], individualIds: number[]): { customers: Map<number, string>; individuals: Map<number, string> } {
  const db = getDb();
  const c = customerIds.length ? db.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.id, customerIds)).all() : [];
  const i = individualIds.length
    ? db.select({ id: individuals.id, name: individuals.name }).from(individuals).where(inArray(individuals.id, individualIds)).all()
    : [];
  return { customers: new Map(c.map((r) => [r.id, r.name])), individuals: new Map(i.map((r) => [r.id, r.name])) };
}
