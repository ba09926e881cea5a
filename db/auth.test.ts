import { beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "@/lib/testing/temp-db";

createTempDatabase("auth");

// db/ modules are imported after DATABASE_PATH is set.
const users = await import("./users");
const sessions = await import("./sessions");
const throttle = await import("./throttle");
const mfa = await import("./mfa");
const manage = await import("./manage");
const { checkWithKeys } = await import("@/lib/server/auth/throttle");
const { Busy } = await import("@/lib/limiter");
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
    const ids = getDb()
      .select({ id: schema.sessions.id })
      .from(schema.sessions)
      .all()
      .map((r) => r.id);
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
  it("lets 3 attempts per account through, then the wait doubles per failure, up to 15 minutes", () => {
    const keys: ["account:victim@example.com"] = ["account:victim@example.com"];
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < 3; i++) expect(throttle.takeAttempt(keys, t0 + i)).toEqual({ ok: true });
    expect(throttle.takeAttempt(keys, t0 + 3)).toEqual({ ok: false, waitMs: 999 });
    expect(throttle.throttleWaitMs(keys, t0 + 2)).toBe(1000);
    expect(throttle.takeAttempt(keys, t0 + 1002)).toEqual({ ok: true });
    expect(throttle.throttleWaitMs(keys, t0 + 1002)).toBe(2000);
    expect(throttle.takeAttempt(keys, t0 + 3002)).toEqual({ ok: true });
    expect(throttle.throttleWaitMs(keys, t0 + 3002)).toBe(4000);
    let t = t0 + 7002;
    for (let i = 0; i < 30; i++) {
      expect(throttle.takeAttempt(keys, t).ok).toBe(true);
      t += throttle.throttleWaitMs(keys, t);
    }
    expect(throttle.throttleWaitMs(keys, t - 15 * 60_000)).toBe(15 * 60_000); // capped
    throttle.giveBack(keys, keys); // a right password forgets the account's failures
    expect(throttle.throttleWaitMs(keys, t)).toBe(0);
  });

  it("allows more attempts per address than per account; a right answer gives one back", () => {
    const t0 = 2_000_000_000_000;
    const keys: ["address:203.0.113.9"] = ["address:203.0.113.9"];
    for (let i = 0; i < 10; i++) expect(throttle.takeAttempt(keys, t0 + i).ok).toBe(true);
    expect(throttle.throttleWaitMs(keys, t0 + 9)).toBe(1000);
    throttle.giveBack(keys); // the 10th was right
    expect(throttle.throttleWaitMs(keys, t0 + 10)).toBe(0);
    expect(throttle.takeAttempt(keys, t0 + 11).ok).toBe(true);
    expect(throttle.takeAttempt(keys, t0 + 12)).toEqual({ ok: false, waitMs: 999 });
  });

  it("takes an attempt on every key or on none: a waiting key refuses the others too", () => {
    const t0 = 3_000_000_000_000;
    const acct = "account:both@example.com" as const;
    const addr = "address:203.0.113.10" as const;
    for (let i = 0; i < 3; i++) throttle.takeAttempt([acct], t0);
    expect(throttle.takeAttempt([acct, addr], t0 + 1).ok).toBe(false);
    expect(throttle.throttleWaitMs([addr], t0 + 1)).toBe(0);
    expect(getDb().select().from(schema.signInThrottle).where(eq(schema.signInThrottle.key, addr)).all()).toHaveLength(0);
  });

  // Finding 1 of issue 10: the check of the wait and the count of the failure must not be split around the
  // (slow, awaited) password verification, or a burst passes the check all at once.
  for (const burst of [40, 100]) {
    it(`${burst} parallel wrong passwords for one account: only the 3 free ones are verified, and then even the right one waits`, async () => {
      const email = `burst-${burst}@example.com`;
      await users.createUser({ email, name: "B", password: "the right password", role: "partner_admin", partnerId: 1 });
      const keys = [`account:${email}`, `address:198.51.100.${burst}`] as const;
      let verified = 0;
      const check = async () => {
        verified++;
        return users.checkCredentials(email, "a wrong password");
      };
      const results = await Promise.all(Array.from({ length: burst }, () => checkWithKeys([...keys], check, (u) => u !== null)));
      expect(verified).toBe(3);
      expect(results.filter((r) => r.kind === "checked")).toHaveLength(3);
      expect(results.filter((r) => r.kind === "throttled")).toHaveLength(burst - 3);
      const right = await checkWithKeys(
        [...keys],
        () => users.checkCredentials(email, "the right password"),
        (u) => u !== null,
      );
      expect(right.kind).toBe("throttled");
    });
  }

  it("100 parallel sign-ins with different unknown emails from one address: only the address's 10 free ones are verified", async () => {
    let verified = 0;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        checkWithKeys(
          [`account:nobody-${i}@example.com`, "address:198.51.100.200"],
          async () => {
            verified++;
            return users.checkCredentials(`nobody-${i}@example.com`, "whatever it is");
          },
          (u) => u !== null,
        ),
      ),
    );
    expect(verified).toBe(10);
    expect(results.filter((r) => r.kind === "throttled")).toHaveLength(90);
  });

  it("30 parallel guesses at the current password (password change): 3 verified", async () => {
    let verified = 0;
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        checkWithKeys(
          [`account:password-${adminId}`, "address:198.51.100.201"],
          async () => {
            verified++;
            return manage.changeOwnPassword(adminId, "admin@example.com", "not the password", "a-new-password-1", null);
          },
          (ok) => ok,
        ),
      ),
    );
    expect(verified).toBe(3);
    expect(results.filter((r) => r.kind === "checked" && !r.right)).toHaveLength(3);
  });

  it("a check refused for load gives the attempt back and says busy", async () => {
    const keys = ["account:busy@example.com", "address:198.51.100.202"] as const;
    const r = await checkWithKeys(
      [...keys],
      async () => {
        throw new Busy();
      },
      () => true,
    );
    expect(r).toEqual({ kind: "busy" });
    expect(getDb().select().from(schema.signInThrottle).where(eq(schema.signInThrottle.key, keys[0])).all()).toHaveLength(0);
  });
});

// Finding 3 of issue 10: a flood of password checks is bounded; the rest are refused at once.
describe("password hash pool", () => {
  it("300 parallel password checks: at most PASSWORD_HASH_CONCURRENCY hash at once, PASSWORD_HASH_QUEUE more wait, every other one is refused at once with Busy", async () => {
    const pool = users.passwordHashPool();
    const admitted = pool.concurrency + pool.queue;
    expect(admitted).toBeLessThan(20);
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        users.checkCredentials(`flood-${i}@example.com`, "a password").then(
          () => "verified",
          (e) => (e instanceof Busy ? "busy" : `error ${e}`),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "verified")).toHaveLength(admitted);
    expect(outcomes.filter((o) => o === "busy")).toHaveLength(300 - admitted);
    expect(pool.highWater).toBeLessThanOrEqual(pool.concurrency);
    expect(pool.active + pool.waiting).toBe(0);
  });
});

describe("second factor (TOTP, RFC 6238)", () => {
  it("enrols with a code from the secret, then accepts codes and one-time recovery codes", async () => {
    const enrolment = mfa.startTotpEnrolment(managerId)!;
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(mfa.startTotpEnrolment(managerId)!.secret).toBe(enrolment.secret); // stable until done
    expect(await mfa.completeTotpEnrolment(managerId, "000000")).toEqual({ ok: false, error: "codeInvalid" });
    const now = Date.now();
    const enrolled = await mfa.completeTotpEnrolment(managerId, await generate({ secret: enrolment.secret, epoch: Math.floor(now / 1000) - 30 }));
    if (!enrolled.ok) throw new Error(enrolled.error);
    const codes = enrolled.codes;
    expect(codes).toHaveLength(mfa.RECOVERY_CODE_COUNT);
    expect(mfa.isTotpEnabled(managerId)).toBe(true);
    expect(await mfa.verifySecondFactor(managerId, await generate({ secret: enrolment.secret }))).toBe("ok");
    const current = await generate({ secret: enrolment.secret, epoch: Math.floor(now / 1000) + 30 });
    const wrong = current.slice(0, 5) + String((Number(current[5]) + 5) % 10);
    expect(await mfa.verifySecondFactor(managerId, wrong)).toBe("codeInvalid");
    expect(await mfa.verifySecondFactor(managerId, codes[0]!)).toBe("ok");
    expect(await mfa.verifySecondFactor(managerId, codes[0]!)).toBe("codeInvalid"); // used up
    expect(await mfa.verifySecondFactor(managerId, codes[1]!.toUpperCase().replace("-", " "))).toBe("ok");
    // Only the hash of each recovery code is stored.
    const stored = getDb()
      .select()
      .from(schema.recoveryCodes)
      .all()
      .map((r) => r.codeHash);
    expect(stored.join()).not.toContain(codes[2]!.replace("-", ""));
  });

  // Finding 6 of issue 10: a TOTP code works once; the last used time step is stored per account.
  it("refuses a code that was already used, and a code of an earlier step, even in parallel", async () => {
    const u = await users.createUser({
      email: "cm-replay@example.com",
      name: "R",
      password: "another long password",
      role: "channel_manager",
      partnerId: null,
    });
    const secret = mfa.startTotpEnrolment(u.id)!.secret;
    const s = Math.floor(Date.now() / 1000);
    expect((await mfa.completeTotpEnrolment(u.id, await generate({ secret, epoch: s - 30 }))).ok).toBe(true);
    // The enrolment code cannot sign in afterwards.
    expect(await mfa.verifySecondFactor(u.id, await generate({ secret, epoch: s - 30 }))).toBe("codeUsed");
    const code = await generate({ secret, epoch: s });
    const parallel = await Promise.all(Array.from({ length: 5 }, () => mfa.verifySecondFactor(u.id, code)));
    expect(parallel.filter((r) => r === "ok")).toHaveLength(1);
    expect(parallel.filter((r) => r === "codeUsed")).toHaveLength(4);
    expect(await mfa.verifySecondFactor(u.id, code)).toBe("codeUsed");
    // The next step's code (clock drift tolerance) is still new.
    expect(await mfa.verifySecondFactor(u.id, await generate({ secret, epoch: s + 30 }))).toBe("ok");
    expect(await mfa.verifySecondFactor(u.id, code)).toBe("codeUsed");
    const stored = getDb().select({ step: schema.users.totpLastStep }).from(schema.users).where(eq(schema.users.id, u.id)).get()!;
    expect(stored.step).toBe(Math.floor((s + 30) / 30));
  });
});
