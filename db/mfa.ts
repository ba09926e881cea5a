import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import { getDb, tx } from "./client";
import { recoveryCodes, users } from "./schema";
import { writeAudit } from "./audit";

const ISSUER = "Cloud CRM Competency Tracker";
export const RECOVERY_CODE_COUNT = 10;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const normaliseRecovery = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

export interface TotpEnrolment { secret: string; uri: string }

/** The secret being enrolled (made on first call, kept until enrolment succeeds) and its otpauth:// URI. */
export function startTotpEnrolment(userId: number): TotpEnrolment | null {
  return tx((db) => {
    const u = db.select({ email: users.email, secret: users.totpSecret, enabled: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).get();
    if (!u || u.enabled) return null;
    let secret = u.secret;
    if (!secret) {
      secret = generateSecret();
      db.update(users).set({ totpSecret: secret }).where(eq(users.id, userId)).run();
    }
    return { secret, uri: generateURI({ issuer: ISSUER, label: u.email, secret }) };
  });
}

async function codeMatches(secret: string, code: string): Promise<boolean> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  // One 30-second step either side, for clock drift.
  const r = await verify({ secret, token, epochTolerance: 30 }).catch(() => null);
  return !!r?.valid;
}

/** Turns the second factor on when the code matches the pending secret; returns the one-time recovery codes. */
export async function completeTotpEnrolment(userId: number, code: string): Promise<string[] | null> {
  const u = getDb().select({ secret: users.totpSecret, enabled: users.totpEnabledAt, partnerId: users.partnerId })
    .from(users).where(eq(users.id, userId)).get();
  if (!u?.secret || u.enabled || !(await codeMatches(u.secret, code))) return null;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomBytes(5).toString("hex"); // 10 hex characters
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  tx((db) => {
    db.update(users).set({ totpEnabledAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    for (const c of codes) db.insert(recoveryCodes).values({ userId, codeHash: sha256(normaliseRecovery(c)) }).run();
    writeAudit(db, { actorId: userId, partnerId: u.partnerId, entity: "user-totp", entityId: userId, action: "update", after: { totpEnabled: true } });
  });
  return codes;
}

/** True when the code is the user's current TOTP code, or an unused recovery code (which is then used up). */
export async function verifySecondFactor(userId: number, code: string): Promise<boolean> {
  const u = getDb().select({ secret: users.totpSecret, enabled: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).get();
  if (!u?.secret || !u.enabled) return false;
  if (await codeMatches(u.secret, code)) return true;
  const hash = sha256(normaliseRecovery(code));
  return tx((db) => {
    const res = db
      .update(recoveryCodes)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hash), isNull(recoveryCodes.usedAt)))
      .run();
    return res.changes === 1;
  });
}

export function isTotpEnabled(userId: number): boolean {
  return !!getDb().select({ e: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).get()?.e;
}

/** Channel managers must use a second factor. */
export const needsSecondFactor = (role: string) => role === "channel_manager";
