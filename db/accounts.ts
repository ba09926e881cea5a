import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { MFA_RESET_REQUEST_HOURS, RESET_LINK_MINUTES } from "@/lib/vocabulary";
import { getDb, tx } from "./client";
import { writeAudit } from "./audit";
import { mfaResetRequests, passwordResetTokens, recoveryCodes, sessions, users } from "./schema";
import { hashPassword, normaliseEmail } from "./users";

// Accounts in the app (issue 12): a partner's admins for channel managers (disable, enable, reset the
// password), channel managers' second factor reset with a second manager's confirmation, and the
// forgotten-password links. Every change is audited in its own transaction; none reveals a secret.

/** A user as the audit shows it: public columns and the version, never a hash or a secret. */
const auditedUser = {
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

// Written out (drizzle leaves a single table's columns unqualified, which the subquery would read as its own).
const lastSignIn = sql<
  string | null
>`(select max(a.created_at) from audit_log a where a.actor_id = "users"."id" and a.entity = 'session' and a.action = 'sign-in')`;

export interface AccountRow {
  id: number;
  name: string;
  email: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  totpEnabled: boolean;
}

/** A partner's admins with their last sign-in. */
export function listPartnerAccounts(partnerId: number): AccountRow[] {
  return getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
      lastSignInAt: lastSignIn,
      totpEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
    })
    .from(users)
    .where(and(eq(users.partnerId, partnerId), eq(users.role, "partner_admin")))
    .orderBy(users.name)
    .all()
    .map((r) => ({ ...r, totpEnabled: !!r.totpEnabled }));
}

export interface ManagerAccount extends AccountRow {
  pendingReset: { id: number; requestedBy: number; requestedByName: string; requestedAt: string } | null;
}

const requestCutoff = () => new Date(Date.now() - MFA_RESET_REQUEST_HOURS * 3_600_000).toISOString();

/** Channel managers, with a second-factor reset waiting for confirmation where there is one. */
export function listManagerAccounts(): ManagerAccount[] {
  const db = getDb();
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
      lastSignInAt: lastSignIn,
      totpEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
    })
    .from(users)
    .where(eq(users.role, "channel_manager"))
    .orderBy(users.name)
    .all();
  return rows.map((r) => ({ ...r, totpEnabled: !!r.totpEnabled, pendingReset: pendingMfaReset(r.id) }));
}

function pendingMfaReset(targetUserId: number): ManagerAccount["pendingReset"] {
  const r = getDb()
    .select({ id: mfaResetRequests.id, requestedBy: mfaResetRequests.requestedBy, requestedAt: mfaResetRequests.requestedAt, requestedByName: users.name })
    .from(mfaResetRequests)
    .innerJoin(users, eq(users.id, mfaResetRequests.requestedBy))
    .where(
      and(
        eq(mfaResetRequests.targetUserId, targetUserId),
        isNull(mfaResetRequests.confirmedAt),
        isNull(mfaResetRequests.cancelledAt),
        gt(mfaResetRequests.requestedAt, requestCutoff()),
      ),
    )
    .orderBy(desc(mfaResetRequests.id))
    .limit(1)
    .get();
  return r ?? null;
}

export type AccountError = "notFound" | "self" | "sameManager" | "alreadyRequested" | "nothingChanged";
export type AccountResult<T> = { ok: true; value: T } | { ok: false; error: AccountError };

/** Disables or enables one of a partner's admins (scoped to the partner); disabling ends their sessions. */
export function setPartnerAdminDisabled(actorId: number, partnerId: number, userId: number, disabled: boolean): AccountResult<{ userId: number }> {
  return tx((db) => {
    const scope = and(eq(users.id, userId), eq(users.partnerId, partnerId), eq(users.role, "partner_admin"));
    const before = db.select(auditedUser).from(users).where(scope).get();
    if (!before) return { ok: false, error: "notFound" };
    if (before.disabled === disabled) return { ok: false, error: "nothingChanged" };
    const after = db
      .update(users)
      .set({ disabled, version: sql`${users.version} + 1` })
      .where(scope)
      .returning(auditedUser)
      .get();
    if (disabled) db.delete(sessions).where(eq(sessions.userId, userId)).run();
    writeAudit(db, { actorId, partnerId, entity: "user", entityId: userId, action: "update", before, after });
    return { ok: true, value: { userId } };
  });
}

/**
 * Gives one of a partner's admins a new temporary password (to be changed at the next sign-in) and
 * ends their sessions. The caller shows the password once; only its hash is stored.
 */
export async function resetPartnerAdminPassword(
  actorId: number,
  partnerId: number,
  userId: number,
  temporaryPassword: string,
): Promise<AccountResult<{ email: string }>> {
  const passwordHash = await hashPassword(temporaryPassword);
  return tx((db) => {
    const scope = and(eq(users.id, userId), eq(users.partnerId, partnerId), eq(users.role, "partner_admin"));
    const before = db.select(auditedUser).from(users).where(scope).get();
    if (!before) return { ok: false, error: "notFound" };
    const after = db
      .update(users)
      .set({ passwordHash, mustChangePassword: true, version: sql`${users.version} + 1` })
      .where(scope)
      .returning(auditedUser)
      .get();
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
    db.update(passwordResetTokens)
      .set({ usedAtMs: Date.now() })
      .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAtMs)))
      .run();
    writeAudit(db, { actorId, partnerId, entity: "user", entityId: userId, action: "update", before, after });
    return { ok: true, value: { email: after.email } };
  });
}

const requestColumns = {
  id: mfaResetRequests.id,
  targetUserId: mfaResetRequests.targetUserId,
  requestedBy: mfaResetRequests.requestedBy,
  requestedAt: mfaResetRequests.requestedAt,
  confirmedBy: mfaResetRequests.confirmedBy,
  confirmedAt: mfaResetRequests.confirmedAt,
  cancelledAt: mfaResetRequests.cancelledAt,
};
const isManager = (id: number) =>
  getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, "channel_manager")))
    .get() !== undefined;

/** A channel manager asks to reset another channel manager's second factor (a second manager must confirm). */
export function requestMfaReset(actorId: number, targetUserId: number): AccountResult<{ requestId: number }> {
  return tx((db) => {
    if (actorId === targetUserId) return { ok: false, error: "self" };
    if (!isManager(targetUserId)) return { ok: false, error: "notFound" };
    if (pendingMfaReset(targetUserId)) return { ok: false, error: "alreadyRequested" };
    const row = db.insert(mfaResetRequests).values({ targetUserId, requestedBy: actorId }).returning(requestColumns).get();
    writeAudit(db, { actorId, partnerId: null, entity: "mfa_reset_request", entityId: row.id, action: "create", after: row });
    return { ok: true, value: { requestId: row.id } };
  });
}

/**
 * A second channel manager (neither the one who asked nor the target) confirms: the target's second
 * factor and recovery codes are removed and their sessions end; they enrol again at their next sign-in.
 */
export function confirmMfaReset(actorId: number, requestId: number): AccountResult<{ targetUserId: number }> {
  return tx((db) => {
    const req = db
      .select(requestColumns)
      .from(mfaResetRequests)
      .where(
        and(
          eq(mfaResetRequests.id, requestId),
          isNull(mfaResetRequests.confirmedAt),
          isNull(mfaResetRequests.cancelledAt),
          gt(mfaResetRequests.requestedAt, requestCutoff()),
        ),
      )
      .get();
    if (!req) return { ok: false, error: "notFound" };
    if (req.requestedBy === actorId) return { ok: false, error: "sameManager" };
    if (req.targetUserId === actorId) return { ok: false, error: "self" };
    const after = db
      .update(mfaResetRequests)
      .set({ confirmedBy: actorId, confirmedAt: new Date().toISOString() })
      .where(eq(mfaResetRequests.id, requestId))
      .returning(requestColumns)
      .get();
    db.update(users)
      .set({ totpSecret: null, totpEnabledAt: null, version: sql`${users.version} + 1` })
      .where(eq(users.id, req.targetUserId))
      .run();
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, req.targetUserId)).run();
    db.delete(sessions).where(eq(sessions.userId, req.targetUserId)).run();
    writeAudit(db, { actorId, partnerId: null, entity: "mfa_reset_request", entityId: requestId, action: "update", before: req, after });
    return { ok: true, value: { targetUserId: req.targetUserId } };
  });
}

/** Withdraws a pending request (any channel manager may). */
export function cancelMfaReset(actorId: number, requestId: number): AccountResult<{ requestId: number }> {
  return tx((db) => {
    const req = db
      .select(requestColumns)
      .from(mfaResetRequests)
      .where(and(eq(mfaResetRequests.id, requestId), isNull(mfaResetRequests.confirmedAt), isNull(mfaResetRequests.cancelledAt)))
      .get();
    if (!req) return { ok: false, error: "notFound" };
    const after = db
      .update(mfaResetRequests)
      .set({ cancelledAt: new Date().toISOString() })
      .where(eq(mfaResetRequests.id, requestId))
      .returning(requestColumns)
      .get();
    writeAudit(db, { actorId, partnerId: null, entity: "mfa_reset_request", entityId: requestId, action: "update", before: req, after });
    return { ok: true, value: { requestId } };
  });
}

// ---------------------------------------------------------------------------------------------
// Forgotten passwords.

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** At most this many links per account per hour (the answer is the same either way). */
export const RESET_LINKS_PER_HOUR = 3;

/**
 * A single-use link token for an enabled account with this e-mail, valid RESET_LINK_MINUTES; null when
 * there is no such account or it already had RESET_LINKS_PER_HOUR links this hour. Earlier unused links
 * of the account stop working.
 */
export function createPasswordResetToken(
  email: string,
  now = Date.now(),
): { token: string; userId: number; name: string; email: string; locale: string | null } | null {
  return tx((db) => {
    const u = db
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, disabled: users.disabled })
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
      .get();
    if (!u || u.disabled) return null;
    const recent = db
      .select({ n: sql<number>`count(*)` })
      .from(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, u.id), gt(passwordResetTokens.createdAtMs, now - 3_600_000)))
      .get()!.n;
    if (recent >= RESET_LINKS_PER_HOUR) return null;
    db.update(passwordResetTokens)
      .set({ usedAtMs: now })
      .where(and(eq(passwordResetTokens.userId, u.id), isNull(passwordResetTokens.usedAtMs)))
      .run();
    const token = randomBytes(32).toString("base64url");
    db.insert(passwordResetTokens)
      .values({ userId: u.id, tokenHash: sha256(token), createdAtMs: now, expiresAtMs: now + RESET_LINK_MINUTES * 60_000 })
      .run();
    return { token, userId: u.id, name: u.name, email: u.email, locale: u.locale };
  });
}

/** Whether a link token is still usable (unused, not expired, its account enabled). */
export function isResetTokenValid(token: string, now = Date.now()): boolean {
  if (!token) return false;
  const r = getDb()
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, sha256(token)),
        isNull(passwordResetTokens.usedAtMs),
        gt(passwordResetTokens.expiresAtMs, now),
        eq(users.disabled, false),
      ),
    )
    .get();
  return !!r;
}

/**
 * Sets a new password through a link token, once: the token is used up, every session of the account
 * ends, "must change" is cleared. Null when the token is unknown, used, expired or its account disabled.
 */
export async function resetPasswordWithToken(token: string, newPassword: string, now = Date.now()): Promise<{ userId: number } | null> {
  if (!isResetTokenValid(token, now)) return null;
  const passwordHash = await hashPassword(newPassword);
  return tx((db) => {
    // Checked again inside the write lock: two uses of one link at once succeed once.
    const t = db
      .select({ id: passwordResetTokens.id, userId: passwordResetTokens.userId })
      .from(passwordResetTokens)
      .where(and(eq(passwordResetTokens.tokenHash, sha256(token)), isNull(passwordResetTokens.usedAtMs), gt(passwordResetTokens.expiresAtMs, now)))
      .get();
    if (!t) return null;
    const before = db
      .select(auditedUser)
      .from(users)
      .where(and(eq(users.id, t.userId), eq(users.disabled, false)))
      .get();
    if (!before) return null;
    db.update(passwordResetTokens).set({ usedAtMs: now }).where(eq(passwordResetTokens.userId, t.userId)).run();
    const after = db
      .update(users)
      .set({ passwordHash, mustChangePassword: false, version: sql`${users.version} + 1` })
      .where(eq(users.id, t.userId))
      .returning(auditedUser)
      .get();
    db.delete(sessions).where(eq(sessions.userId, t.userId)).run();
    writeAudit(db, { actorId: t.userId, partnerId: before.partnerId, entity: "user", entityId: t.userId, action: "update", before, after });
    return { userId: t.userId };
  });
}
