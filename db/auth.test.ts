import { beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "@/lib/testing/temp-db";

createTempDatabase("auth");

// db/ modules are imported after DATABASE_PATH is set.
const users = await import("./users");
const sessions = await import("./sessions");
const throttle = await import("./throttle");
const mfa = await import("./mfa");
const { getDb } = await import("./client");
const schema = await import("./schema");
const { generate } = await import("otplib");
const { eq } = await import("drizzle-orm");

let adminId = 0;
let managerId = 0;

beforeAll(async () => {
  const db = getDb();
  const p = db.insert(schema.partners).values({ name: "P", msPartnerId: "1", market: "developed" }).returning().get();
  adminId = (await users.createUser({ email: "Admin@Example.com ", name: "A", password: "correct horse battery", role: "partner_admin", partnerId: p.id })).id;
  managerId = (await users.createUser({ email: "cm@example.com", name: "M", password: "another long password", role: "channel_manager", partnerId: null })).id;
});

describe("passwords", () => {
  it("are hashed with argon2id, 19 MiB, 2 passes; the hash never leaves db/ in a user object", async () => {
    const row = getDb().select({ h: schema.users.passwordHash }).from(schema.users).where(eq(schema.users.id, adminId)).get()!;
    expect(row.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const u = await users.checkCredentials("admin@example.com", "correct horse battery");
    expect(u?.id).toBe(adminId);
    expect(JSON.stringify(u)).not.toContain("argon2");
    expect(Object.keys(u!)).not.toContain("passwordHash");
  });

  it("give the same answer (null) for an unknown email and a wrong password", async () => {
    expect(await users.checkCredentials("nobody@example.com", "correct horse battery")).toBeNull();
    expect(await users.checkCredentials("admin@example.com", "wrong password!")).toBeNull();
  });
});

describe("sessions", () => {
  it("store only the token's hash; every sign-in gets a new token", () => {
    const a = sessions.createSession(adminId);
    const b = sessions.createSession(adminId);
    expect(a.token).not.toBe(b.token);
    const ids = getDb().select({ id: schema.sessions.id }).from(schema.sessions).all().map((r) => r.id);
    expect(ids).not.toContain(a.token);
    expect(sessions.getSessionUser(a.token)?.id).toBe(adminId);
  });

  it("end after the idle limit and after the absolute limit, and a deleted session is gone", () => {
    const t0 = Date.now();
    const { token } = sessions.createSession(adminId, {}, t0);
    expect(sessions.getSessionUser(token, t0 + sessions.SESSION_IDLE_MS - 1000)?.id).toBe(adminId);
    // The idle window slides with use…
    expect(sessions.getSessionUser(token, t0 + 2 * sessions.SESSION_IDLE_MS - 2000)?.id).toBe(adminId);
    // …but not past the absolute limit.
    expect(sessions.getSessionUser(token, t0 + sessions.SESSION_ABSOLUTE_MS)).toBeNull();
    const idle = sessions.createSession(adminId, {}, t0);
    expect(sessions.getSessionUser(idle.token, t0 + sessions.SESSION_IDLE_MS)).toBeNull();
    const out = sessions.createSession(adminId, {}, t0);
    sessions.deleteSession(out.token, null);
    expect(sessions.getSessionUser(out.token, t0 + 1000)).toBeNull();
  });

  it("end at once for a disabled user, who can no longer sign in", async () => {
    const { token } = sessions.createSession(managerId);
    expect(sessions.getSessionUser(token)?.id).toBe(managerId);
    users.setUserDisabled(managerId, true, null);
    expect(getDb().select().from(schema.sessions).where(eq(schema.sessions.userId, managerId)).all()).toHaveLength(0);
    expect(sessions.getSessionUser(token)).toBeNull();
    expect(await users.checkCredentials("cm@example.com", "another long password")).toBeNull();
    users.setUserDisabled(managerId, false, null);
    expect((await users.checkCredentials("cm@example.com", "another long password"))?.id).toBe(managerId);
  });

  it("waiting for a second factor expire after ten minutes and say they are pending", () => {
    const t0 = Date.now();
    const { token } = sessions.createSession(managerId, { mfaPending: true }, t0);
    expect(sessions.getSessionUser(token, t0 + 1000)?.mfaPending).toBe(true);
    expect(sessions.getSessionUser(token, t0 + 10 * 60_000)).toBeNull();
  });
});

describe("sign-in throttling", () => {
  it("lets 3 failures per account through, then the delay doubles per failure", () => {
    const keys = ["account:victim@example.com"] as const;
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < 3; i++) throttle.recordFailure([...keys], t0 + i);
    expect(throttle.throttleWaitMs([...keys], t0 + 3)).toBe(0);
    throttle.recordFailure([...keys], t0 + 10);
    expect(throttle.throttleWaitMs([...keys], t0 + 10)).toBe(1000);
    throttle.recordFailure([...keys], t0 + 20);
    expect(throttle.throttleWaitMs([...keys], t0 + 20)).toBe(2000);
    throttle.recordFailure([...keys], t0 + 30);
    expect(throttle.throttleWaitMs([...keys], t0 + 30)).toBe(4000);
    for (let i = 0; i < 30; i++) throttle.recordFailure([...keys], t0 + 40 + i);
    expect(throttle.throttleWaitMs([...keys], t0 + 69)).toBe(15 * 60_000); // capped
    throttle.clearFailures([...keys]);
    expect(throttle.throttleWaitMs([...keys], t0 + 80)).toBe(0);
  });

  it("allows more failures per address than per account", () => {
    const t0 = 2_000_000_000_000;
    const keys = ["address:203.0.113.9"] as ["address:203.0.113.9"];
    for (let i = 0; i < 10; i++) throttle.recordFailure(keys, t0 + i);
    expect(throttle.throttleWaitMs(keys, t0 + 10)).toBe(0);
    throttle.recordFailure(keys, t0 + 11);
    expect(throttle.throttleWaitMs(keys, t0 + 11)).toBe(1000);
  });
});

describe("second factor (TOTP, RFC 6238)", () => {
  it("enrols with a code from the secret, then accepts codes and one-time recovery codes", async () => {
    const enrolment = mfa.startTotpEnrolment(managerId)!;
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(mfa.startTotpEnrolment(managerId)!.secret).toBe(enrolment.secret); // stable until done
    expect(await mfa.completeTotpEnrolment(managerId, "000000")).toBeNull();
    const codes = await mfa.completeTotpEnrolment(managerId, await generate({ secret: enrolment.secret }));
    expect(codes).toHaveLength(mfa.RECOVERY_CODE_COUNT);
    expect(mfa.isTotpEnabled(managerId)).toBe(true);
    expect(await mfa.verifySecondFactor(managerId, await generate({ secret: enrolment.secret }))).toBe(true);
    const current = await generate({ secret: enrolment.secret });
    const wrong = current.slice(0, 5) + String((Number(current[5]) + 5) % 10);
    expect(await mfa.verifySecondFactor(managerId, wrong)).toBe(false);
    expect(await mfa.verifySecondFactor(managerId, codes![0]!)).toBe(true);
    expect(await mfa.verifySecondFactor(managerId, codes![0]!)).toBe(false); // used up
    expect(await mfa.verifySecondFactor(managerId, codes![1]!.toUpperCase().replace("-", " "))).toBe(true);
    // Only the hash of each recovery code is stored.
    const stored = getDb().select().from(schema.recoveryCodes).all().map((r) => r.codeHash);
    expect(stored.join()).not.toContain(codes![2]!.replace("-", ""));
  });
});
