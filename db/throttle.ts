import "server-only";
import { inArray } from "drizzle-orm";
import { bookkeepingTx as tx } from "./client";
import { signInThrottle } from "./schema";

// Attempts at a secret (password, second-factor code), counted per key (an account, an address) so that
// guessing slows down. An attempt is TAKEN before the secret is verified — one IMMEDIATE transaction
// reads the counters, refuses when a wait is running, and counts the attempt — and given back when the
// secret was right. Parallel requests therefore cannot all pass the check before any failure is counted:
// SQLite's write lock puts the transactions in a line, and the (free + 1)-th finds the wait.

/** Free attempts per kind of key; after that many failures the next attempt waits 1 s, doubling per failure, up to the cap. */
export const FREE_ATTEMPTS = { account: 3, address: 10 } as const;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures are forgotten after this long without one. */
const FORGET_AFTER_MS = 30 * 60_000;

export type ThrottleKey = `account:${string}` | `address:${string}`;

const freeFor = (key: ThrottleKey) => (key.startsWith("account:") ? FREE_ATTEMPTS.account : FREE_ATTEMPTS.address);

/** The wait after `failures` counted failures: none while free attempts remain, then 1 s doubling up to 15 min. */
export function delayAfter(key: ThrottleKey, failures: number): number {
  const over = failures - freeFor(key) + 1;
  return over <= 0 ? 0 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(over - 1, 20));
}

export type TakeResult = { ok: true } | { ok: false; waitMs: number };

/**
 * Takes one attempt on every key at once, or none: refused (with the longest wait) while any key waits.
 * The attempt counts as a failure until it is given back.
 */
export function takeAttempt(keys: ThrottleKey[], now = Date.now()): TakeResult {
  if (keys.length === 0) return { ok: true };
  return tx((db) => {
    const rows = new Map(
      db
        .select()
        .from(signInThrottle)
        .where(inArray(signInThrottle.key, keys))
        .all()
        .map((r) => [r.key, r]),
    );
    const live = (key: string) => {
      const r = rows.get(key);
      return r && now - r.lastFailureMs <= FORGET_AFTER_MS ? r : undefined;
    };
    const waitMs = keys.reduce((w, k) => Math.max(w, (live(k)?.blockedUntilMs ?? 0) - now), 0);
    if (waitMs > 0) return { ok: false, waitMs };
    for (const key of keys) {
      const failures = (live(key)?.failures ?? 0) + 1;
      const values = { failures, lastFailureMs: now, blockedUntilMs: now + delayAfter(key, failures) };
      db.insert(signInThrottle)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: signInThrottle.key, set: values })
        .run();
    }
    return { ok: true };
  });
}

/**
 * Gives back an attempt that turned out right (or was never verified): `forget` keys lose all their
 * failures (the account's owner proved who they are), the others lose this one attempt.
 */
export function giveBack(keys: ThrottleKey[], forget: ThrottleKey[] = []): void {
  if (keys.length === 0) return;
  tx((db) => {
    const rows = db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).all();
    for (const r of rows) {
      const key = r.key as ThrottleKey;
      const failures = forget.includes(key) ? 0 : r.failures - 1;
      if (failures <= 0) {
        db.delete(signInThrottle)
          .where(inArray(signInThrottle.key, [key]))
          .run();
      } else {
        const values = { failures, blockedUntilMs: Math.min(r.blockedUntilMs, r.lastFailureMs + delayAfter(key, failures)) };
        db.update(signInThrottle)
          .set(values)
          .where(inArray(signInThrottle.key, [key]))
          .run();
      }
    }
  });
}

/** How long (ms) the caller must still wait before trying these keys again; 0 when free. Read-only. */
export function throttleWaitMs(keys: ThrottleKey[], now = Date.now()): number {
  if (keys.length === 0) return 0;
  return tx((db) =>
    db
      .select()
      .from(signInThrottle)
      .where(inArray(signInThrottle.key, keys))
      .all()
      .reduce((wait, r) => (now - r.lastFailureMs > FORGET_AFTER_MS ? wait : Math.max(wait, r.blockedUntilMs - now)), 0),
  );
}
