import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb, ifFree, preparedPerConnection, tx } from "./client";
import { sessions, users } from "./schema";
import { getUserById, type PublicUser } from "./users";
import { writeAudit } from "./audit";

export const SESSION_IDLE_MS = Number(process.env.SESSION_IDLE_MINUTES ?? 120) * 60_000;
export const SESSION_ABSOLUTE_MS = Number(process.env.SESSION_ABSOLUTE_HOURS ?? 12) * 3_600_000;

/** The stored id of a session token (its SHA-256). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random session for the user; returns the token for the cookie (only its hash is stored). */
export function createSession(userId: number, opts: { mfaPending?: boolean } = {}, now = Date.now()): { token: string; expiresAtMs: number } {
  const token = randomBytes(32).toString("base64url");
  const expiresAtMs = now + SESSION_ABSOLUTE_MS;
  tx((db) => {
    db.delete(sessions).where(lt(sessions.expiresAtMs, now)).run();
    const mfaPending = opts.mfaPending ?? false;
    db.insert(sessions)
      .values({ id: hashToken(token), userId, createdAtMs: now, lastSeenAtMs: now, expiresAtMs, mfaPending })
      .run();
    if (!mfaPending) {
      const user = db.select({ partnerId: users.partnerId }).from(users).where(eq(users.id, userId)).get();
      writeAudit(db, { actorId: userId, partnerId: user?.partnerId ?? null, entity: "session", entityId: null, action: "sign-in" });
    }
  });
  return { token, expiresAtMs };
}

export type SessionUser = PublicUser & { mfaPending: boolean };

/** The MFA-pending window: a password-checked session must finish its second factor within this time. */
const MFA_PENDING_MS = 10 * 60_000;

const sessionById = preparedPerConnection((db) =>
  db
    .select()
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

/** The signed-in user for a cookie token, or null when unknown, expired (idle or absolute) or disabled. */
export function getSessionUser(token: string, now = Date.now()): SessionUser | null {
  const db = getDb();
  const id = hashToken(token);
  const s = sessionById().get({ id });
  if (!s) return null;
  const idleLimit = s.mfaPending ? MFA_PENDING_MS : SESSION_IDLE_MS;
  if (now >= s.expiresAtMs || now - s.lastSeenAtMs >= idleLimit || (s.mfaPending && now - s.createdAtMs >= MFA_PENDING_MS)) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  const user = getUserById(s.userId);
  if (!user || user.disabled) {
    db.delete(sessions).where(eq(sessions.userId, s.userId)).run();
    return null;
  }
  // Sliding idle window; written at most once a minute, and only when the database is free (else at a later view).
  if (now - s.lastSeenAtMs > 60_000) {
    ifFree(() =>
      db
        .update(sessions)
        .set({ lastSeenAtMs: now })
        .where(and(eq(sessions.id, id)))
        .run(),
    );
  }
  return { ...user, mfaPending: s.mfaPending };
}

export function deleteSession(token: string, actor: PublicUser | null): void {
  tx((db) => {
    const res = db
      .delete(sessions)
      .where(eq(sessions.id, hashToken(token)))
      .run();
    if (actor && res.changes > 0) {
      writeAudit(db, { actorId: actor.id, partnerId: actor.partnerId, entity: "session", entityId: null, action: "sign-out" });
    }
  });
}

export function deleteUserSessions(userId: number): void {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
}
