import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Decision, Market, RuleSetId } from "@/lib/vocabulary";
import { getDb, preparedPerConnection, tx } from "./client";
import { writeAudit } from "./audit";
import { partnerEvaluations, partners, reviewNotes, sessions, users } from "./schema";
import { managerIds, notifyUsers, partnerAdminIds } from "./notifications";
import { checkCredentials, hashPassword, normaliseEmail } from "./users";
import { getPartner, type Partner } from "./partners";

// Writes of channel managers (review notes, partners, partner admins) and the password change. Each
// write is one transaction with its audit row.

export interface ReviewNote {
  id: number;
  decision: Decision;
  body: string;
  createdAt: string;
  authorName: string;
}

export function addReviewNote(actorId: number, partnerId: number, v: { decision: Decision; body: string }): ReviewNote | null {
  return tx((db) => {
    const partner = db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.id, partnerId)).get();
    if (!partner) return null;
    // The risk date the reviewer saw (the review queue's "losing a level" is then reviewed).
    const riskSeen =
      db.select({ at: partnerEvaluations.atRiskOn }).from(partnerEvaluations).where(eq(partnerEvaluations.partnerId, partnerId)).get()?.at ?? null;
    const row = db
      .insert(reviewNotes)
      .values({ partnerId, authorId: actorId, decision: v.decision, body: v.body, riskSeen })
      .returning({ id: reviewNotes.id, decision: reviewNotes.decision, body: reviewNotes.body, createdAt: reviewNotes.createdAt })
      .get();
    writeAudit(db, { actorId, partnerId, entity: "review_note", entityId: row.id, action: "create", after: row });
    const author = db.select({ name: users.name }).from(users).where(eq(users.id, actorId)).get();
    notifyUsers(db, partnerAdminIds(db, partnerId), {
      partnerId,
      kind: "review-note",
      key: `review-note:${row.id}`,
      data: { partner: partner.name, author: author?.name ?? "", decision: v.decision, excerpt: v.body.slice(0, 140) },
      link: `/partners/${partnerId}#note-${row.id}`,
    });
    return { ...row, authorName: author?.name ?? "" };
  });
}

const reviewNotesOf = preparedPerConnection((db) =>
  db
    .select({ id: reviewNotes.id, decision: reviewNotes.decision, body: reviewNotes.body, createdAt: reviewNotes.createdAt, authorName: users.name })
    .from(reviewNotes)
    .innerJoin(users, eq(users.id, reviewNotes.authorId))
    .where(eq(reviewNotes.partnerId, sql.placeholder("partnerId")))
    .orderBy(desc(reviewNotes.createdAt), desc(reviewNotes.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/** A partner's review notes, newest first. */
export function listReviewNotes(partnerId: number, limit = 200): ReviewNote[] {
  return reviewNotesOf().all({ partnerId, limit });
}

export type ManageError = "msPartnerIdTaken" | "emailTaken" | "notFound" | "conflict" | "nothingChanged";
export type ManageResult<T> = { ok: true; value: T } | { ok: false; error: ManageError; current?: Partner };

export interface NewPartner {
  name: string;
  msPartnerId: string;
  market: "developed" | "developing";
  ruleSet: RuleSetId;
  adminName: string;
  adminEmail: string;
}

function emailTaken(email: string): boolean {
  return !!getDb()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

/** A new partner and its first admin, who must change the temporary password at first sign-in. */
export async function createPartnerWithAdmin(
  actorId: number,
  v: NewPartner,
  temporaryPassword: string,
): Promise<ManageResult<{ partnerId: number; userId: number }>> {
  const passwordHash = await hashPassword(temporaryPassword);
  return tx((db) => {
    if (db.select({ id: partners.id }).from(partners).where(eq(partners.msPartnerId, v.msPartnerId)).get()) return { ok: false, error: "msPartnerIdTaken" };
    if (emailTaken(v.adminEmail)) return { ok: false, error: "emailTaken" };
    const p = db
      .insert(partners)
      .values({ name: v.name, msPartnerId: v.msPartnerId, market: v.market, ruleSet: v.ruleSet })
      .returning({
        id: partners.id,
        name: partners.name,
        msPartnerId: partners.msPartnerId,
        market: partners.market,
        ruleSet: partners.ruleSet,
        version: partners.version,
      })
      .get();
    const admin = insertAdmin(db, p.id, v.adminName, v.adminEmail, passwordHash);
    // One mutation, one audit row: the partner as created, with its first admin.
    writeAudit(db, { actorId, partnerId: p.id, entity: "partner", entityId: p.id, action: "create", after: { ...p, admin } });
    notifyUsers(db, managerIds(db, actorId), {
      partnerId: p.id,
      kind: "new-partner",
      key: `new-partner:${p.id}`,
      data: { partner: p.name, msPartnerId: p.msPartnerId },
      link: `/partners/${p.id}`,
    });
    return { ok: true, value: { partnerId: p.id, userId: admin.id } };
  });
}

const auditedUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  partnerId: users.partnerId,
  locale: users.locale,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
  version: users.version,
};

function insertAdmin(db: ReturnType<typeof getDb>, partnerId: number, name: string, email: string, passwordHash: string) {
  return db
    .insert(users)
    .values({ email: normaliseEmail(email), name, passwordHash, role: "partner_admin", partnerId, mustChangePassword: true })
    .returning(auditedUserColumns)
    .get();
}

/** Another admin for an existing partner, with a temporary password. */
export async function createPartnerAdmin(
  actorId: number,
  partnerId: number,
  v: { adminName: string; adminEmail: string },
  temporaryPassword: string,
): Promise<ManageResult<{ userId: number }>> {
  const passwordHash = await hashPassword(temporaryPassword);
  return tx((db) => {
    if (!db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)).get()) return { ok: false, error: "notFound" };
    if (emailTaken(v.adminEmail)) return { ok: false, error: "emailTaken" };
    const u = insertAdmin(db, partnerId, v.adminName, v.adminEmail, passwordHash);
    writeAudit(db, { actorId, partnerId, entity: "user", entityId: u.id, action: "create", after: u });
    return { ok: true, value: { userId: u.id } };
  });
}

export interface PartnerAdmin {
  id: number;
  name: string;
  email: string;
  disabled: boolean;
  mustChangePassword: boolean;
}

export function listPartnerAdmins(partnerId: number): PartnerAdmin[] {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, disabled: users.disabled, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(and(eq(users.partnerId, partnerId), eq(users.role, "partner_admin")))
    .orderBy(users.name)
    .all();
}

/** Changes a partner's market and rule set, if nobody changed them since `version`. */
export function updatePartnerSettings(actorId: number, partnerId: number, version: number, v: { market: Market; ruleSet: RuleSetId }): ManageResult<Partner> {
  return tx((db) => {
    const before = getPartner(partnerId);
    if (!before) return { ok: false, error: "notFound" };
    if (before.version !== version) return { ok: false, error: "conflict", current: before };
    if (before.market === v.market && before.ruleSet === v.ruleSet) return { ok: false, error: "nothingChanged", current: before };
    db.update(partners)
      .set({ market: v.market, ruleSet: v.ruleSet, version: sql`${partners.version} + 1` })
      .where(and(eq(partners.id, partnerId), eq(partners.version, version)))
      .run();
    const after = getPartner(partnerId)!;
    const audit = writeAudit(db, { actorId, partnerId, entity: "partner", entityId: partnerId, action: "update", before, after });
    notifyUsers(db, partnerAdminIds(db, partnerId), {
      partnerId,
      kind: "settings-change",
      key: `settings-change:${partnerId}:${audit}`,
      data: { partner: after.name, marketBefore: before.market, market: after.market, ruleSetBefore: before.ruleSet, ruleSet: after.ruleSet },
      link: `/partners/${partnerId}`,
    });
    return { ok: true, value: after };
  });
}

/**
 * Changes a user's own password after checking the current one; clears "must change" and ends the
 * user's other sessions. Returns false when the current password is wrong.
 */
export async function changeOwnPassword(userId: number, email: string, current: string, next: string, keepSessionId: string | null): Promise<boolean> {
  const user = await checkCredentials(email, current);
  if (!user || user.id !== userId) return false;
  const passwordHash = await hashPassword(next);
  tx((db) => {
    const before = db.select(auditedUserColumns).from(users).where(eq(users.id, userId)).get();
    const after = db
      .update(users)
      .set({ passwordHash, mustChangePassword: false, version: sql`${users.version} + 1` })
      .where(eq(users.id, userId))
      .returning(auditedUserColumns)
      .get();
    db.delete(sessions)
      .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
      .run();
    // The audit shows the account before and after (a new version, no longer "must change"), never the hash.
    writeAudit(db, { actorId: userId, partnerId: user.partnerId, entity: "user", entityId: userId, action: "update", before, after });
  });
  return true;
}
