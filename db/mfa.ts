import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import { getDb, tx, type Db } from "./client";
import { recoveryCodes, users } from "./schema";
import { writeAudit } from "./audit";

const ISSUER = "Cloud CRM Competency Tracker";
export const RECOVERY_CODE_COUNT = 10;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const normaliseRecovery = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

export interface TotpEnrolment {
  secret: string;
  uri: string;
}

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

const TOTP_STEP_SECONDS = 30;

/** The time step (Unix seconds / 30) whose code this is, within one step either side of now (clock drift); null when none matches. */
async function matchingStep(secret: string, code: string): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const r = await verify({ secret, token, epochTolerance: TOTP_STEP_SECONDS }).catch(() => null);
  return r?.valid && "epoch" in r ? Math.floor(r.epoch / TOTP_STEP_SECONDS) : null;
}

/**
 * Records `step` as the account's last used TOTP step when it is later than the stored one, in one
 * statement (so of two parallel uses of one code exactly one wins). False when the code was already used.
 */
function useStep(db: Db, userId: number, step: number): boolean {
  const res = db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .run();
  return res.changes === 1;
}

export type EnrolResult = { ok: true; codes: string[] } | { ok: false; error: "codeInvalid" | "codeUsed" };

/** Turns the second factor on when the code matches the pending secret; returns the one-time recovery codes. */
export async function completeTotpEnrolment(userId: number, code: string): Promise<EnrolResult> {
  const u = getDb()
    .select({ secret: users.totpSecret, enabled: users.totpEnabledAt, partnerId: users.partnerId })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!u?.secret || u.enabled) return { ok: false, error: "codeInvalid" };
  const step = await matchingStep(u.secret, code);
  if (step === null) return { ok: false, error: "codeInvalid" };
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomBytes(5).toString("hex"); // 10 hex characters
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return tx((db): EnrolResult => {
    const still = db.select({ enabled: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).get();
    if (!still || still.enabled) return { ok: false, error: "codeInvalid" };
    if (!useStep(db, userId, step)) return { ok: false, error: "codeUsed" };
    db.update(users).set({ totpEnabledAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    for (const c of codes)
      db.insert(recoveryCodes)
        .values({ userId, codeHash: sha256(normaliseRecovery(c)) })
        .run();
    writeAudit(db, { actorId: userId, partnerId: u.partnerId, entity: "user-totp", entityId: userId, action: "update", after: { totpEnabled: true } });
    return { ok: true, codes };
  });
}

export type SecondFactorResult = "ok" | "codeInvalid" | "codeUsed";

/**
 * "ok" when the code is the user's TOTP code of a step later than the last one used (which it then
 * becomes), or an unused recovery code (which is then used up); "codeUsed" for a TOTP code whose step was
 * already used (a replay); "codeInvalid" otherwise.
 */
export async function verifySecondFactor(userId: number, code: string): Promise<SecondFactorResult> {
  const u = getDb().select({ secret: users.totpSecret, enabled: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).get();
  if (!u?.secret || !u.enabled) return "codeInvalid";
  const step = await matchingStep(u.secret, code);
  if (step !== null) return tx((db) => (useStep(db, userId, step) ? "ok" : "codeUsed"));
  const hash = sha256(normaliseRecovery(code));
  return tx((db) => {
    const res = db
      .update(recoveryCodes)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hash), isNull(recoveryCodes.usedAt)))
      .run();
    return res.changes === 1 ? "ok" : "codeInvalid";
  });
}

export function isTotpEnabled(userId: number): boolean {
  return !!getDb().select({ e: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).get()?.e;
}

/** Channel managers must use a second factor. */
export const needsSecondFactor = (role: string) => role === "channel_manager";
